"""The shapes of the IPS summaries the pages, the API, the dashboards and the period reports
share: ``ips_outcomes_summary`` (outcomes_summary.py) and ``job_development_summary``
(job_development.py). JSON-ready dicts, typed so a reader and mypy know every key.

Cells are numbers, ``None`` (undefined, shown as "—") or, when suppressed, the text of a
hidden value ("< 5", "dolt").
"""

from __future__ import annotations

from typing import TypedDict

from samsyn.stats.metrics import GenderValues
from samsyn.stats.tables import GenderCells

# --- ips_outcomes_summary --------------------------------------------------------------------

# "from" is a Python keyword: the functional syntax keeps the JSON key.
OutcomesPeriod = TypedDict("OutcomesPeriod", {"from": str, "to": str})


class InterventionRef(TypedDict):
    id: int
    name: str


class EmploymentReference(TypedDict):
    employment_rate_low: float
    employment_rate_high: float
    caseload_limit: int
    text: str


class OutcomeFigure(TypedDict):
    id: str
    name: str
    definition: str
    kind: str  # count | share | median
    values: GenderCells


class CaseloadFigures(TypedDict):
    limit: int
    coaches: int
    coaches_over_limit: int


class CoachOutcomes(TypedDict):
    id: int | None  # None: the registrations without a coach
    name: str
    team: str | None
    caseload_status: str
    over_limit: bool
    values: dict[str, GenderValues]  # figure id -> kvinna / man / total


class TeamOutcomes(TypedDict):
    id: int
    name: str
    coaches: int
    values: dict[str, GenderValues]


QuarterEmployment = TypedDict(
    "QuarterEmployment",
    {
        "label": str,  # "2026 K1"
        "from": str,
        "to": str,
        "in_competitive_job": int | str,
        "out_of_work_active": int | str,
        "employment_rate": float | str | None,
    },
)


class IpsOutcomesSummary(TypedDict):
    schema: int
    intervention: InterventionRef
    period: OutcomesPeriod
    suppressed: bool  # small numbers hidden, per-coach and team rows left out
    small_numbers_rule: str  # "" when not suppressed
    reference: EmploymentReference
    population: str  # who the caseload and the employment rate count
    figures: list[OutcomeFigure]
    caseload: CaseloadFigures
    coaches: list[CoachOutcomes]
    teams: list[TeamOutcomes]
    coaches_without_team: int
    by_quarter: list[QuarterEmployment]  # totals, oldest first


# --- job_development_summary -----------------------------------------------------------------


class JobDevelopmentPeriod(TypedDict):
    start: str
    end: str


class FirstContactSummary(TypedDict):
    target_days: int
    started: int | str
    with_contact: int | str
    known: int | str
    within_30_days: int | str
    share_within_30_days: float | str | None  # 0–1
    median_days: float | str | None
    average_days: float | str | None


class BankSummary(TypedDict):
    start: int
    end: int
    growth_percent: float | None
    growth_text: str  # "+40 %"


class JobDevelopmentSummary(TypedDict):
    period: JobDevelopmentPeriod
    target_per_week: int
    face_to_face_contacts: int
    coaches: int
    weeks: int
    contacts_per_coach_per_week: float | None
    first_contact: FirstContactSummary
    bank: BankSummary
