"""Request and response bodies of the participant API (pydantic, via django-ninja).

Input types are strict about shape and leave the domain rules to the services, which give
the Swedish messages: ids are bounded to what the database can hold, dates to 1900–2100,
and text may not contain NUL (PostgreSQL refuses it). Unknown fields are refused, so a
misspelt ``acknowledge_warnings`` is an error and not a silent "no".

Codes are those of ``participants.models.choices``; the OpenAPI document lists them.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

from samsyn.core.api.schemas import ErrorOut as ErrorOut
from samsyn.core.api.schemas import FieldErrorOut as FieldErrorOut
from samsyn.core.api.schemas import InvalidOut as InvalidOut
from samsyn.core.api.schemas import WarningsOut as WarningsOut
from samsyn.core.personnummer import PersonnummerStr
from samsyn.participants.models import (
    EducationLevel,
    Gender,
    IncomeSource,
    Occupation,
    OverallGoal,
    RecipientCategory,
    SubGoalStatus,
)

MAX_ID = 2_147_483_647
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)


def _day_in_range(value: datetime.date) -> datetime.date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(_("Ange ett datum mellan 1900-01-01 och 2100-12-31."))
    return value


def printable(value: str) -> str:
    """Refuses a NUL, which PostgreSQL cannot store or even compare (a 500 otherwise)."""
    if "\x00" in value:
        raise ValueError(_("Texten innehåller ett otillåtet tecken."))
    return value


_printable = printable


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID, description="The version the client last read.")]
Day = Annotated[datetime.date, AfterValidator(_day_in_range)]
ShortText = Annotated[str, Field(max_length=200), AfterValidator(_printable)]
LongText = Annotated[str, Field(max_length=10_000), AfterValidator(_printable)]
Slug = Annotated[str, Field(max_length=60), AfterValidator(_printable)]
IdList = Annotated[list[Id], Field(max_length=50)]
Incomes = Annotated[list[IncomeSource], Field(max_length=len(IncomeSource.values))]


class In(Schema):
    """Base of every request body: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


# --- Errors (documented in OpenAPI; produced by samsyn/api/errors.py) -----------------------
# The classes live in core so that every app documents the same components.

ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


# --- Shared pieces of output ----------------------------------------------------------------


class NamedOut(Schema):
    id: int
    name: str


class OrderedOut(NamedOut):
    order: int


class PersonSummaryOut(Schema):
    pseudonym: str = Field(description="The participant's pseudonymous code, e.g. D-7K2M9QX.")
    anonymous: bool
    name: str | None = Field(description="First and last name; null for an anonymous person.")


class PersonOut(PersonSummaryOut):
    protected_identity: bool
    first_name: str | None
    last_name: str | None
    personnummer_masked: str | None = Field(
        description="Birth date and XXXX, e.g. 19850312-XXXX. The API never gives the full "
        "number; null for an anonymous person."
    )
    gender: str
    birth_year: int | None
    home_municipality_code: str


# --- Registrations --------------------------------------------------------------------------


class RegistrationSummaryOut(Schema):
    id: int
    person: PersonSummaryOut
    intervention: str = Field(description="The intervention's slug.")
    coach: NamedOut | None
    start_date: datetime.date
    end_date: datetime.date | None
    ongoing: bool
    current_phase: OrderedOut | None
    next_follow_up_due: datetime.date | None
    follow_up_overdue: bool


class RegistrationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[RegistrationSummaryOut]


class BaselineOut(Schema):
    incomes_before: list[str]
    occupation_before: str
    education_level: str
    months_outside_labour_market: int | None
    current_at_parties: list[NamedOut]


class ExitOut(Schema):
    end_date: datetime.date
    reason: str
    incomes_after: list[str]
    occupation_after: str
    outcome: str
    exit_plan: str
    recommendation: str
    step_forward: bool | None


class ConsentStatusOut(Schema):
    status: str = Field(description="active, withdrawn, expired, pending or none.")
    text: str


class RegistrationOut(Schema):
    id: int
    version: int
    person: PersonOut
    intervention: str
    referral_id: int | None
    referring_party: NamedOut | None
    coach: NamedOut | None
    start_date: datetime.date
    baseline: BaselineOut
    current_phase: OrderedOut | None
    next_follow_up_due: datetime.date | None
    consent: ConsentStatusOut
    exit: ExitOut | None
    can_write: bool = Field(description="Whether the caller may change the journey.")


class RegistrationFilters(Schema):
    intervention: Slug | None = Field(None, description="Only this intervention (its slug).")
    ongoing: bool | None = Field(None, description="true: not ended; false: ended.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_ID)


class PersonIn(In):
    identity: Literal["personnummer", "anonym", "skyddad"] = Field(
        "personnummer",
        description="personnummer: identified; anonym: without identity (no consent); "
        "skyddad: protected identity (skyddade personuppgifter), stored without identity.",
    )
    personnummer: PersonnummerStr | None = None
    first_name: ShortText = ""
    last_name: ShortText = ""
    gender: Gender | None = Field(None, description="Required without identity.")
    birth_year: int | None = Field(None, ge=1, le=9999, description="Required without identity.")
    home_municipality_code: Annotated[str, Field(max_length=4), AfterValidator(_printable)] = ""


class BaselineIn(In):
    start_date: Day
    coach: Id | None = Field(None, description="User id of a coach of the intervention.")
    incomes_before: Incomes
    occupation_before: Occupation | None = None
    education_level: EducationLevel = EducationLevel.OKAND
    months_outside_labour_market: int | None = Field(None, ge=0, le=600)
    current_at_parties: IdList = []


class RecipientIn(In):
    category: RecipientCategory
    name: ShortText = Field(description="Who, e.g. the earlier employer's or school's name.")


class ConsentTermsIn(In):
    parties: IdList = Field([], description="Ids of the parties that may exchange information.")
    recipients: Annotated[list[RecipientIn], Field(max_length=50)] = Field(
        [], description="Others the staff may contact: earlier workplaces, schools, units."
    )
    valid_from: Day
    valid_to: Day | None = None


class CriteriaIn(In):
    """The facts the intervention's structured criteria are checked against."""

    has_lss_daily_activity: bool = False
    has_long_term_forsorjningsstod: bool = False
    current_in_psychiatry: bool = False


class RegistrationIn(In):
    """Either ``referral`` (an accepted referral) or the direct fields; ``baseline`` always."""

    referral: Id | None = Field(None, description="Register the person of this referral.")
    consent_id: Id | None = Field(
        None, description="With referral: one of the person's consents; null = anonymous."
    )
    intervention: Slug | None = Field(None, description="Direct: the intervention's slug.")
    person: PersonIn | None = None
    referring_party: Id | None = None
    team: Id | None = None
    reason: LongText = ""
    consent: ConsentTermsIn | None = Field(
        None, description="Direct: the consent; null registers the person anonymously."
    )
    acknowledge_warnings: bool = False
    criteria: CriteriaIn = Field(
        default_factory=CriteriaIn,
        description="Direct: facts for the structured criteria (incomes: the baseline's).",
    )
    baseline: BaselineIn


# --- Referrals ------------------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    version: int
    intervention: str
    status: str
    referred_on: datetime.date
    referring_party: NamedOut
    team: NamedOut | None
    referred_by: NamedOut | None
    reason: str
    person: PersonSummaryOut
    current_at_parties: list[NamedOut]
    has_lss_daily_activity: bool
    has_long_term_forsorjningsstod: bool
    current_in_psychiatry: bool
    income_sources: list[str]
    eligibility_warnings: list[str]
    decision_reason: str
    decided_on: datetime.date | None
    registration_id: int | None


class ReferralPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReferralOut]


class ReferralFilters(Schema):
    status: Literal["pending", "accepted", "declined"] | None = None
    intervention: Slug | None = None
    mine: bool = Field(False, description="Only the referrals the caller made.")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_ID)


class ReferralIn(In):
    intervention: Slug
    referring_party: Id
    team: Id | None = None
    person: PersonIn
    reason: LongText
    current_at_parties: IdList = []
    income_sources: Incomes = Field([], description="The person's income sources now.")
    criteria: CriteriaIn = Field(default_factory=CriteriaIn)
    referred_on: Day | None = None
    acknowledge_warnings: bool = Field(
        False, description="Save even though eligibility rules gave warnings."
    )


class DecisionIn(In):
    accept: bool
    reason: LongText = Field("", description="Required when declining.")
    version: Version


# --- Plan and sub-goals ---------------------------------------------------------------------


class SubGoalOut(Schema):
    id: int
    version: int
    description: str
    target_date: datetime.date | None
    responsible_party: NamedOut | None
    status: str
    reached_on: datetime.date | None


class PlanOut(Schema):
    registration_id: int
    version: int | None = Field(description="null while there is no plan yet.")
    overall_goal: str | None
    agreed_on: datetime.date | None
    agreed_by_participant: bool
    agreed_by_referrer: bool
    description: str
    sub_goals: list[SubGoalOut]


class PlanIn(In):
    version: Version | None = Field(
        description="The plan's version as read; null when creating the first plan."
    )
    overall_goal: OverallGoal
    agreed_on: Day
    agreed_by_participant: bool = False
    agreed_by_referrer: bool = False
    description: LongText = ""


class SubGoalIn(In):
    description: LongText
    target_date: Day | None = None
    responsible_party: Id | None = None
    status: SubGoalStatus = SubGoalStatus.EJ_PABORJAT
    reached_on: Day | None = None


class SubGoalPatch(In):
    """Only the fields sent are changed; ``version`` is required."""

    version: Version
    description: LongText = ""
    target_date: Day | None = None
    responsible_party: Id | None = None
    status: SubGoalStatus = SubGoalStatus.EJ_PABORJAT
    reached_on: Day | None = None


# --- Activities, phases, steps --------------------------------------------------------------


class ActivityOut(Schema):
    id: int
    activity_type: NamedOut
    held_on: datetime.date
    hours: float
    provider: str
    note: str
    recorded_by: str


class ActivityIn(In):
    activity_type: Id
    held_on: Day
    hours: Decimal = Field(ge=0, le=24, max_digits=5, decimal_places=2)
    provider: ShortText = ""
    note: LongText = ""


class PhaseChangeOut(Schema):
    id: int
    phase: OrderedOut
    entered_on: datetime.date


class PhaseChangeIn(In):
    phase: Id
    entered_on: Day


class StepRecordOut(Schema):
    id: int
    step: OrderedOut
    recorded_on: datetime.date


class StepRecordIn(In):
    step: Id
    recorded_on: Day


# --- Choices for the forms ------------------------------------------------------------------


class ChoicesOut(Schema):
    intervention: str
    referring_parties: list[NamedOut] = Field(description="Parties the caller may refer for.")
    parties: list[NamedOut]
    teams: list[NamedOut]
    coaches: list[NamedOut]
    phases: list[OrderedOut]
    ladder_steps: list[OrderedOut]
    activity_types: list[NamedOut]
    indicators: list[OrderedOut] = Field(
        [], description="Progression indicators, each rated in every measurement."
    )


# --- Journal notes, indicator ratings, consents, undoing an exit ----------------------------

Score = Annotated[int, Field(ge=1, le=5, description="1 (low) to 5 (high).")]


class NoteOut(Schema):
    id: int
    written_at: datetime.datetime
    author: str
    text: str


class NoteIn(In):
    text: LongText


class IndicatorScoreOut(Schema):
    indicator: NamedOut
    score: int


class MeasurementOut(Schema):
    rated_on: datetime.date
    mean: float
    scores: list[IndicatorScoreOut]


class IndicatorScoreIn(In):
    indicator: Id
    score: Score


class MeasurementIn(In):
    rated_on: Day
    scores: Annotated[list[IndicatorScoreIn], Field(max_length=100)] = Field(
        description="One score for every indicator of the intervention."
    )


class RecipientOut(Schema):
    category: str
    name: str


class ConsentOut(Schema):
    id: int
    version: int
    parties: list[NamedOut]
    recipients: list[RecipientOut]
    valid_from: datetime.date
    valid_to: datetime.date | None
    withdrawn_on: datetime.date | None
    active: bool
    has_document: bool


class WithdrawalIn(In):
    version: Version
    withdrawn_on: Day


class VersionIn(In):
    version: Version
