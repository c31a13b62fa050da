"""A goal judged on the period it is set for (issue #15, docs/metrics.md "Goals and their
period").

A goal's target is set for the whole intervention or for each calendar year
(``Goal.period_kind``). ``evaluate_goals`` (goals.py) compares the period's figure with the
target as it is; ``judge_goal`` decides what the dashboard may say: "uppnått"/"ej uppnått"
only when the period shown covers the goal's whole period(s), otherwise "i fas"/"efter plan"
against the target pro-rated by the elapsed share of the goal's period (counts only).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samsyn.interventions.models import Goal, GoalComparison, GoalPeriod, Intervention
from samsyn.interventions.selectors.goals import GoalMetric, GoalResult, goal_status, number_text
from samsyn.stats.metrics import Kind
from samsyn.stats.periods import Period


class GoalProgress(StrEnum):
    """The status of a goal in a period shorter than the goal's own: no verdict yet."""

    ON_TRACK = "i fas"
    BEHIND = "efter plan"
    AHEAD_OF_LIMIT = "över plan"


PROGRESS_TEXT: dict[GoalProgress, Promise] = {
    GoalProgress.ON_TRACK: _("i fas"),
    GoalProgress.BEHIND: _("efter plan"),
    GoalProgress.AHEAD_OF_LIMIT: _("över plan"),
}
GOAL_PERIOD_TEXT: dict[str, Promise] = {
    GoalPeriod.INTERVENTION: _("hela insatsen"),
    GoalPeriod.YEAR: _("per kalenderår"),
}


@dataclass(frozen=True)
class GoalJudgement:
    """A goal's status for the period shown, judged on the period the goal is set for.

    ``final``: the period shown covers every goal period it touches, so the status is the
    verdict (uppnått / ej uppnått). Otherwise ``status`` is a ``GoalProgress`` against
    ``period_target`` (the pro-rated target of counts; shares and medians keep theirs)."""

    status: str
    status_text: str
    final: bool
    factor: Decimal  # the elapsed share of the goal's target (1 for one whole goal period)
    period_target: str  # "" when final
    goal_period: str


def goal_periods(goal: Goal, intervention: Intervention, period: Period) -> list[Period] | None:
    """The goal's own periods that overlap ``period``: the intervention's span, or each
    calendar year of it. None when the goal's period has no end (an intervention without an
    end date and a goal for the whole of it)."""
    start = intervention.start_date
    end = intervention.end_date
    if goal.period_kind == GoalPeriod.YEAR:
        result = []
        for year in range(period.start.year, period.end.year + 1):
            first = max(datetime.date(year, 1, 1), start)
            last = (
                datetime.date(year, 12, 31)
                if end is None
                else min(datetime.date(year, 12, 31), end)
            )
            if first <= last and first <= period.end and last >= period.start:
                result.append(Period(first, last))
        return result
    if end is None:
        return None
    return [Period(start, max(start, end))]


def _days(period: Period) -> int:
    return (period.end - period.start).days + 1


def elapsed_factor(goal_spans: Sequence[Period], period: Period) -> Decimal:
    """Σ over the goal's periods of (days of the shown period inside it / its days): 0.25
    for a quarter of a year goal, 2 for two whole years of a per-year goal."""
    total = Decimal(0)
    for span in goal_spans:
        inside = (min(span.end, period.end) - max(span.start, period.start)).days + 1
        if inside > 0:
            total += Decimal(inside) / Decimal(_days(span))
    return total


def _scaled(goal: Goal, metric: GoalMetric, factor: Decimal) -> tuple[Decimal, Decimal | None]:
    """The target (and upper target) for the period: counts scale with the elapsed share,
    shares and medians do not (a share of 40 % is 40 % in any quarter)."""
    if metric.kind is not Kind.COUNT:
        return goal.target, goal.target_max
    step = Decimal("0.1")
    low = (goal.target * factor).quantize(step)
    high = None if goal.target_max is None else (goal.target_max * factor).quantize(step)
    return low, high


def judge_goal(result: GoalResult, intervention: Intervention, period: Period) -> GoalJudgement:
    """The status the dashboard shows (Samsyn's rule, docs/metrics.md "Goals and their
    period"): a verdict only when ``period`` covers the goal's whole period(s); otherwise
    "i fas" / "efter plan" against the target × the elapsed share of the goal's period."""
    goal, metric = result.goal, result.metric
    spans = goal_periods(goal, intervention, period)
    goal_period = str(
        GOAL_PERIOD_TEXT.get(goal.period_kind, GOAL_PERIOD_TEXT[GoalPeriod.INTERVENTION])
    )
    covered = spans is not None and all(
        period.start <= span.start and span.end <= period.end for span in spans
    )
    factor = elapsed_factor(spans, period) if spans else Decimal(1)
    if covered:
        if goal.period_kind == GoalPeriod.YEAR and metric.kind is Kind.COUNT and factor != 1:
            # Several whole years of a per-year goal: the yearly target times the years.
            low, high = _scaled(goal, metric, factor)
            scaled = Goal(comparison=goal.comparison, target=low, target_max=high)
            status = goal_status(scaled, result.actual)
        else:
            status = result.status
        text = result.status_text
        return GoalJudgement(status.value, text, True, factor, "", goal_period)
    if result.actual is None or result.hidden:
        return GoalJudgement(
            result.status.value if not result.hidden else "dolt",
            result.status_text,
            False,
            factor,
            "",
            goal_period,
        )
    if spans is None:
        factor = Decimal(1)  # no end to pro-rate against: the whole target, provisionally
    low, high = _scaled(goal, metric, factor)
    progress = _progress(goal.comparison, result.actual, low, high)
    unit = " %" if metric.kind is Kind.SHARE else ""
    if goal.comparison == GoalComparison.BETWEEN and high is not None:
        target = f"{GoalComparison.BETWEEN.label} {number_text(low)}–{number_text(high)}{unit}"
    else:
        target = f"{GoalComparison(goal.comparison).label} {number_text(low)}{unit}"
    return GoalJudgement(
        progress.value, str(PROGRESS_TEXT[progress]), False, factor, target, goal_period
    )


def _progress(comparison: str, actual: Decimal, low: Decimal, high: Decimal | None) -> GoalProgress:
    if comparison == GoalComparison.AT_MOST:
        return GoalProgress.ON_TRACK if actual <= low else GoalProgress.AHEAD_OF_LIMIT
    if actual < low:
        return GoalProgress.BEHIND
    if comparison == GoalComparison.BETWEEN and high is not None and actual > high:
        return GoalProgress.AHEAD_OF_LIMIT
    return GoalProgress.ON_TRACK
