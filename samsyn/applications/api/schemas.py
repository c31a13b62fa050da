"""Request and response bodies of the applications API (/api/v1/applications/…)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema

from samsyn.applications.models import ApplicationKind, ApplicationStatus
from samsyn.interventions.models import (
    CostCategory,
    GoalComparison,
    GoalGender,
    Method,
    Orientation,
)
from samsyn.participants.api.schemas import Day, Id, IdList, In, LongText, ShortText, Version

Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Year = Annotated[int, Field(ge=2000, le=2100)]


class CallOut(Schema):
    id: int
    title: str
    funds: str
    criteria: str
    form_instructions: str
    opens_on: datetime.date
    deadline: datetime.date | None = Field(description="Null: open until further notice.")
    total_amount: Decimal | None
    is_published: bool
    is_open: bool = Field(description="Published, opened and the deadline not passed.")


class BudgetLineIn(In):
    year: Year
    category: CostCategory
    amount: Money = Field(description="The line's total; the funder columns add up to it.")
    description: ShortText = ""
    fte_percent: Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)] | None = (
        None
    )
    period_from: Day | None = None
    period_to: Day | None = None
    forbund_amount: Money = Decimal(0)
    own_money_amount: Money = Decimal(0)
    in_kind_amount: Money = Decimal(0)
    sold_places_amount: Money = Decimal(0)
    other_amount: Money = Decimal(0)
    cofinancing_party_id: Id | None = None


class BudgetLineOut(Schema):
    id: int
    year: int
    category: str
    amount: Decimal
    description: str
    fte_percent: Decimal | None
    period_from: datetime.date | None
    period_to: datetime.date | None
    forbund_amount: Decimal
    own_money_amount: Decimal
    in_kind_amount: Decimal
    sold_places_amount: Decimal
    other_amount: Decimal
    cofinancing_party_id: int | None


class YearIn(In):
    year: Year
    planned_participants: Annotated[int, Field(ge=0, le=100_000)]


class GoalIn(In):
    metric_id: Annotated[ShortText, Field(max_length=64)]
    target: Annotated[Decimal, Field(ge=0, le=1_000_000, max_digits=9, decimal_places=2)]
    comparison: GoalComparison = GoalComparison.AT_LEAST
    target_max: (
        Annotated[Decimal, Field(ge=0, le=1_000_000, max_digits=9, decimal_places=2)] | None
    ) = None
    gender: GoalGender = GoalGender.TOTAL
    label: ShortText = ""


class SectionsIn(In):
    name: Annotated[ShortText, Field(min_length=1)]
    call_id: Id | None = None
    contact_name: ShortText = ""
    contact_email: ShortText = ""
    purpose: LongText = ""
    goals_text: LongText = ""
    background: LongText = ""
    target_group: LongText = ""
    method: LongText = ""
    methods: Annotated[list[Method], Field(max_length=len(Method.values))] = []
    orientation: Orientation = Orientation.INDIVIDINRIKTAD
    implementation: LongText = ""
    follow_up: LongText = ""
    anchoring: LongText = ""
    lokus_discussed: bool | None = None
    lokus_comment: LongText = ""
    planned_start: Day | None = None
    planned_end: Day | None = None
    last_intake_date: Day | None = None
    partner_party_ids: IdList = []


class ApplicationCreateIn(SectionsIn):
    party_id: Id | None = Field(None, description="The party applied for, when you have several.")


class ApplicationUpdateIn(SectionsIn):
    version: Version
    budget_lines: Annotated[list[BudgetLineIn], Field(max_length=200)] | None = Field(
        None, description="Replaces the whole budget when given."
    )
    years: Annotated[list[YearIn], Field(max_length=20)] | None = None
    goals: Annotated[list[GoalIn], Field(max_length=50)] | None = None


class ApplicationVersionIn(In):
    version: Version


class SummaryRowOut(Schema):
    year: int | None
    party: str
    forbund: Decimal = Field(description="Att rekvirera från samordningsförbundet.")
    own_money: Decimal
    in_kind: Decimal
    other: Decimal = Field(description="Sold places and other income.")
    total: Decimal


class ApplicationSummaryOut(Schema):
    id: int
    version: int
    name: str
    kind: ApplicationKind
    status: ApplicationStatus
    call_id: int | None
    applicant_party_id: int
    applicant_party: str
    submitted_on: datetime.date | None
    forbund_amount: Decimal
    total_amount: Decimal


class ApplicationOut(ApplicationSummaryOut):
    contact_name: str
    contact_email: str
    purpose: str
    goals_text: str
    background: str
    target_group: str
    method: str
    methods: list[str]
    orientation: str
    implementation: str
    follow_up: str
    anchoring: str
    lokus_discussed: bool | None
    lokus_comment: str
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    last_intake_date: datetime.date | None
    partner_party_ids: list[int]
    budget_lines: list[BudgetLineOut]
    years: list[YearIn]
    summary: list[SummaryRowOut]
    missing: dict[str, list[str]] = Field(
        description="What stops the submission (drafts the caller may write; else empty)."
    )
    can_write: bool
