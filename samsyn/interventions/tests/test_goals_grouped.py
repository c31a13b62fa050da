"""Goals of several interventions evaluated at once, each over its own period
(``evaluate_goals_by_intervention``, samsyn.stats.grouped; the start page's "Att hantera"):
the same results and verdicts as evaluating each intervention alone, in a number of queries
that does not grow with the interventions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.collaboration.selectors.figures import COLLABORATION_SOURCE
from samsyn.collaboration.tests.case_setup import make_meeting as collaboration_meeting
from samsyn.collaboration.tests.case_setup import make_team as make_collaboration_team
from samsyn.collaboration.tests.test_figures import _fill as _fill_collaboration
from samsyn.core.models import TeamMember
from samsyn.core.roles import Role
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.interventions.models import Goal, GoalPeriod, Intervention, Method, Training
from samsyn.interventions.selectors.goal_periods import judge_goal
from samsyn.interventions.selectors.goals import (
    evaluate_goals,
    evaluate_goals_by_intervention,
    goals_group_by_intervention,
)
from samsyn.interventions.tests.test_goals import follow_up, reg
from samsyn.interventions.tests.training_setup import attend
from samsyn.ips.selectors.outcomes import IPS_OUTCOME_METRICS
from samsyn.ips.tests.outcomes_setup import activity, employer_contact, job
from samsyn.ips.tests.outcomes_setup import reg as ips_reg
from samsyn.stats.periods import Period
from samsyn.surveys.selectors.metrics import SURVEY_METRICS, survey_metric_id
from samsyn.surveys.tests.factories_results import answer, make_survey

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 6, 30)

# (metric id, comparison, target, target_max, period kind, training roles)
GOALS: list[tuple[str, str, str, str | None, str, tuple[str, ...]]] = [
    ("participants_total", "at_least", "3", None, GoalPeriod.INTERVENTION, ()),
    ("participants_total", "at_least", "2", None, GoalPeriod.YEAR, ()),
    ("share_women", "between", "40", "60", GoalPeriod.INTERVENTION, ()),
    ("active", "at_most", "4", None, GoalPeriod.YEAR, ()),
    ("ended", "at_least", "1", None, GoalPeriod.YEAR, ()),
    ("share_work_or_studies", "at_least", "50", None, GoalPeriod.INTERVENTION, ()),
    ("share_step_forward", "at_least", "60", None, GoalPeriod.YEAR, ()),
    ("median_days_in_intervention", "at_most", "200", None, GoalPeriod.INTERVENTION, ()),
    ("followup_12m_due", "at_least", "1", None, GoalPeriod.INTERVENTION, ()),
    ("share_followup_12m_reached", "at_least", "50", None, GoalPeriod.INTERVENTION, ()),
    ("share_recommendation_aktivitet", "at_least", "50", None, GoalPeriod.INTERVENTION, ()),
    ("trained_coach", "at_least", "2", None, GoalPeriod.YEAR, ()),
    ("trained_people", "at_least", "3", None, GoalPeriod.INTERVENTION, ("chef", "annan")),
]


def _intervention(world: Any, number: int) -> Intervention:
    """Interventions that differ in period (some ended, some running, some without an end)
    and in what happened in them, so each is judged over a period of its own."""
    start = D(2024, 1 + number % 12, 1)
    end = None if number % 3 == 0 else D(2025 + number % 2, 12, 31)
    methods = [Method.RESURSINVENTERING] if number % 2 else []
    ins = InterventionFactory(
        forbund=world.forbund,
        owner_party=world.kommun,
        name=f"Insats {number}",
        start_date=start,
        end_date=end,
        methods=methods,
    )
    for index in range(number % 4 + 1):
        gender = "kvinna" if (index + number) % 2 else "man"
        first = start + datetime.timedelta(days=20 * index + number)
        ended = first + datetime.timedelta(days=90 + 40 * index) if index % 2 == 0 else None
        registration = reg(
            ins,
            gender,
            first,
            ended,
            outcome="arbete" if index % 3 == 0 else "ovrigt",
            step_forward=index % 2 == 0,
            recommendation="aktivitet" if index % 3 != 1 else "sjukersattning",
        )
        if ended is not None:
            follow_up(registration, ended + datetime.timedelta(days=365), index % 4 == 0)
    # One registration that started before the intervention's period: active, not started.
    reg(ins, "kvinna", start - datetime.timedelta(days=30), None)
    training = Training.objects.create(
        intervention=ins, title="Grund", held_on=start + datetime.timedelta(days=60)
    )
    attend(training, world.kommun, "coach", number % 3)
    attend(training, world.fk, "chef", number % 4)
    for metric_id, comparison, target, target_max, kind, roles in GOALS:
        Goal.objects.create(
            intervention=ins,
            metric_id=metric_id,
            comparison=comparison,
            target=Decimal(target),
            target_max=None if target_max is None else Decimal(target_max),
            period_kind=kind,
            training_roles=list(roles),
        )
    return ins


def _goals(interventions: list[Intervention]) -> dict[int, list[Goal]]:
    goals: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(intervention__in=interventions).order_by("id"):
        goals.setdefault(goal.intervention_id, []).append(goal)
    return goals


def _periods(interventions: list[Intervention]) -> dict[int, Period]:
    def period(ins: Intervention) -> Period:
        end = min(ins.end_date or TODAY, TODAY)
        return Period(ins.start_date, max(end, ins.start_date))

    return {ins.pk: period(ins) for ins in interventions}


def _verdicts(results: list[Any], ins: Intervention, period: Period) -> list[tuple[Any, ...]]:
    return [
        (
            r.goal.pk,
            r.metric.id,
            str(r.metric.name),
            r.actual,
            r.status,
            r.actual_text,
            judge_goal(r, ins, period),
        )
        for r in results
    ]


def test_grouped_verdicts_equal_each_intervention_alone(world: Any) -> None:
    interventions = [_intervention(world, number) for number in range(1, 7)]
    goals, periods = _goals(interventions), _periods(interventions)
    assert all(goals_group_by_intervention(goals[ins.pk]) for ins in interventions)
    grouped = evaluate_goals_by_intervention(interventions, goals, periods)
    statuses = set()
    for ins in interventions:
        alone = evaluate_goals(ins, goals[ins.pk], period=periods[ins.pk])
        assert _verdicts(grouped[ins.pk], ins, periods[ins.pk]) == _verdicts(
            alone, ins, periods[ins.pk]
        )
        statuses |= {judge_goal(r, ins, periods[ins.pk]).status for r in alone}
    # The mix covers verdicts and progress: reached, not reached, behind, on track.
    assert {"uppnått", "ej uppnått", "efter plan", "i fas"} <= statuses
    # Recommendation goals only count for the interventions that use resursinventering.
    recommendation = {
        ins.pk: [r for r in grouped[ins.pk] if r.metric.id == "share_recommendation_aktivitet"]
        for ins in interventions
    }
    assert all(
        bool(found) == ins.uses_resursinventering
        for ins in interventions
        for found in [recommendation[ins.pk]]
    )


@pytest.mark.parametrize("number", [2, 15])
def test_grouped_evaluation_costs_the_same_whatever_the_interventions(
    world: Any, number: int
) -> None:
    """Every kind of grouped goal (registrations, recommendations, trainings, IPS outcomes,
    survey indicators, collaboration figures) for ``number`` interventions of each kind."""
    survey = make_survey(world.forbund)
    answer(survey, {"K1": 1, "D3": 5, "D4": 4}, on=D(2026, 3, 1), times=6)
    # A team with a coach of the whole förbund: linked to every intervention.
    team = make_collaboration_team(world, "Förbundets team")
    wide = UserFactory(username="forbundscoach")
    MembershipFactory(user=wide, forbund=world.forbund, role=Role.COACH)
    TeamMember.objects.create(team=team, party=world.kommun, user=wide)
    collaboration_meeting(world, team, D(2025, 3, 20), present=(world.kommun,))
    interventions = [_intervention(world, index) for index in range(1, number + 1)]
    interventions += [_ips_intervention(world, index) for index in range(1, number + 1)]
    for ins in interventions:
        Goal.objects.create(
            intervention=ins,
            metric_id=survey_metric_id(survey.instrument_id, survey.respondent_group, "2"),
            comparison="at_least",
            target=Decimal(60),
        )
        Goal.objects.create(
            intervention=ins,
            metric_id="collab_meetings_held",
            comparison="at_least",
            target=Decimal(1),
        )
    goals, periods = _goals(interventions), _periods(interventions)
    fresh = list(Intervention.objects.filter(pk__in=[ins.pk for ins in interventions]))
    with CaptureQueriesContext(connection) as captured:
        results = evaluate_goals_by_intervention(fresh, goals, periods)
    # Registrations: counts, follow-ups, median; the recommendation counts; IPS: two
    # aggregates and the days to the first job; surveys: the indicators of the förbunds,
    # the questions, the two answer aggregates; the trainings; collaboration: four for the
    # linked teams and five figure groups.
    assert len(captured) == 21
    for ins in fresh:
        alone = evaluate_goals(ins, goals[ins.pk], period=periods[ins.pk])
        assert [r.actual for r in results[ins.pk]] == [r.actual for r in alone]
        assert "collab_meetings_held" in {r.metric.id for r in alone}


def _ips_intervention(world: Any, number: int) -> Intervention:
    """An IPS intervention with registrations in and out of work, jobs held 13 weeks or
    not, and contacts in and outside the 28 days before its period's end."""
    start = D(2025, 1 + number % 12, 1)
    end = D(2026, 3 + number % 3, 28) if number % 2 else None
    ins = InterventionFactory(
        forbund=world.forbund,
        owner_party=world.kommun,
        name=f"IPS {number}",
        start_date=start,
        end_date=end,
        methods=["ips"],
    )
    last = min(end or TODAY, TODAY)
    coach = world["coach"]
    for index in range(number % 3 + 2):
        registration = ips_reg(
            ins,
            coach,
            start + datetime.timedelta(days=10 * index),
            None if index % 3 else last - datetime.timedelta(days=5),
            gender="kvinna" if (index + number) % 2 else "man",
            occupation="arbetar" if index == 3 else "ingen",
        )
        if index % 2 == 0:
            job(registration, start + datetime.timedelta(days=40 + index * number))
        if index == 1:
            job(registration, start + datetime.timedelta(days=15), start + D.resolution * 200)
        contact_day = last - datetime.timedelta(days=3 if index % 2 else 40)
        activity(registration, contact_day)
        if index == 2:
            employer_contact(registration, last - datetime.timedelta(days=27))
    for metric_id, comparison, target in (
        ("caseload_active", "at_least", "3"),
        ("employment_rate", "at_least", "40"),
        ("jobs_13w_held", "at_least", "1"),
        ("median_days_to_first_job", "at_most", "60"),
    ):
        Goal.objects.create(
            intervention=ins,
            metric_id=metric_id,
            comparison=comparison,
            target=Decimal(target),
            period_kind=GoalPeriod.YEAR if number % 2 else GoalPeriod.INTERVENTION,
        )
    return ins


def test_grouped_ips_outcomes_equal_each_intervention_alone(world: Any) -> None:
    interventions = [_ips_intervention(world, number) for number in range(1, 6)]
    plain = InterventionFactory(forbund=world.forbund, owner_party=world.kommun, name="Annan")
    periods = _periods([*interventions, plain])
    grouped = IPS_OUTCOME_METRICS.evaluate_by_intervention([*interventions, plain], periods)
    assert set(grouped) == {ins.pk for ins in interventions}  # IPS interventions only
    for ins in interventions:
        assert grouped[ins.pk] == IPS_OUTCOME_METRICS.evaluate_with_counts(ins, periods[ins.pk])
    assert any(values["caseload_active"]["total"] for values, _ in grouped.values())
    assert any(values["jobs_13w_held"]["total"] for values, _ in grouped.values())
    goals = _goals(interventions)
    assert all(goals_group_by_intervention(goals[ins.pk]) for ins in interventions)
    results = evaluate_goals_by_intervention(interventions, goals, periods)
    for ins in interventions:
        alone = evaluate_goals(ins, goals[ins.pk], period=periods[ins.pk])
        assert len(alone) == 4
        assert _verdicts(results[ins.pk], ins, periods[ins.pk]) == _verdicts(
            alone, ins, periods[ins.pk]
        )


def test_grouped_survey_indicators_equal_each_intervention_alone(world: Any) -> None:
    """Answers to an intervention's own survey (linked to one or two interventions) and to
    the förbund's own survey (no interventions: it counts for every intervention), each
    intervention over its own period."""
    interventions = [
        InterventionFactory(
            forbund=world.forbund,
            owner_party=world.kommun,
            name=f"Enkät {number}",
            start_date=D(2026, number, 1),
        )
        for number in range(1, 4)
    ]
    shared = make_survey(world.forbund, interventions=interventions[:2])
    alone = make_survey(world.forbund, interventions=interventions[2:])
    forbund_wide = make_survey(world.forbund)
    for day, times in ((D(2026, 1, 15), 6), (D(2026, 2, 20), 5), (D(2026, 3, 20), 7)):
        answer(shared, {"K1": 1, "D3": 5, "D4": 4}, on=day, times=times)
        answer(alone, {"K1": 2, "D3": 2, "D4": 4}, on=day, times=times)
        answer(forbund_wide, {"K1": 2, "D3": 5, "D4": 1}, on=day, times=times - 3)
    for ins in interventions:
        for survey in (shared, alone, forbund_wide):
            Goal.objects.create(
                intervention=ins,
                metric_id=survey_metric_id(survey.instrument_id, survey.respondent_group, "2"),
                comparison="at_least",
                target=Decimal(60),
            )
    periods = {ins.pk: Period(ins.start_date, D(2026, 6, 30)) for ins in interventions}
    grouped = SURVEY_METRICS.evaluate_by_intervention(interventions, periods)
    for ins in interventions:
        assert grouped[ins.pk] == SURVEY_METRICS.evaluate_with_counts(ins, periods[ins.pk])
    assert grouped[interventions[0].pk] != grouped[interventions[1].pk]  # their own periods
    fresh = list(Intervention.objects.filter(pk__in=[ins.pk for ins in interventions]))
    goals = _goals(fresh)
    assert all(goals_group_by_intervention(goals[ins.pk]) for ins in fresh)
    results = evaluate_goals_by_intervention(fresh, goals, periods)
    for ins in fresh:
        expected = evaluate_goals(
            Intervention.objects.get(pk=ins.pk), goals[ins.pk], period=periods[ins.pk]
        )
        assert len(expected) == 3
        assert any(result.actual is not None for result in expected)
        assert _verdicts(results[ins.pk], ins, periods[ins.pk]) == _verdicts(
            expected, ins, periods[ins.pk]
        )


def test_grouped_collaboration_figures_equal_each_intervention_alone(world: Any) -> None:
    """Teams linked by a staff seat of the intervention, by a staff member of the whole
    förbund and by a referred case; interventions with different periods, one without a
    linked team."""
    filled = _fill_collaboration(world)
    other = make_collaboration_team(world, "Andra teamet")
    TeamMember.objects.filter(team=other, user=world["coach"]).delete()
    wide = UserFactory(username="forbundscoach")
    MembershipFactory(user=wide, forbund=world.forbund, role=Role.COACH)
    TeamMember.objects.create(team=other, party=world.kommun, user=wide)
    collaboration_meeting(world, other, D(2026, 2, 20), present=(world.kommun,))
    late = InterventionFactory(
        forbund=world.forbund, owner_party=world.kommun, start_date=D(2026, 2, 1)
    )
    elsewhere = InterventionFactory(
        forbund=world.other_forbund, owner_party=world.kommun, start_date=D(2026, 1, 1)
    )
    ins = world.intervention
    ins.start_date, ins.end_date = D(2025, 6, 1), D(2026, 6, 30)
    ins.save()
    interventions = [ins, late, elsewhere]
    periods = {
        ins.pk: Period(D(2025, 6, 1), D(2026, 6, 30)),
        late.pk: Period(D(2026, 2, 1), D(2026, 6, 30)),
        elsewhere.pk: Period(D(2026, 1, 1), D(2026, 6, 30)),
    }
    grouped = COLLABORATION_SOURCE.evaluate_by_intervention(interventions, periods)
    assert set(grouped) == {ins.pk, late.pk}  # no team is linked to the other förbund's
    for item in (ins, late):
        expected = COLLABORATION_SOURCE.evaluate_with_counts(item, periods[item.pk])
        assert grouped[item.pk] == expected
    assert grouped[ins.pk][0]["collab_meetings_held"]["total"] == 5  # both teams
    assert filled["team"].pk
    for item, metric_id, target in (
        (ins, "collab_meetings_held", "4"),
        (ins, "collab_full_attendance_share", "90"),
        (late, "collab_cases_referred", "1"),
        (late, "collab_meetings_planned", "10"),
        (elsewhere, "collab_meetings_held", "1"),
    ):
        Goal.objects.create(
            intervention=item, metric_id=metric_id, comparison="at_least", target=Decimal(target)
        )
    fresh = list(Intervention.objects.filter(pk__in=[item.pk for item in interventions]))
    goals = _goals(fresh)
    assert all(goals_group_by_intervention(goals[item.pk]) for item in fresh)
    with CaptureQueriesContext(connection) as captured:
        results = evaluate_goals_by_intervention(fresh, goals, periods)
    assert len(captured) == 3 + 9  # registrations ("started") and the collaboration figures
    for item in fresh:
        alone = evaluate_goals(
            Intervention.objects.get(pk=item.pk), goals[item.pk], period=periods[item.pk]
        )
        assert _verdicts(results[item.pk], item, periods[item.pk]) == _verdicts(
            alone, item, periods[item.pk]
        )
    assert results[elsewhere.pk] == []  # no linked team: the goal's metric does not apply
