"""Request and response bodies of the resource inventory API. Shapes only; the domain rules
and their Swedish messages are the services' (samsyn/assessments/services/inventory.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from samsyn.assessments.models import Profession
from samsyn.participants.api.schemas import Day, Id, In, LongText, ShortText, Version
from samsyn.participants.models import Recommendation

Hours = Annotated[Decimal, Field(max_digits=4, decimal_places=1)]


class InventoryIn(In):
    version: Version = Field(description="0 to start the inventory; else the version read.")
    started_on: Day
    observation_from: Day | None = None
    observation_to: Day | None = None
    observation_place: ShortText = ""
    recommendation: Recommendation | Literal[""] = ""
    recommended_on: Day | None = None
    recommendation_reasons: LongText = ""
    handover_party_id: Id | None = None
    handover_on: Day | None = None
    handover_note: LongText = ""


class AssessmentIn(In):
    profession: Profession
    assessor: ShortText
    assessed_on: Day
    findings: LongText = ""


class WeekIn(In):
    week_starting: Day = Field(description="Any day of the week; stored as its Monday.")
    planned_hours: Hours
    attended_hours: Hours
    note: LongText = ""


class AssessmentOut(Schema):
    id: int
    version: int
    profession: str
    assessor: str
    assessed_on: datetime.date
    findings: str


class WeekOut(Schema):
    week_starting: datetime.date
    planned_hours: Decimal
    attended_hours: Decimal
    attendance_percent: float | None
    note: str


class InventoryOut(Schema):
    registration_id: int
    version: int
    started_on: datetime.date
    observation_from: datetime.date | None
    observation_to: datetime.date | None
    observation_place: str
    recommendation: str
    recommended_on: datetime.date | None
    recommendation_reasons: str
    handover_party_id: int | None
    handover_on: datetime.date | None
    handover_note: str
    attendance_percent: float | None = Field(description="Attended / planned hours, percent.")
    can_write: bool
    assessments: list[AssessmentOut]
    weeks: list[WeekOut]


class TrackOut(Schema):
    code: str
    label: str
    counts: dict[str, int | float | str | None]
    shares: dict[str, float | str | None]


class DistributionOut(Schema):
    intervention_id: int
    fran: datetime.date
    till: datetime.date
    suppressed: bool
    tracks: list[TrackOut]
    total: dict[str, int | float | str | None]
    ongoing: int | float | str | None
    attendance_share: float | str | None
