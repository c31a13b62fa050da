"""Request and response bodies of the follow-up, job and study start, exit and post-exit
operations (split from samsyn/participants/api/schemas.py, which keeps the shared pieces)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from samsyn.participants.api.schemas import (
    MAX_ID,
    Day,
    In,
    Incomes,
    LongText,
    NamedOut,
    PersonSummaryOut,
    ShortText,
    Version,
)
from samsyn.participants.models import (
    DailyActivityPlacement,
    ExitReason,
    Occupation,
    Outcome,
    Recommendation,
    StartForm,
    StartKind,
)

# --- Follow-ups, starts, exit, post-exit ----------------------------------------------------


class FollowUpOut(Schema):
    id: int
    held_on: datetime.date
    participants_present: str
    note: str
    next_due: datetime.date
    recorded_by: str


class FollowUpIn(In):
    held_on: Day
    participants_present: ShortText = ""
    note: LongText = ""
    next_due: Day | None = Field(None, description="Default: held_on plus the interval.")


class DueFollowUpOut(Schema):
    registration_id: int
    person: PersonSummaryOut
    intervention: str
    coach: NamedOut | None
    next_follow_up_due: datetime.date
    overdue: bool


class DueFollowUpPageOut(Schema):
    count: int
    limit: int
    offset: int
    within_days: int
    items: list[DueFollowUpOut]


class WorkStartOut(Schema):
    id: int
    kind: str
    form: str
    employer: str
    start_date: datetime.date
    end_date: datetime.date | None
    hours_per_week: float | None
    competitive: bool
    daily_activity_placement: str = Field(
        description="behalls, vilande or lamnas for a person in LSS daily activity; else empty."
    )
    held_confirmed_on: datetime.date | None  # the latest day recorded as still held


class WorkStartStatusIn(In):
    """Still held on a day, or ended; either or both. Also after the registration's exit."""

    held_on: Day | None = None
    end_date: Day | None = None


class WorkStartIn(In):
    kind: StartKind
    form: StartForm
    employer: ShortText = ""
    start_date: Day
    end_date: Day | None = None
    hours_per_week: Decimal | None = Field(None, ge=0, le=80, max_digits=4, decimal_places=1)
    competitive: bool = False
    daily_activity_placement: DailyActivityPlacement | Literal[""] = Field(
        "", description="Required for a person in LSS daily activity (an LSS decision)."
    )


class ExitIn(In):
    version: Version
    end_date: Day
    reason: ExitReason
    income_sources_after: Incomes = []
    occupation_after: Occupation | None = None
    outcome: Outcome | None = None
    exit_plan: LongText = ""
    recommendation: Recommendation | None = None
    step_forward: bool | None = Field(
        None, description="null: computed by the rule of samsyn/participants/selectors/progress.py."
    )


class PostExitOut(Schema):
    id: int
    registration_id: int
    person: PersonSummaryOut
    intervention: str
    months_after: int
    due_on: datetime.date
    overdue: bool
    done_on: datetime.date | None
    reached: bool | None
    occupation: str
    income_sources: list[str]
    note: str


class PostExitPageOut(Schema):
    count: int
    limit: int
    offset: int
    within_days: int
    items: list[PostExitOut]


class PostExitIn(In):
    done_on: Day
    reached: bool
    occupation: Occupation | None = None
    income_sources: Incomes = []
    note: LongText = ""


class DueFilters(Schema):
    within_days: int | None = Field(None, ge=0, le=366)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_ID)
