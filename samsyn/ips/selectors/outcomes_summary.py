"""The IPS outcomes of one intervention and period as one JSON-ready dict, for the outcomes
page, the API, the intervention dashboard and the period reports (typed as
``IpsOutcomesSummary`` in summary_types.py).

``ips_outcomes_summary(intervention, period, *, suppress)`` — shape (``SCHEMA_VERSION`` 1)::

    {
      "schema": 1,
      "intervention": {"id", "name"},
      "period": {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"},
      "suppressed": bool,               # small numbers hidden, per-coach and team rows left out
      "small_numbers_rule": str,        # "" when not suppressed
      "reference": {"employment_rate_low": 0.4, "employment_rate_high": 0.5,
                    "caseload_limit": 20, "text": str},
      "population": str,                # who the caseload and the employment rate count
      "figures": [{"id", "name", "definition", "kind",      # kind: count | share | median
                   "values": {"kvinna", "man", "total"}}],
      "caseload": {"limit": 20, "coaches": int, "coaches_over_limit": int},
      "coaches": [{"id": int | None, "name", "team": str | None, "caseload_status",
                   "over_limit": bool, "values": {figure id: {"kvinna", "man", "total"}}}],
      "teams": [{"id", "name", "coaches": int, "values": {...}}],
      "coaches_without_team": int,
      "by_quarter": [{"label": "2026 K1", "from", "to", "in_competitive_job",
                      "out_of_work_active", "employment_rate"}],   # totals, oldest first
    }

Cells are numbers, ``None`` (an undefined share or median, shown as "—") or, when
suppressed, the text of a hidden count ("< 5", "dolt"): counts from 1 to 4 are hidden with
secondary suppression inside each kvinna / man / total triple, a share is hidden when its
numerator or denominator is, and a median over 1–4 first jobs is hidden. For a suppressed
audience (styrgrupp) ``coaches`` and ``teams`` are empty: only the intervention's figures.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.ips.metrics import IPS_METRICS
from samsyn.ips.selectors.outcomes import (
    CASELOAD_LIMIT,
    EMPLOYMENT_REFERENCE,
    NO_COACH,
    POPULATION_TEXT,
    OutcomeGroups,
    OutcomeValues,
    active_caseload,
    competitive_jobs,
    contact_annotations,
    ips_registrations,
    outcome_groups,
    overlaps,
)
from samsyn.ips.selectors.summary_types import (
    CoachOutcomes,
    EmploymentReference,
    IpsOutcomesSummary,
    QuarterEmployment,
    TeamOutcomes,
)
from samsyn.participants.models.choices import Occupation
from samsyn.stats.metrics import share
from samsyn.stats.periods import FIRST_YEAR, Period, add_quarters, quarter_of, quarter_start
from samsyn.stats.suppression import SMALL_NUMBERS_RULE, Suppressed, is_small
from samsyn.stats.tables import GenderCells, suppressed_metric_values

SCHEMA_VERSION = 1
CHART_QUARTERS = 8


def shown_values(group: OutcomeValues, *, suppress: bool) -> dict[str, GenderCells]:
    """The group's figures for the audience (see the module docstring)."""
    return suppressed_metric_values(IPS_METRICS, group.values(), group.totals(), suppress=suppress)


def caseload_status(active: int) -> str:
    if active > CASELOAD_LIMIT:
        return _("Över gränsen (%(limit)s per coach)") % {"limit": CASELOAD_LIMIT}
    return _("Inom gränsen (%(limit)s per coach)") % {"limit": CASELOAD_LIMIT}


def _coach_rows(groups: OutcomeGroups) -> list[CoachOutcomes]:
    rows: list[CoachOutcomes] = []
    for coach, values in groups.coaches.items():
        active = values.triple("caseload_active")["total"]
        team = groups.coach_team.get(coach)
        rows.append(
            {
                "id": None if coach == NO_COACH else coach,
                "name": groups.coach_names.get(coach, "") or _("Ingen coach angiven"),
                "team": groups.team_names.get(team) if team else None,
                "caseload_status": caseload_status(active) if coach != NO_COACH else "",
                "over_limit": coach != NO_COACH and active > CASELOAD_LIMIT,
                "values": values.values(),
            }
        )
    # Named coaches by name; registrations without a coach last.
    return sorted(rows, key=lambda row: (row["id"] is None, row["name"].casefold()))


def _team_rows(groups: OutcomeGroups) -> list[TeamOutcomes]:
    rows: list[TeamOutcomes] = [
        {
            "id": team,
            "name": groups.team_names.get(team, ""),
            "coaches": sum(1 for t in groups.coach_team.values() if t == team),
            "values": values.values(),
        }
        for team, values in groups.teams.items()
    ]
    return sorted(rows, key=lambda row: row["name"].casefold())


def reference() -> EmploymentReference:
    low, high = EMPLOYMENT_REFERENCE
    return {
        "employment_rate_low": low,
        "employment_rate_high": high,
        "caseload_limit": CASELOAD_LIMIT,
        "text": _(
            "I IPS-program med god programtrohet får omkring 40–50 % av deltagarna utan arbete "
            "ett konkurrensutsatt arbete. En coach har högst 20 aktiva deltagare."
        ),
    }


def ips_outcomes_summary(
    intervention: Intervention, period: Period, *, suppress: bool
) -> IpsOutcomesSummary:
    """The IPS outcomes of ``intervention`` for ``period`` (shape in the module docstring).

    Seven queries whatever the number of registrations and jobs."""
    groups = outcome_groups(intervention, period)
    named = [coach for coach in groups.coaches if coach != NO_COACH]
    over = sum(
        1
        for coach in named
        if groups.coaches[coach].triple("caseload_active")["total"] > CASELOAD_LIMIT
    )
    figures = shown_values(groups.intervention, suppress=suppress)
    return {
        "schema": SCHEMA_VERSION,
        "intervention": {"id": intervention.pk, "name": intervention.name},
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "suppressed": suppress,
        "small_numbers_rule": str(SMALL_NUMBERS_RULE) if suppress else "",
        "reference": reference(),
        "population": str(POPULATION_TEXT),
        "figures": [
            {
                "id": metric.id,
                "name": str(metric.name),
                "definition": str(metric.definition),
                "kind": metric.kind.value,
                "values": figures[metric.id],
            }
            for metric in IPS_METRICS
        ],
        "caseload": {"limit": CASELOAD_LIMIT, "coaches": len(named), "coaches_over_limit": over},
        "coaches": [] if suppress else _coach_rows(groups),
        "teams": [] if suppress else _team_rows(groups),
        "coaches_without_team": 0
        if suppress
        else sum(1 for coach in named if groups.coach_team.get(coach) is None),
        "by_quarter": employment_rate_by_quarter(intervention, period, suppress=suppress),
    }


# --- employment rate per quarter (the chart) -------------------------------------------------


def chart_quarters(intervention: Intervention, period: Period) -> list[Period]:
    """Up to ``CHART_QUARTERS`` calendar quarters ending with the one holding the period's
    last day, none before the quarter the intervention started in (nor before FIRST_YEAR)."""
    last = quarter_of(period.end)
    first = max(
        add_quarters(last.start, 1 - CHART_QUARTERS),
        quarter_start(intervention.start_date),
        datetime.date(FIRST_YEAR, 1, 1),
    )
    if first > last.start:
        return []
    return Period(first, last.end).quarters()


def quarter_label(quarter: Period) -> str:
    return _("%(year)s K%(number)s") % {
        "year": quarter.start.year,
        "number": (quarter.start.month - 1) // 3 + 1,
    }


def employment_rate_by_quarter(
    intervention: Intervention, period: Period, *, suppress: bool
) -> list[QuarterEmployment]:
    """Employment rate (totals) per chart quarter, in one aggregate query. Each quarter's
    population is the active caseload on its last day (the period's last day for the
    quarter that holds it), as for ``employment_rate``."""
    quarters = [
        Period(quarter.start, min(quarter.end, period.end))
        for quarter in chart_quarters(intervention, period)
    ]
    if not quarters:
        return []
    annotations: dict[str, Any] = {}
    for i, quarter in enumerate(quarters):
        annotations.update(contact_annotations(quarter.end, f"_{i}"))
        annotations[f"job_{i}"] = Exists(
            competitive_jobs().filter(overlaps(quarter), registration=OuterRef("pk"))
        )
    registrations = ips_registrations(intervention).annotate(**annotations)
    out_of_work = ~Q(occupation_before=Occupation.ARBETAR)
    aggregates: dict[str, Count] = {}
    for i, quarter in enumerate(quarters):
        denominator = out_of_work & active_caseload(quarter.end, f"_{i}")
        aggregates[f"den_{i}"] = Count("id", distinct=True, filter=denominator)
        aggregates[f"num_{i}"] = Count(
            "id", distinct=True, filter=denominator & Q(**{f"job_{i}": True})
        )
    totals = registrations.aggregate(**aggregates)
    rows: list[QuarterEmployment] = []
    for i, quarter in enumerate(quarters):
        numerator, denominator = totals[f"num_{i}"], totals[f"den_{i}"]
        hide = suppress and (is_small(numerator) or is_small(denominator))
        rows.append(
            {
                "label": quarter_label(quarter),
                "from": quarter.start.isoformat(),
                "to": quarter.end.isoformat(),
                "in_competitive_job": str(Suppressed())
                if suppress and is_small(numerator)
                else numerator,
                "out_of_work_active": str(Suppressed())
                if suppress and is_small(denominator)
                else denominator,
                "employment_rate": str(Suppressed.figure())
                if hide
                else share(numerator, denominator),
            }
        )
    return rows
