"""Goals of an intervention evaluated against the metric registry.

A goal names a metric (an id of the registry of ``samsyn.stats.metrics`` that applies to the
intervention — the registration metrics, and the IPS outcomes for IPS interventions — or one
of the goal-only ids below), a comparison and a target, for women, men or everyone. Targets
of shares are percentages (0–100), as entered; the registry's shares (0–1) are turned into
percentages before comparing. All goals of an intervention are evaluated from ONE
``evaluate()`` call whatever their number (three queries for the registration metrics, three
more when a goal is set on an IPS outcome).

Goal-only ids:

- ``participants_total``: the registry's ``started`` over the evaluated period (by default
  the intervention's whole period up to today), so the number of participants;
- ``share_women``: started women / started in total (``None`` when nobody started);
- ``trained_<role>`` for every ``TrainingRole``: people of that role trained in the period
  (``training_figures``: each person once however many trainings they attended), a count
  without a gender split;
- ``trained_people``: people trained in the period in any of the goal's ``training_roles``
  (seed 000: "25 st chefer/beslutsfattare och operativa medarbetare" is one target over
  several roles). A person has one role, so the roles' counts add up to unique people.

The training figures cost one extra query, made only when such a goal is evaluated, however
many training goals there are. They count staff, not participants, so they are never
suppressed.

The goals page shows the outcome for a period chosen with ``?fran=&till=`` or one of the
intervention's report periods (``?rapportperiod=``); bad input gives a Swedish message and
the default period.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import Goal, GoalComparison, Intervention, TrainingRole
from samsyn.interventions.periods import report_schedule
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.trainings import (
    training_figures,
    training_figures_by_intervention,
)
from samsyn.stats.metrics import (
    TOTAL,
    GenderValues,
    Kind,
    Value,
    evaluate,
    evaluate_by_intervention,
    grouped_definition,
    groups_by_intervention,
    metric_get,
    metrics,
    share,
)
from samsyn.stats.numbers import percentage_text
from samsyn.stats.periods import Period
from samsyn.stats.suppression import (
    Shown,
    Suppressed,
    is_small,
    suppress_gender,
    suppress_share,
    suppress_statistic,
)

PARTICIPANTS_TOTAL = "participants_total"
SHARE_WOMEN = "share_women"
TRAINED_PREFIX = "trained_"


@dataclass(frozen=True)
class GoalMetric:
    id: str
    name: str | Promise
    kind: Kind
    # False for counts of staff (trainings): a goal on them is for everyone, not per gender.
    gender_split: bool = True


TRAINED_NAMES: dict[str, Promise] = {
    TrainingRole.COACH: _("Utbildade coacher"),
    TrainingRole.CHEF: _("Utbildade chefer"),
    TrainingRole.HANDLAGGARE: _("Utbildade handläggare"),
    TrainingRole.ANNAN: _("Utbildade i andra yrkesroller"),
}
TRAINING_METRICS: tuple[GoalMetric, ...] = tuple(
    GoalMetric(f"{TRAINED_PREFIX}{role}", TRAINED_NAMES[role], Kind.COUNT, gender_split=False)
    for role in TrainingRole.values
)
TRAINED_PEOPLE = "trained_people"
TRAINED_PEOPLE_METRIC = GoalMetric(
    TRAINED_PEOPLE,
    _("Utbildade personer i valda yrkesroller"),
    Kind.COUNT,
    gender_split=False,
)
TRAINING_METRIC_IDS = frozenset(
    {*(metric.id for metric in TRAINING_METRICS), TRAINED_PEOPLE_METRIC.id}
)


def roles_text(roles: Iterable[str]) -> str:
    """The roles of a ``trained_people`` goal as the page shows them: "Chef, Handläggare"."""
    labels = dict(TrainingRole.choices)
    return ", ".join(str(labels[role]) for role in TrainingRole.values if role in set(roles))


def _people_key(goal: Goal) -> str:
    """Where the value of a ``trained_people`` goal is kept: one per set of roles."""
    return f"{TRAINED_PEOPLE}:{','.join(sorted(goal.training_roles or []))}"


def goal_metrics(intervention: Intervention | None = None) -> tuple[GoalMetric, ...]:
    """What a goal can be set on: the participant totals, every metric of the registry (read
    at call time: the apps that count register their metrics when Django starts; given an
    intervention, only those that apply to it, so IPS outcomes only for IPS) and the
    trainings."""
    return (
        GoalMetric(PARTICIPANTS_TOTAL, _("Antal deltagare (påbörjade under perioden)"), Kind.COUNT),
        GoalMetric(SHARE_WOMEN, _("Andel kvinnor av påbörjade"), Kind.SHARE),
        *(GoalMetric(metric.id, metric.name, metric.kind) for metric in metrics(intervention)),
        *TRAINING_METRICS,
        TRAINED_PEOPLE_METRIC,
    )


def goal_metric_get(metric_id: str, intervention: Intervention | None = None) -> GoalMetric | None:
    """The goal metric ``metric_id`` (of those that apply to ``intervention`` when given),
    or None when there is none."""
    return next((metric for metric in goal_metrics(intervention) if metric.id == metric_id), None)


class GoalStatus(StrEnum):
    REACHED = "uppnått"
    NOT_REACHED = "ej uppnått"
    NO_DATA = "ingen data"


STATUS_TEXT: dict[GoalStatus, Promise] = {
    GoalStatus.REACHED: _("uppnått"),
    GoalStatus.NOT_REACHED: _("ej uppnått"),
    GoalStatus.NO_DATA: _("ingen data"),
}


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    metric: GoalMetric
    actual: Decimal | None  # percent for shares; None when there is no data
    status: GoalStatus
    # What the page shows: the actual value as text, hidden for small numbers.
    actual_text: str
    hidden: bool

    @property
    def status_text(self) -> str:
        return str(_("dolt")) if self.hidden else str(STATUS_TEXT[self.status])

    @property
    def target_text(self) -> str:
        return target_text(self.goal, self.metric)


def default_period(intervention: Intervention, today: datetime.date | None = None) -> Period:
    """The intervention's whole period up to today (a single day before it has started)."""
    today = today or timezone.localdate()
    end = min(intervention.end_date or today, today)
    return Period(intervention.start_date, max(end, intervention.start_date))


def _goal_values(values: dict[str, GenderValues]) -> dict[str, GenderValues]:
    started = values["started"]
    total = started[TOTAL] or 0
    return {
        **values,
        PARTICIPANTS_TOTAL: started,
        SHARE_WOMEN: {column: share(started["kvinna"] or 0, total) for column in started},
    }


def _training_values(
    intervention: Intervention, period: Period, goals: Sequence[Goal]
) -> dict[str, GenderValues]:
    """People trained per role, and per set of roles of the ``trained_people`` goals: a
    total only, no gender split (one query whatever the number of goals)."""
    return _training_values_from(training_figures(intervention, period), goals)


def _training_values_from(
    figures: dict[str, int], goals: Sequence[Goal]
) -> dict[str, GenderValues]:
    values: dict[str, GenderValues] = {
        f"{TRAINED_PREFIX}{role}": {"kvinna": None, "man": None, TOTAL: figures[role]}
        for role in TrainingRole.values
    }
    for goal in goals:
        if goal.metric_id == TRAINED_PEOPLE:
            people = sum(figures.get(role, 0) for role in set(goal.training_roles or []))
            values[_people_key(goal)] = {"kvinna": None, "man": None, TOTAL: people}
    return values


def _as_decimal(value: Value, kind: Kind) -> Decimal | None:
    if value is None:
        return None
    if kind is Kind.SHARE:
        return Decimal(repr(round(float(value) * 100, 6)))
    return Decimal(repr(value))


def goal_status(goal: Goal, actual: Decimal | None) -> GoalStatus:
    if actual is None:
        return GoalStatus.NO_DATA
    if goal.comparison == GoalComparison.AT_LEAST:
        reached = actual >= goal.target
    elif goal.comparison == GoalComparison.AT_MOST:
        reached = actual <= goal.target
    else:
        upper = goal.target_max if goal.target_max is not None else goal.target
        reached = goal.target <= actual <= upper
    return GoalStatus.REACHED if reached else GoalStatus.NOT_REACHED


def number_text(value: Decimal) -> str:
    """A target or count as the page shows it: "40", "12,5"."""
    if value == value.to_integral_value():
        return str(int(value))
    return number_format(value.normalize(), use_l10n=True)


def value_text(value: Decimal, kind: Kind) -> str:
    if kind is Kind.SHARE:
        return percentage_text(value)  # the one rule for shares (samsyn/stats/numbers.py)
    if kind is Kind.MEDIAN:
        return number_format(value, decimal_pos=1, use_l10n=True)
    return number_text(value)


def target_text(goal: Goal, metric: GoalMetric) -> str:
    unit = " %" if metric.kind is Kind.SHARE else ""
    low = number_text(goal.target)
    if goal.comparison == GoalComparison.BETWEEN and goal.target_max is not None:
        return f"{GoalComparison.BETWEEN.label} {low}–{number_text(goal.target_max)}{unit}"
    return f"{GoalComparison(goal.comparison).label} {low}{unit}"


# --- small numbers for audiences without access to personal data --------------------------


def _cells(values: dict[str, GenderValues], metric_id: str) -> dict[str, Shown]:
    counts = values[metric_id]
    if counts["kvinna"] is None and counts["man"] is None:
        # A metric without a gender split (the teams' collaboration figures): the total alone.
        alone = int(counts[TOTAL] or 0)
        return {"kvinna": 0, "man": 0, TOTAL: Suppressed() if is_small(alone) else alone}
    kvinna, man, total = (int(counts[column] or 0) for column in ("kvinna", "man", TOTAL))
    if kvinna + man != total:
        # Some counted did not say woman or man (a survey's respondents may skip the gender
        # question): the parts do not add up, so hide both parts whenever one is small.
        hide_parts = is_small(kvinna) or is_small(man)
        return {
            "kvinna": Suppressed() if hide_parts else kvinna,
            "man": Suppressed() if hide_parts else man,
            TOTAL: Suppressed() if is_small(total) else total,
        }
    shown = suppress_gender(kvinna, man, total)
    return dict(zip(("kvinna", "man", TOTAL), shown, strict=True))


def _shown_value(
    values: dict[str, GenderValues], metric: GoalMetric, gender: str, key: str
) -> Value | Shown:
    """The value an audience without access to personal data may see (may be Suppressed)."""
    value = values[key][gender]
    if metric.id in TRAINING_METRIC_IDS:
        return value  # staff counts, not participants: nothing to protect
    if metric.id == SHARE_WOMEN:
        started = _cells(values, "started")
        return suppress_share(value, started["kvinna"], started[TOTAL])
    if metric.kind is Kind.COUNT:
        return _cells(values, "started" if metric.id == PARTICIPANTS_TOTAL else metric.id)[gender]
    definition = metric_get(metric.id)
    if metric.kind is Kind.MEDIAN:
        # a median over 1–4 people is hidden: the count it is taken over
        return suppress_statistic(value, int(values[definition.denominator_key][gender] or 0))
    if definition.numerator_key not in values or definition.denominator_key not in values:
        return Suppressed.figure()  # its counts are not at hand: hide it to be safe
    numerator = _cells(values, definition.numerator_key)[gender]
    denominator = _cells(values, definition.denominator_key)[gender]
    return suppress_share(value, numerator, denominator)


def _result(
    goal: Goal,
    intervention: Intervention,
    values: dict[str, GenderValues],
    *,
    suppress: bool,
    metric_of: Callable[[str, Intervention], GoalMetric | None] = goal_metric_get,
) -> GoalResult | None:
    metric = metric_of(goal.metric_id, intervention)
    if metric is None:
        return None
    key = metric.id
    if metric.id == TRAINED_PEOPLE:
        key = _people_key(goal)
        name = f"{metric.name}: {roles_text(goal.training_roles or [])}"
        metric = GoalMetric(metric.id, name, metric.kind, gender_split=False)
    if key not in values:
        # A metric whose source had nothing for the period (a survey without answers in it,
        # for instance) gives no value at all: the goal has no data, not an error.
        return GoalResult(goal, metric, None, goal_status(goal, None), "—", hidden=False)
    actual = _as_decimal(values[key][goal.gender], metric.kind)
    status = goal_status(goal, actual)
    shown = _shown_value(values, metric, goal.gender, key) if suppress else None
    if isinstance(shown, Suppressed):
        return GoalResult(goal, metric, actual, status, str(shown), hidden=True)
    text = "—" if actual is None else value_text(actual, metric.kind)
    return GoalResult(goal, metric, actual, status, text, hidden=False)


def evaluate_goals(
    intervention: Intervention,
    goals: Iterable[Goal],
    *,
    period: Period | None = None,
    suppress: bool = False,
) -> list[GoalResult]:
    """Every goal's actual value and status for ``period`` (default: ``default_period``),
    from one ``evaluate()`` call. With ``suppress``, small numbers are hidden (styrgrupp)."""
    goals = list(goals)
    if not goals:
        return []
    period = period or default_period(intervention)
    # Only the sources the goals need: "started" for the participant totals.
    wanted = {"started", *(goal.metric_id for goal in goals)}
    values = _goal_values(evaluate(intervention, period, metric_ids=wanted))
    if any(goal.metric_id in TRAINING_METRIC_IDS for goal in goals):
        values.update(_training_values(intervention, period, goals))
    results = (_result(goal, intervention, values, suppress=suppress) for goal in goals)
    return [result for result in results if result is not None]


# --- every intervention over its own period at once (the start page) ------------------------

# The goal-only ids: computed here from the registry's "started" and the trainings.
GOAL_ONLY_IDS = frozenset({PARTICIPANTS_TOTAL, SHARE_WOMEN, *TRAINING_METRIC_IDS})


def _grouped_goal_metric(metric_id: str, intervention: Intervention) -> GoalMetric | None:
    """``goal_metric_get`` for a goal ``evaluate_goals_by_intervention`` can evaluate,
    without a query: a goal-only id, or a metric of a source that groups by intervention."""
    if metric_id in GOAL_ONLY_IDS:
        return next(metric for metric in goal_metrics() if metric.id == metric_id)
    definition = grouped_definition(metric_id, intervention)
    if definition is None:
        return None
    return GoalMetric(definition.id, definition.name, definition.kind)


def goals_group_by_intervention(goals: Iterable[Goal]) -> bool:
    """Whether ``evaluate_goals_by_intervention`` can evaluate these goals: every metric
    they name is goal-only or comes from a source with ``evaluate_by_intervention``."""
    return groups_by_intervention(
        {"started", *(goal.metric_id for goal in goals if goal.metric_id not in GOAL_ONLY_IDS)}
    )


def evaluate_goals_by_intervention(
    interventions: Sequence[Intervention],
    goals: Mapping[int, Sequence[Goal]],
    periods: Mapping[int, Period],
) -> dict[int, list[GoalResult]]:
    """``evaluate_goals(intervention, goals[pk], period=periods[pk])`` of every intervention
    with goals, exact figures, in a constant number of queries whatever the number of
    interventions: each metric source a goal needs answers all of them at once, each over
    its own period (``evaluate_by_intervention``, samsyn.stats.grouped), and the trainings
    are one more query. Every goal must pass ``goals_group_by_intervention``."""
    chosen = [item for item in interventions if goals.get(item.pk)]
    if not chosen:
        return {}
    wanted = {"started", *(goal.metric_id for item in chosen for goal in goals[item.pk])}
    evaluated = evaluate_by_intervention(chosen, dict(periods), metric_ids=wanted)
    training = [
        item for item in chosen if any(g.metric_id in TRAINING_METRIC_IDS for g in goals[item.pk])
    ]
    trained = training_figures_by_intervention(training, periods) if training else {}
    results: dict[int, list[GoalResult]] = {}
    for item in chosen:
        values = _goal_values(evaluated[item.pk][0])
        if item.pk in trained:
            values.update(_training_values_from(trained[item.pk], goals[item.pk]))
        found = (
            _result(goal, item, values, suppress=False, metric_of=_grouped_goal_metric)
            for goal in goals[item.pk]
        )
        results[item.pk] = [result for result in found if result is not None]
    return results


def metric_choices(intervention: Intervention | None = None) -> Sequence[tuple[str, str]]:
    return [(metric.id, str(metric.name)) for metric in goal_metrics(intervention)]


# --- selectors ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodOption:
    value: str  # "YYYY-MM-DD_YYYY-MM-DD", the ?rapportperiod= of the quick choice
    label: str


@dataclass(frozen=True)
class PeriodGroup:
    label: str
    options: list[PeriodOption]


def period_value(period: Period) -> str:
    return f"{period.start.isoformat()}_{period.end.isoformat()}"


def period_groups(intervention: Intervention) -> list[PeriodGroup]:
    """The quick choices: the default period and the report schedule's periods."""
    default = default_period(intervention)
    whole = gettext("Hela perioden fram till i dag %(from)s–%(to)s") % {
        "from": default.start.isoformat(),
        "to": default.end.isoformat(),
    }
    groups = [PeriodGroup(gettext("Standard"), [PeriodOption(period_value(default), whole)])]
    try:
        schedule = report_schedule(intervention.start_date, intervention.end_date)
    except ValueError:  # an end before the start: only the default can be offered
        return groups
    for label, periods in (
        (gettext("Kvartalsrapporter"), schedule.quarters),
        (gettext("Årsrapporter"), schedule.years),
        (gettext("Slutrapport"), (schedule.final,)),
    ):
        options = [
            PeriodOption(period_value(Period(p.date_from, p.date_to)), str(p.label))
            for p in periods
        ]
        groups.append(PeriodGroup(label, options))
    return groups


def period_offered(period: Period, groups: list[PeriodGroup]) -> bool:
    value = period_value(period)
    return any(option.value == value for group in groups for option in group.options)


# Longer input is never a date; cut it so an error message cannot echo a whole essay.
_MAX_DATE_INPUT = 32


def choose_period(
    intervention: Intervention, *, fran: str = "", till: str = "", quick: str = ""
) -> tuple[Period, str]:
    """The period asked for, or the default period and a Swedish message saying why."""
    default = default_period(intervention)
    fran, till, quick = (text.strip()[:_MAX_DATE_INPUT] for text in (fran, till, quick))
    if quick:
        fran, _sep, till = quick.partition("_")
        if not fran or not till:
            return default, period_error_text(gettext("Välj en period i listan."))
    if not fran and not till:
        return default, ""
    if not fran or not till:
        return default, period_error_text(gettext("Ange både från- och till-datum."))
    try:
        return Period.parse(fran, till), ""
    except ValidationError as error:
        return default, period_error_text(" ".join(error.messages))


def period_error_text(reason: str) -> str:
    shown = gettext("Resultatet visas i stället för insatsens hela period fram till i dag.")
    return f"{reason} {shown}"


def managed_goal_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose goals the actor manages (förbundsadministratör of its förbund or
    its insatsansvarig); 404 for everyone else."""
    managed = interventions_visible_to(actor, Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
    return get_object_or_404(managed.select_related("forbund"), pk=intervention_id)


def managed_goal_get(*, actor: User, intervention_id: int, goal_id: int) -> Goal:
    intervention = managed_goal_intervention(actor=actor, intervention_id=intervention_id)
    goal = get_object_or_404(Goal.objects.filter(intervention=intervention), pk=goal_id)
    goal.intervention = intervention
    return goal
