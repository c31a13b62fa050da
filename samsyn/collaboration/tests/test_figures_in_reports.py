"""The teams' figures on the intervention dashboard, in a goal and in the förbund overview,
with the case counts suppressed for styrgrupp."""

from __future__ import annotations

import datetime

from django.urls import reverse

from samsyn.collaboration.models import CaseDiscussion, TeamCase
from samsyn.collaboration.tests.case_setup import make_meeting, make_team
from samsyn.conftest import World
from samsyn.interventions.models import Goal
from samsyn.interventions.selectors.goals import evaluate_goals
from samsyn.stats.periods import Period

Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}


def _team_with_cases(world: World, cases: int) -> None:
    team = make_team(world)
    meeting = make_meeting(world, team, datetime.date(2026, 2, 4))
    make_meeting(world, team, datetime.date(2026, 3, 4), absent=(world.af,))
    for number in range(1, cases + 1):
        case = TeamCase.objects.create(team=team, number=number, raised_at=meeting)
        CaseDiscussion.objects.create(meeting=meeting, case=case)


def test_dashboard_shows_the_figures(world: World, as_persona) -> None:
    _team_with_cases(world, 2)
    url = reverse("reporting:dashboard", args=[world.intervention.pk])
    page = as_persona("insatsansvarig").get(url, Q1).content.decode()
    assert "Andel möten med alla parter närvarande" in page
    assert "Ärenden som diskuterats i team" in page


def test_styrgrupp_dashboard_hides_small_case_counts(world: World, as_persona) -> None:
    _team_with_cases(world, 2)
    url = reverse("reporting:dashboard", args=[world.intervention.pk])
    response = as_persona("styrgrupp").get(url, Q1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ärenden som diskuterats i team" in page
    assert "&lt; " in page


def test_styrgrupp_goal_on_a_case_count_is_hidden(world: World) -> None:
    _team_with_cases(world, 2)
    goal = Goal.objects.create(
        intervention=world.intervention,
        metric_id="collab_cases_discussed",
        comparison="at_least",
        target=10,
    )
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    (hidden,) = evaluate_goals(world.intervention, [goal], period=period, suppress=True)
    assert hidden.hidden
    (shown,) = evaluate_goals(world.intervention, [goal], period=period, suppress=False)
    assert shown.actual == 2


def test_dashboard_without_a_linked_team_has_no_rows(world: World, as_persona) -> None:
    url = reverse("reporting:dashboard", args=[world.intervention.pk])
    page = as_persona("insatsansvarig").get(url, Q1).content.decode()
    assert "Ärenden som diskuterats i team" not in page


def test_a_goal_targets_full_attendance(world: World) -> None:
    _team_with_cases(world, 1)
    goal = Goal.objects.create(
        intervention=world.intervention,
        metric_id="collab_full_attendance_share",
        comparison="at_least",
        target=90,
    )
    (result,) = evaluate_goals(
        world.intervention,
        [goal],
        period=Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)),
        suppress=False,
    )
    assert result.actual == 50  # one of the two held meetings had every party
    assert result.status == "ej uppnått"


def test_forbund_overview_table(world: World, as_persona) -> None:
    _team_with_cases(world, 2)
    url = reverse("reporting:forbund_overview")
    admin = as_persona("admin").get(url, Q1).content.decode()
    assert "Samverkansteam kopplade till förbundets insatser" in admin
    assert "Trisam Testby" in admin
    styrgrupp = as_persona("styrgrupp").get(url, Q1).content.decode()
    assert "Trisam Testby" in styrgrupp
    assert "&lt; " in styrgrupp or "< " in styrgrupp  # 2 cases: hidden for styrgrupp
