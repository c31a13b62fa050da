"""A goal on an indicator's share positive is evaluated from the answers in its period
(issue #13, item 5); the dashboard shows the survey section; the demo is idempotent."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from samsyn.conftest import World
from samsyn.interventions.models import Goal, GoalComparison
from samsyn.interventions.selectors.goals import GoalStatus, evaluate_goals, goal_metric_get
from samsyn.stats.periods import Period
from samsyn.surveys.models import Survey
from samsyn.surveys.selectors.metrics import survey_metric_id
from samsyn.surveys.tests.factories_results import answer, make_survey

pytestmark = pytest.mark.django_db
PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def _goal(world: World, survey: Survey, target: int = 75, gender: str = "total") -> Goal:
    return Goal.objects.create(
        intervention=world.intervention,
        metric_id=survey_metric_id(survey.instrument_id, survey.respondent_group, "2"),
        comparison=GoalComparison.AT_LEAST,
        target=Decimal(target),
        gender=gender,
    )


def test_goal_on_share_positive(world: World) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"K1": 1, "D3": 5, "D4": 4}, times=6)  # 12 of 12 positive
    answer(survey, {"K1": 2, "D3": 2, "D4": 4}, times=5)  # 5 of 10
    answer(survey, {"K1": 1, "D3": 1, "D4": 1}, on=datetime.date(2025, 12, 1), times=9)
    goal = _goal(world, survey)
    metric = goal_metric_get(goal.metric_id, world.intervention)
    assert metric is not None and "Samordnat stöd" in str(metric.name)
    [result] = evaluate_goals(world.intervention, [goal], period=PERIOD)
    assert result.actual == Decimal(repr(round(17 / 22 * 100, 6)))
    assert result.status is GoalStatus.REACHED
    women = _goal(world, survey, gender="kvinna")
    [result] = evaluate_goals(world.intervention, [women], period=PERIOD)
    assert result.actual == Decimal(100)


def test_goal_has_no_value_under_five_respondents(world: World) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"K1": 2, "D3": 5, "D4": 5}, times=4)
    [result] = evaluate_goals(world.intervention, [_goal(world, survey)], period=PERIOD)
    assert result.actual is None and result.status is GoalStatus.NO_DATA


def test_goal_without_any_answer_in_its_period_has_no_data(world: World) -> None:
    """A survey goal whose survey has no answer at all in the period (an approved report of
    an earlier quarter, for instance) is "ingen data", for every audience."""
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"K1": 1, "D3": 5, "D4": 4}, on=datetime.date(2025, 12, 1), times=6)
    goal = _goal(world, survey)
    for suppress in (False, True):
        [result] = evaluate_goals(world.intervention, [goal], period=PERIOD, suppress=suppress)
        assert result.actual is None and result.status is GoalStatus.NO_DATA


def test_goal_queries_do_not_grow(world: World, django_assert_max_num_queries) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    goals = [_goal(world, survey), _goal(world, survey, 50)]
    answer(survey, {"D3": 5, "D4": 4}, times=5)
    # A fresh instance each time: sources cache what they learn on the intervention object.
    model = type(world.intervention)
    intervention = model.objects.get(pk=world.intervention.pk)
    with django_assert_max_num_queries(12) as small:
        evaluate_goals(intervention, goals, period=PERIOD)
    answer(survey, {"D3": 5, "D4": 4}, times=40)
    intervention = model.objects.get(pk=world.intervention.pk)
    with django_assert_max_num_queries(12) as large:
        evaluate_goals(intervention, goals, period=PERIOD)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_dashboard_shows_the_survey_section(as_persona, world: World) -> None:
    survey = make_survey(world.forbund, interventions=[world.intervention])
    answer(survey, {"D3": 5, "D4": 4}, times=6)
    from django.urls import reverse

    page = as_persona("styrgrupp").get(
        reverse("reporting:dashboard", args=[world.intervention.pk]),
        {"fran": "2026-01-01", "till": "2026-06-30"},
    )
    assert page.status_code == 200
    assert "Enkätresultat" in page.text


def test_demo_is_idempotent(world: World) -> None:
    from samsyn.core.demo_data import IPS_SLUG
    from samsyn.surveys.demo_results import seed_survey_results

    # The demo surveys the demo's own interventions, found by their slugs.
    world.intervention.slug = IPS_SLUG
    world.intervention.save(update_fields=["slug"])
    first = seed_survey_results(world.forbund)
    assert first["enkäter"] >= 3 and first["enkätmål"] >= 1
    surveys = Survey.objects.filter(forbund=world.forbund).count()
    assert not seed_survey_results(world.forbund)
    assert Survey.objects.filter(forbund=world.forbund).count() == surveys
