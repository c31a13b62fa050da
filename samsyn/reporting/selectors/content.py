"""Everything a report of one intervention and period shows, as one JSON-ready dict.

The dashboard renders it live; a period report renders it while a draft and stores it as
its snapshot when approved ("fastställd"), so an approved report never changes; the PDF,
DOCX and XLSX exports render the same dict. Charts are drawn from it
(samsyn/reporting/charts.py).

The number of queries is constant in the number of participants and rows.

Its shape is ``ReportContent`` and its parts, ``TypedDict``s in
samsyn/reporting/content_types.py (``SCHEMA_VERSION`` there); a stored snapshot is read back
with ``content_from_json``. In short::

    {"schema", "intervention", "period", "generated_on", "suppressed", "small_numbers_rule",
     "small_count_limit", "cumulative", "hidden",
     "metrics", "breakdowns", "participants_over_time", "followups", "goals", "money",
     "sections"}   # sections: the method's own tables (content_methods.py), e.g. IPS

Each metric has its ``values`` and (period reports) ``since_start``.

Cells are numbers, ``None`` ("—") or the text of a hidden count ("< 5", "dolt"). Amounts
are strings of whole kronor and öre ("1234.50") so JSON keeps them exact.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from samsyn.core.db.routers import reads_from_replica
from samsyn.interventions.models import Goal, Intervention
from samsyn.interventions.municipalities import municipality_label
from samsyn.interventions.selectors import finance
from samsyn.interventions.selectors.age_bands import age_bands_of
from samsyn.interventions.selectors.goal_periods import judge_goal
from samsyn.interventions.selectors.goals import evaluate_goals
from samsyn.participants.models import FollowUpMeeting, PostExitFollowUp
from samsyn.participants.selectors.metrics import active_q, countable_registrations
from samsyn.reporting.content_types import (
    SCHEMA_VERSION,
    BreakdownContent,
    FollowupsContent,
    GenderCells,
    GoalContent,
    MetricContent,
    MoneyContent,
    MonthCells,
    PeriodInfo,
    ReportContent,
    hidden_summary,
)
from samsyn.reporting.selectors import breakdowns
from samsyn.reporting.selectors.content_methods import SECTION_METRIC_IDS, method_sections
from samsyn.reporting.selectors.content_tables import breakdown_rows, gender_cells
from samsyn.stats import metrics as registry
from samsyn.stats.metrics import TOTAL, Counts, GenderValues, MetricDefinition
from samsyn.stats.periods import FIRST_YEAR, Period
from samsyn.stats.suppression import SMALL_COUNT, Suppressed, is_small, small_numbers_rule
from samsyn.stats.tables import suppressed_metric_values
from samsyn.surveys.selectors.metrics import is_survey_metric

MAX_CHART_MONTHS = 120


@reads_from_replica()
def report_content(
    intervention: Intervention,
    period: Period,
    *,
    suppress: bool,
    today: datetime.date | None = None,
    limit: int = SMALL_COUNT,
    since_start: bool = False,
) -> ReportContent:
    """The report content of ``intervention`` for ``period``; with ``suppress`` small
    numbers are hidden (styrgrupp and any export made for it): counts from 1 to
    ``limit`` - 1 (the förbund's ``small_count_limit``). With ``since_start`` every metric
    also has its figure from the intervention's start to the period's end ("sedan start",
    suppressed on its own; two more queries).

    Every metric source answers once per period however many parts read it (the metrics,
    the goals, the method sections: ``registry.evaluation_memo``)."""
    with registry.evaluation_memo():
        return _report_content(
            intervention,
            period,
            suppress=suppress,
            today=today,
            limit=limit,
            since_start=since_start,
        )


def _report_content(
    intervention: Intervention,
    period: Period,
    *,
    suppress: bool,
    today: datetime.date | None,
    limit: int,
    since_start: bool,
) -> ReportContent:
    today = today or timezone.localdate()
    definitions, values, counts = report_metric_values(intervention, period)
    cumulative = _cumulative_period(intervention, period) if since_start else None
    content: ReportContent = {
        "schema": SCHEMA_VERSION,
        "intervention": {
            "id": intervention.pk,
            "slug": intervention.slug,
            "name": intervention.name,
            "forbund": str(intervention.forbund),
        },
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "generated_on": today.isoformat(),
        "suppressed": suppress,
        "small_numbers_rule": small_numbers_rule(limit) if suppress else "",
        "small_count_limit": limit,
        "cumulative": _period_info(cumulative) if cumulative else None,
        "hidden": {"primary": 0, "secondary": 0},
        "metrics": _metrics(intervention, definitions, values, counts, suppress, limit, cumulative),
        "breakdowns": _breakdowns(intervention, period, values, suppress, limit),
        "participants_over_time": participants_over_time(intervention, period, suppress, limit),
        "followups": followups(intervention, period, today, suppress, limit),
        "goals": _goals(intervention, period, suppress),
        "money": money(intervention, period, int(values["active"][TOTAL] or 0), suppress, limit),
        "sections": method_sections(intervention, period, suppress=suppress, today=today),
    }
    content["hidden"] = hidden_summary(content)
    return content


def _period_info(period: Period) -> PeriodInfo:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


def _cumulative_period(intervention: Intervention, period: Period) -> Period:
    """From the intervention's start (or the period's, if earlier) to the period's end."""
    earliest = datetime.date(FIRST_YEAR, 1, 1)
    return Period(max(min(intervention.start_date, period.start), earliest), period.end)


def report_metrics(intervention: Intervention) -> tuple[MetricDefinition, ...]:
    """The metrics a report of ``intervention`` lists: those of the metric registry
    (samsyn/stats/metrics.py) that apply to the intervention's methods — the recommendation
    shares only where resursinventering is used — except those a method section of the
    report shows with its own reference (the IPS outcomes, content_methods.py)."""
    return tuple(
        metric
        for metric in registry.metrics(intervention, dynamic=False)
        if metric.id not in SECTION_METRIC_IDS and not is_survey_metric(metric.id)
    )


def report_metric_values(
    intervention: Intervention, period: Period
) -> tuple[tuple[MetricDefinition, ...], dict[str, GenderValues], Counts]:
    """The listed metrics, their values and the counts behind them, read through the
    registry: only the sources that define a listed metric are evaluated."""
    definitions = report_metrics(intervention)
    values, counts = registry.evaluate_with_counts(
        intervention, period, metric_ids=[metric.id for metric in definitions]
    )
    return definitions, values, counts


def _metrics(
    intervention: Intervention,
    definitions: tuple[MetricDefinition, ...],
    values: dict[str, GenderValues],
    counts: Counts,
    suppress: bool,
    limit: int,
    cumulative: Period | None,
) -> list[MetricContent]:
    shown = suppressed_metric_values(definitions, values, counts, suppress=suppress, limit=limit)
    since: dict[str, GenderCells] = {}
    if cumulative is not None:
        _listed, all_values, all_counts = report_metric_values(intervention, cumulative)
        since = suppressed_metric_values(
            definitions, all_values, all_counts, suppress=suppress, limit=limit
        )
    return [
        {
            "id": metric.id,
            "name": str(metric.name),
            "definition": str(metric.definition),
            "denominator": str(metric.denominator),
            "kind": metric.kind.value,
            "values": shown[metric.id],
            "since_start": since.get(metric.id),
        }
        for metric in definitions
    ]


def _breakdowns(
    intervention: Intervention,
    period: Period,
    values: dict[str, GenderValues],
    suppress: bool,
    limit: int,
) -> list[BreakdownContent]:
    from django.utils.translation import gettext as _

    active = values["active"]
    municipalities = breakdowns.active_by_municipality(intervention, period)
    for row in municipalities:
        row.label = municipality_label(row.key) if row.key else row.label
    tables = [
        ("income_transitions", _("Försörjning före → vid avslut (avslutade)"), None),
        ("age_bands", _("Aktiva efter ålder"), active),
        ("municipalities", _("Aktiva efter hemkommun och platser"), active),
        ("phases", _("Aktiva efter fas"), active),
        ("referring_parties", _("Aktiva efter anvisande part"), active),
    ]
    own_bands = age_bands_of(intervention)
    if own_bands:
        # The intervention's own bands (AgeBand) overlap the standard ones: not a partition
        # of the active, so suppressed as a table of its own (docs/dashboard.md).
        tables.insert(
            2,
            (
                "own_age_bands",
                _("Aktiva i insatsens egna åldersgrupper (kan överlappa de vanliga)"),
                None,
            ),
        )
    rows_of = {
        "income_transitions": breakdowns.income_transitions(intervention, period),
        "age_bands": breakdowns.active_by_age_band(intervention, period),
        "own_age_bands": breakdowns.active_by_own_age_band(intervention, period, own_bands),
        "municipalities": municipalities,
        "phases": breakdowns.active_by_phase(intervention, period),
        "referring_parties": breakdowns.active_by_referring_party(intervention, period),
    }
    result: list[BreakdownContent] = []
    for key, title, totals in tables:
        rows, withheld = breakdown_rows(rows_of[key], suppress=suppress, totals=totals, limit=limit)
        result.append({"id": key, "title": str(title), "rows": rows, "withheld": withheld})
    return result


def participants_over_time(
    intervention: Intervention, period: Period, suppress: bool, limit: int = SMALL_COUNT
) -> list[MonthCells]:
    """Active registrations per month of the period, by gender, in one query."""
    spans = period.months()[:MAX_CHART_MONTHS]  # each month clipped to the period
    aggregates = {
        f"m{index}": Count("id", distinct=True, filter=active_q(span))
        for index, span in enumerate(spans)
    }
    rows = (
        countable_registrations(intervention)
        .values("person__gender")
        .annotate(**aggregates)
        .order_by()
    )
    by_gender: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        by_gender[row["person__gender"]] = row
    result: list[MonthCells] = []
    for index, span in enumerate(spans):
        month = span.start.replace(day=1)
        kvinna = int(by_gender.get("kvinna", {}).get(f"m{index}", 0))
        man = int(by_gender.get("man", {}).get(f"m{index}", 0))
        total = sum(int(row.get(f"m{index}", 0)) for row in by_gender.values())
        result.append(
            {
                "month": f"{month:%Y-%m}",
                "values": gender_cells(kvinna, man, total, suppress=suppress, limit=limit),
            }
        )
    return result


def followups(
    intervention: Intervention,
    period: Period,
    today: datetime.date,
    suppress: bool,
    limit: int = SMALL_COUNT,
) -> FollowupsContent:
    """Post-exit follow-ups due in the period, done and overdue (not done, due before the
    reference day: the period's end or today, whichever is first), and ongoing participants
    whose next follow-up meeting is overdue on the reference day."""
    reference = min(period.end, today)
    registrations = countable_registrations(intervention)
    due = Q(due_on__range=(period.start, period.end))
    post_exit = (
        PostExitFollowUp.objects.countable()
        .filter(registration__in=registrations.values("pk"))
        .values("registration__person__gender")
        .annotate(
            due=Count("id", filter=due),
            done=Count("id", filter=due & Q(done_on__isnull=False)),
            overdue=Count("id", filter=due & Q(done_on__isnull=True, due_on__lt=reference)),
        )
        .order_by()
    )
    latest_due = (
        FollowUpMeeting.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .values("registration")
        .annotate(latest=Max("next_due"))
        .values("latest")
    )
    meetings = (
        registrations.filter(active_q(Period(reference, reference)))
        .annotate(next_due=Subquery(latest_due))
        .values("person__gender")
        .annotate(overdue=Count("id", distinct=True, filter=Q(next_due__lt=reference)))
        .order_by()
    )
    sums: dict[str, dict[str, int]] = {
        key: {"kvinna": 0, "man": 0, TOTAL: 0}
        for key in ("post_exit_due", "post_exit_done", "post_exit_overdue", "meetings_overdue")
    }
    for row in post_exit:
        gender = row["registration__person__gender"]
        _add(sums["post_exit_due"], gender, row["due"])
        _add(sums["post_exit_done"], gender, row["done"])
        _add(sums["post_exit_overdue"], gender, row["overdue"])
    for meeting in meetings:
        _add(sums["meetings_overdue"], meeting["person__gender"], meeting["overdue"])
    shown: dict[str, GenderCells] = {
        key: gender_cells(
            triple["kvinna"], triple["man"], triple[TOTAL], suppress=suppress, limit=limit
        )
        for key, triple in sums.items()
    }
    return {
        "reference_day": reference.isoformat(),
        "post_exit_due": shown["post_exit_due"],
        "post_exit_done": shown["post_exit_done"],
        "post_exit_overdue": shown["post_exit_overdue"],
        "meetings_overdue": shown["meetings_overdue"],
    }


def _add(counts: dict[str, int], gender: str, value: int) -> None:
    if gender in counts:
        counts[gender] += value
    counts[TOTAL] += value


def _goals(intervention: Intervention, period: Period, suppress: bool) -> list[GoalContent]:
    """Every goal with its status judged on the period it is set for: a verdict only when
    ``period`` covers it, else "i fas"/"efter plan" against a pro-rated target
    (samsyn/interventions/selectors/goal_periods.py, docs/metrics.md)."""
    goals = Goal.objects.filter(intervention=intervention).order_by("id")
    result_list: list[GoalContent] = []
    for result in evaluate_goals(intervention, goals, period=period, suppress=suppress):
        judged = judge_goal(result, intervention, period)
        result_list.append(
            {
                "label": result.goal.label or str(result.metric.name),
                "metric": str(result.metric.name),
                "target": result.target_text,
                "actual": result.actual_text,
                "status": judged.status if not result.hidden else "dolt",
                "status_text": judged.status_text,
                "hidden": result.hidden,
                "goal_period": judged.goal_period,
                "period_target": judged.period_target,
                "metric_id": result.goal.metric_id,
                "gender": result.goal.gender,
            }
        )
    return result_list


def _amount_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def money(
    intervention: Intervention,
    period: Period,
    active_total: int,
    suppress: bool,
    limit: int = SMALL_COUNT,
) -> MoneyContent:
    """Budget vs outcome, outcome per month, financing and cost per participant: the total
    project cost, and beside it the förbund's money (the lines the förbund pays)."""
    summary = finance.budget_vs_outcome(intervention, period)
    financing = finance.financing_by_source(intervention, finance.period_years(period))
    per_participant = finance.cost_per_participant(summary.outcome_total, active_total)
    forbund_per_participant = finance.cost_per_participant(
        summary.forbund_outcome_total, active_total
    )
    hidden = suppress and is_small(active_total, limit)
    # The cost per participant would give the number of participants back: a derived figure,
    # shown as "för få för att visa" (samsyn/stats/suppression.py decides the text).
    hidden_cost = str(Suppressed.figure(limit)) if hidden else None
    return {
        "years": finance.period_years(period),
        "budget_total": str(summary.budget_total),
        "outcome_total": str(summary.outcome_total),
        "used_share": summary.used_share,
        "cost_per_participant": hidden_cost or _amount_or_none(per_participant),
        "forbund_budget_total": str(summary.forbund_budget_total),
        "forbund_outcome_total": str(summary.forbund_outcome_total),
        "forbund_cost_per_participant": hidden_cost or _amount_or_none(forbund_per_participant),
        "rows": [
            {
                "category": row.category,
                "label": row.label,
                "budget": str(row.budget),
                "outcome": str(row.outcome),
            }
            for row in summary.rows
        ],
        "monthly": [
            {"month": f"{month:%Y-%m}", "outcome": str(amount)}
            for month, amount in finance.monthly_outcome(intervention, period)
        ],
        "financing": [
            {
                "source": row.source,
                "label": row.label,
                "party": row.party_name,
                "amount": str(row.amount),
            }
            for row in financing.rows
        ],
        "financing_total": str(financing.total),
    }
