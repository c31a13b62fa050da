"""The goals page of an intervention: every goal with target and actual for the chosen period,
and its status judged on the period the goal is set for (issue #15: "uppnått / ej uppnått"
only when the period covers the goal's whole period, otherwise "i fas / efter plan" against a
pro-rated target; docs/metrics.md "Goals and their period"), as on the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from samsyn.core.models import User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.interventions.models import Goal, Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.detail import viewer_roles
from samsyn.interventions.selectors.goal_periods import GoalJudgement, judge_goal
from samsyn.interventions.selectors.goals import (
    GoalResult,
    PeriodGroup,
    choose_period,
    default_period,
    evaluate_goals,
    period_error_text,
    period_groups,
    period_offered,
    period_value,
)
from samsyn.stats.periods import Period
from samsyn.stats.small_numbers import FIXED_PERIODS_REASON


@dataclass(frozen=True)
class GoalsPage:
    intervention: Intervention
    period: Period
    results: list[GoalResult]
    # Each result with its status judged on the goal's own period (goal_periods.py), in the
    # same order: what the page shows in the status column.
    judgements: list[GoalJudgement]
    suppressed: bool
    can_manage: bool
    is_default_period: bool = True
    period_error: str = ""
    period_groups: tuple[PeriodGroup, ...] = ()

    @property
    def selected_period(self) -> str:
        return period_value(self.period)

    @property
    def rows(self) -> list[tuple[GoalResult, GoalJudgement]]:
        return list(zip(self.results, self.judgements, strict=True))


def goals_page(
    *, actor: User, intervention_id: int, fran: str = "", till: str = "", quick: str = ""
) -> GoalsPage:
    """The goals with target vs actual for everyone who sees the intervention (404 else);
    small numbers hidden for audiences without access to personal data. The period is
    ``fran``–``till`` or the quick choice ``quick``; bad input falls back to the default."""
    intervention = get_object_or_404(
        interventions_visible_to(actor).select_related("forbund"), pk=intervention_id
    )
    roles = viewer_roles(actor=actor, intervention=intervention)
    suppress = not (roles & ROLES_SEEING_EXACT_FIGURES)
    period, error = choose_period(intervention, fran=fran, till=till, quick=quick)
    groups = period_groups(intervention)
    if suppress and not error and not period_offered(period, groups):
        # Free dates would show a hidden count by comparing two periods (issue #11).
        period, error = default_period(intervention), period_error_text(str(FIXED_PERIODS_REASON))
    goals = Goal.objects.filter(intervention=intervention).order_by("id")
    results = evaluate_goals(intervention, goals, period=period, suppress=suppress)
    return GoalsPage(
        intervention=intervention,
        period=period,
        results=results,
        judgements=[judge_goal(result, intervention, period) for result in results],
        suppressed=suppress,
        can_manage=bool(roles & {Role.FORBUNDSADMIN, Role.INSATSANSVARIG}),
        is_default_period=period == default_period(intervention),
        period_error=error,
        period_groups=tuple(groups),
    )
