"""Request and answer bodies of decisions and deviation reports in the JSON API."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from samsyn.applications.models import DecidingBody, DecisionOutcome, DeviationStatus
from samsyn.participants.api.schemas import Day, Id, In, LongText, ShortText, Version

Amount = Annotated[Decimal, Field(max_digits=14, decimal_places=4)]
Year = Annotated[int, Field(ge=2000, le=2100)]


class GrantedYearIn(In):
    year: Year
    granted_amount: Amount


class FundingDecisionIn(In):
    body: DecidingBody
    decided_on: Day
    paragraph: Annotated[str, Field(max_length=40)]
    outcome: DecisionOutcome
    conditions: LongText = ""
    motivation: LongText = ""
    years: Annotated[list[GrantedYearIn], Field(max_length=20)] = []
    confirm_over_request: bool = False


class GrantedYearOut(Schema):
    year: int
    granted_amount: Decimal


class FundingDecisionOut(Schema):
    id: int
    application_id: int
    application_name: str
    application_kind: str
    intervention_id: int | None
    body: str
    decided_on: datetime.date
    paragraph: str
    outcome: str
    conditions: str
    motivation: str
    has_minutes: bool
    years: list[GrantedYearOut]


class DeviationReportIn(In):
    intervention_id: Id
    title: ShortText
    description: LongText
    proposed_action: LongText = ""
    reported_on: Day | None = None


class DeviationReportResponseIn(In):
    version: Version
    status: DeviationStatus
    response: LongText
    follow_up_application_id: Id | None = None


class DeviationReportOut(Schema):
    id: int
    version: int
    intervention_id: int
    intervention_name: str
    reported_on: datetime.date
    title: str
    description: str
    proposed_action: str
    status: str
    response: str
    follow_up_application_id: int | None
