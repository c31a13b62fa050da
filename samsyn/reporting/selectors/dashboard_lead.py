"""The lead block of the intervention dashboard ("Det viktigaste", issue #15 item 4): the
four figures the steering group asks about first, each with its goal, its trend against the
previous period of equal length and its definition.

1. participants: active in the period (and started), against a goal on the number of
   participants when one is set, else beside the annual plans' planned participants;
2. share ended to work or studies, against its goal;
3. share ended with a step forward, against its goal;
4. the förbund's money used (outcome of the period) against its budget for the period's
   years.

The current figures come from the report content (already suppressed for the audience);
the previous period costs a constant number of queries: the registration metrics of
the previous period (one source, three queries), the annual plans (one) and the previous
period's budget and outcome (two). A trend is shown only when both figures are shown: a
hidden count gives no arrow. The previous period does not overlap the shown one, so the
two cannot be subtracted to reveal a hidden count.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from samsyn.interventions.models import Intervention
from samsyn.interventions.selectors import finance
from samsyn.reporting.content_types import GoalContent, MetricContent, ReportContent
from samsyn.reporting.selectors.forbund import planned_by_intervention
from samsyn.stats import metrics as registry
from samsyn.stats.chart_svg import amount_text, cell_text
from samsyn.stats.periods import FIRST_YEAR, Period
from samsyn.stats.suppression import SMALL_COUNT
from samsyn.stats.tables import suppressed_metric_values

REGISTRATION_IDS = ("active", "started", "share_work_or_studies", "share_step_forward")
# The goals each lead figure shows, in order of preference (goal-only ids, goals.py).
GOAL_IDS = {
    "participants": ("participants_total", "started", "active"),
    "work_or_studies": ("share_work_or_studies", "ended_work_or_studies"),
    "step_forward": ("share_step_forward", "ended_step_forward"),
}


@dataclass(frozen=True)
class Trend:
    direction: str  # "up", "down", "same" or "none"
    arrow: str  # ↑ ↓ → or "" (the text says it too: not colour or symbol only)
    text: str


@dataclass(frozen=True)
class LeadFigure:
    id: str
    name: str
    value: str
    detail: str
    goal: str  # the goal and its status as one sentence, "" when there is none
    goal_status: str  # the status slug for the badge ("i fas", "uppnått", …), "" if none
    goal_status_text: str
    trend: Trend
    definition: str

    @property
    def is_text(self) -> bool:
        """A value in words ("för få för att visa"), set smaller than a figure."""
        return bool(self.value) and self.value[0].isalpha()


def previous_period(period: Period) -> Period | None:
    """The period of equal length just before ``period``: the same number of whole months
    when ``period`` is whole months (a quarter's previous quarter), else the same number of
    days. None before the years reports cover."""
    start, end = period.start, period.end
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        first = datetime.date(index // 12, index % 12 + 1, 1)
        if first.year < FIRST_YEAR:
            return None
        return Period(first, start - datetime.timedelta(days=1))
    first = start - datetime.timedelta(days=period.days)
    if first.year < FIRST_YEAR:
        return None
    return Period(first, start - datetime.timedelta(days=1))


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value)


def trend(current: object, previous: object, before: Period | None, *, share: bool) -> Trend:
    """Up, down or unchanged against the previous period, in words and an arrow."""
    now, then = _number(current), _number(previous)
    if before is None:
        return Trend("none", "", _("Ingen jämförelse: ingen föregående period i insatsen."))
    dates = f"{before.start.isoformat()}–{before.end.isoformat()}"
    if now is None or then is None:
        # Nothing to compare (no one ended, say) or a hidden count: no arrow.
        text = _("Ingen jämförelse med %(dates)s: en av siffrorna saknas eller är dold.")
        return Trend("none", "", text % {"dates": dates})
    shown = cell_text(previous, share=share)
    if abs(now - then) < 1e-9:
        return Trend("same", "→", _("Oförändrat mot %(dates)s.") % {"dates": dates})
    if now > then:
        text = _("Upp från %(value)s under %(dates)s.") % {"value": shown, "dates": dates}
        return Trend("up", "↑", text)
    text = _("Ned från %(value)s under %(dates)s.") % {"value": shown, "dates": dates}
    return Trend("down", "↓", text)


def _goal_of(goals: list[GoalContent], figure: str) -> GoalContent | None:
    for metric_id in GOAL_IDS[figure]:
        for goal in goals:
            if goal.get("metric_id") == metric_id and goal.get("gender", "total") == "total":
                return goal
    return None


def _goal_sentence(goal: GoalContent) -> str:
    text = _("Mål: %(target)s (%(span)s).") % {
        "target": goal["target"],
        "span": goal.get("goal_period") or _("hela insatsen"),
    }
    if goal.get("period_target"):
        text += " " + _("För perioden: %(target)s.") % {"target": goal["period_target"]}
    return text


def _metric(content: ReportContent, metric_id: str) -> MetricContent | None:
    return next((metric for metric in content["metrics"] if metric["id"] == metric_id), None)


def _total(metric: MetricContent | None) -> object:
    return None if metric is None else metric["values"]["total"]


def lead_figures(
    intervention: Intervention,
    period: Period,
    content: ReportContent,
    *,
    suppress: bool,
    limit: int = SMALL_COUNT,
) -> list[LeadFigure]:
    """The four lead figures of the dashboard for ``period`` (see the module docstring)."""
    before = previous_period(period)
    if before is not None and before.end < intervention.start_date:
        before = None  # the intervention had not started: nothing to compare with
    previous: dict[str, object] = {}
    previous_outcome: Decimal | None = None
    if before is not None:
        ids = [metric_id for metric_id in REGISTRATION_IDS if _metric(content, metric_id)]
        values, counts = registry.evaluate_with_counts(intervention, before, metric_ids=ids)
        definitions = [registry.metric_get(metric_id) for metric_id in ids]
        shown = suppressed_metric_values(
            definitions, values, counts, suppress=suppress, limit=limit
        )
        previous = {metric_id: shown[metric_id]["total"] for metric_id in ids}
        previous_outcome = finance.budget_vs_outcome(intervention, before).forbund_outcome_total
    interventions = Intervention.objects.filter(pk=intervention.pk)
    planned = planned_by_intervention(interventions, period).get(intervention.pk)
    goals = content["goals"]
    return [
        _participants(content, goals, planned, previous, before, period),
        _share_figure(content, goals, previous, before, "work_or_studies"),
        _share_figure(content, goals, previous, before, "step_forward"),
        _money(content, previous_outcome, before, period),
    ]


def _with_goal(goal: GoalContent | None) -> tuple[str, str, str]:
    if goal is None:
        return "", "", ""
    return _goal_sentence(goal), goal["status"], goal["status_text"]


def _participants(
    content: ReportContent,
    goals: list[GoalContent],
    planned: int | None,
    previous: dict[str, object],
    before: Period | None,
    period: Period,
) -> LeadFigure:
    active, started = _metric(content, "active"), _metric(content, "started")
    goal_text, status, status_text = _with_goal(_goal_of(goals, "participants"))
    if planned:
        years = ", ".join(str(year) for year in finance.period_years(period))
        plan = _("Planerat enligt årsplan %(years)s: %(count)s deltagare.") % {
            "years": years,
            "count": planned,
        }
        goal_text = f"{goal_text} {plan}".strip()
    definitions = [
        f"{metric['name']}: {metric['definition']}" for metric in (active, started) if metric
    ]
    return LeadFigure(
        id="participants",
        name=_("Deltagare (aktiva)"),
        value=cell_text(_total(active), share=False),
        detail=_("varav påbörjade under perioden: %(count)s")
        % {"count": cell_text(_total(started), share=False)},
        goal=goal_text or _("Inget mål eller planerat antal angivet."),
        goal_status=status,
        goal_status_text=status_text,
        trend=trend(_total(active), previous.get("active"), before, share=False),
        definition=" ".join(definitions),
    )


def _share_figure(
    content: ReportContent,
    goals: list[GoalContent],
    previous: dict[str, object],
    before: Period | None,
    figure: str,
) -> LeadFigure:
    metric_id = f"share_{figure}"
    metric = _metric(content, metric_id)
    goal_text, status, status_text = _with_goal(_goal_of(goals, figure))
    names = {
        "work_or_studies": _("Till arbete eller studier"),
        "step_forward": _("Stegförflyttning"),
    }
    ended = _metric(content, "ended")
    return LeadFigure(
        id=figure,
        name=names[figure],
        value=cell_text(_total(metric), share=True),
        detail=_("av avslutade under perioden: %(count)s")
        % {"count": cell_text(_total(ended), share=False)},
        goal=goal_text or _("Inget mål angivet."),
        goal_status=status,
        goal_status_text=status_text,
        trend=trend(_total(metric), previous.get(metric_id), before, share=True),
        definition=(
            f"{metric['definition']} {_('Nämnare:')} {metric['denominator']}" if metric else ""
        ),
    )


def _share_of_years(period: Period) -> float:
    """The period's days over the days of its calendar years (a quarter: about 25 %)."""
    first = datetime.date(period.start.year, 1, 1)
    last = datetime.date(period.end.year, 12, 31)
    return period.days / ((last - first).days + 1)


def _money(
    content: ReportContent, previous_outcome: Decimal | None, before: Period | None, period: Period
) -> LeadFigure:
    money = content["money"]
    outcome, budget = money["forbund_outcome_total"], money["forbund_budget_total"]
    used = Decimal(outcome) / Decimal(budget) if budget and Decimal(budget) else None
    years = ", ".join(str(year) for year in money["years"])
    goal = _("Budget %(years)s: %(amount)s.") % {"years": years, "amount": amount_text(budget)}
    if used is not None:
        goal += " " + _("Förbrukat: %(share)s av budgeten, perioden är %(elapsed)s av året.") % {
            "share": cell_text(float(used), share=True),
            "elapsed": cell_text(_share_of_years(period), share=True),
        }
    now = Decimal(outcome)
    if before is None or previous_outcome is None:
        money_trend = trend(None, None, None, share=False)
    else:
        money_trend = trend(now, previous_outcome, before, share=False)
        if money_trend.direction != "none":
            # The trend's value is an amount, not a count: say it in kronor.
            dates = f"{before.start.isoformat()}–{before.end.isoformat()}"
            words = {
                "up": _("Upp från %(value)s under %(dates)s."),
                "down": _("Ned från %(value)s under %(dates)s."),
                "same": _("Oförändrat mot %(dates)s."),
            }[money_trend.direction]
            text = words % {"value": amount_text(previous_outcome), "dates": dates}
            money_trend = Trend(money_trend.direction, money_trend.arrow, text)
    return LeadFigure(
        id="money",
        name=_("Förbundets medel använda"),
        value=amount_text(outcome),
        detail=_("utfall under perioden"),
        goal=goal,
        goal_status="",
        goal_status_text="",
        trend=money_trend,
        definition=_(
            "Utfallet av de kostnader som samordningsförbundet betalar, bokfört i periodens "
            "månader, mot förbundets budget för periodens kalenderår. Parters egen "
            "finansiering räknas inte här; den finns under Ekonomi."
        ),
    )
