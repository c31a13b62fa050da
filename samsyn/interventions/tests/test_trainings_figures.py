"""training_figures against a hand count, and goals on staff trained."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import (
    Goal,
    Intervention,
    Training,
    TrainingRole,
)
from samsyn.interventions.selectors.goals import GoalStatus, evaluate_goals, goal_metric_get
from samsyn.interventions.selectors.trainings import training_figures
from samsyn.interventions.services.goals import GoalFields, goal_create
from samsyn.interventions.tests.training_setup import attend
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR_2025 = Period(D(2025, 1, 1), D(2025, 12, 31))


def training(intervention: Intervention, held_on: datetime.date, *rows: tuple) -> Training:
    made = Training.objects.create(intervention=intervention, title="Utbildning", held_on=held_on)
    for party, role, attendees, *first in rows:
        attend(made, party, role, attendees, first=first[0] if first else 1)
    return made


@pytest.fixture
def trained(world: Any) -> Intervention:
    """Hand count for 2025: coach 1 + 2 = 3 (1 Jan and 31 Dec are inside), chef 10 + 15 = 25,
    handläggare 0, annan 4: total 32. Outside: 2024-12-31 and 2026-01-01 trainings, and a
    training of another intervention."""
    ins = world.intervention
    training(ins, D(2025, 1, 1), (world.kommun, "coach", 1), (world.kommun, "chef", 10))
    training(ins, D(2025, 12, 31), (world.region, "coach", 2), (world.fk, "chef", 15))
    training(ins, D(2025, 6, 1), (world.af, "annan", 4))
    training(ins, D(2024, 12, 31), (world.kommun, "coach", 50))
    training(ins, D(2026, 1, 1), (world.kommun, "chef", 50))
    training(world.other_intervention, D(2025, 6, 1), (world.other_party, "coach", 7))
    return ins


def test_figures_match_the_hand_count_with_period_edges(trained: Intervention) -> None:
    with CaptureQueriesContext(connection) as captured:
        figures = training_figures(trained, YEAR_2025)
    assert len(captured) == 1
    assert figures == {"coach": 3, "chef": 25, "handlaggare": 0, "annan": 4, "total": 32}


def test_every_role_is_present_when_nothing_was_held(world: Any) -> None:
    figures = training_figures(world.intervention, YEAR_2025)
    assert figures == {**{role: 0 for role in TrainingRole.values}, "total": 0}


def test_figures_over_several_interventions(world: Any, trained: Intervention) -> None:
    both = Intervention.objects.filter(pk__in=[trained.pk, world.other_intervention.pk])
    assert training_figures(both, YEAR_2025)["coach"] == 10
    assert training_figures([trained, world.other_intervention], YEAR_2025)["total"] == 39
    one_day = Period(D(2025, 12, 31), D(2025, 12, 31))
    assert training_figures(trained, one_day) == {
        "coach": 2,
        "chef": 15,
        "handlaggare": 0,
        "annan": 0,
        "total": 17,
    }


def goal(world: Any, metric_id: str, target: str, gender: str = "total") -> Goal:
    fields = GoalFields(
        metric_id=metric_id, comparison="at_least", target=Decimal(target), gender=gender
    )
    return goal_create(actor=world["admin"], intervention=world.intervention, fields=fields)


def test_training_goals_of_the_seeds(world: Any, trained: Intervention) -> None:
    coaches = goal(world, "trained_coach", "2")
    managers = goal(world, "trained_chef", "25")
    others = goal(world, "trained_handlaggare", "1")
    results = evaluate_goals(trained, [coaches, managers, others], period=YEAR_2025)
    assert [(r.actual, r.status) for r in results] == [
        (Decimal(3), GoalStatus.REACHED),
        (Decimal(25), GoalStatus.REACHED),
        (Decimal(0), GoalStatus.NOT_REACHED),
    ]
    assert str(results[0].metric.name) == "Utbildade coacher"
    assert str(results[1].metric.name) == "Utbildade chefer"
    assert results[0].target_text == "Minst 2"


def test_training_goals_are_never_suppressed(world: Any, trained: Intervention) -> None:
    (result,) = evaluate_goals(
        trained, [goal(world, "trained_coach", "2")], period=YEAR_2025, suppress=True
    )
    assert (result.actual_text, result.hidden, result.status_text) == ("3", False, "uppnått")


@pytest.mark.parametrize("gender", ["kvinna", "man"])
def test_training_goal_per_gender_is_refused(world: Any, gender: str) -> None:
    metric = goal_metric_get("trained_chef")
    assert metric is not None and metric.gender_split is False
    with pytest.raises(ValidationError) as raised:
        goal(world, "trained_chef", "25", gender=gender)
    assert raised.value.message_dict["gender"] == [
        "Utbildad personal räknas inte per kön: välj Alla."
    ]
    assert not Goal.objects.exists()


def test_training_figures_cost_one_query_only_when_needed(
    world: Any, trained: Intervention
) -> None:
    participants = goal(world, "participants_total", "50")

    def queries(goals: list[Goal]) -> int:
        with CaptureQueriesContext(connection) as captured:
            evaluate_goals(trained, goals, period=YEAR_2025)
        return len(captured)

    without = queries([participants])
    with_one = queries([participants, goal(world, "trained_coach", "2")])
    with_many = queries(
        [participants, *(goal(world, f"trained_{role}", "1") for role in TrainingRole.values)]
    )
    assert with_one == with_many == without + 1


def test_another_interventions_trainings_never_count(world: Any) -> None:
    other = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    training(other, D(2025, 3, 1), (world.kommun, "coach", 9))
    assert training_figures(world.intervention, YEAR_2025)["coach"] == 0


# --- people, not attendances (issue #10, item 17) -----------------------------------------


def test_a_person_attending_several_trainings_counts_once(world: Any) -> None:
    """Seed 000 counts people trained ("Att utbilda … 25 st chefer/beslutsfattare"): chefs
    1–10 at the introduction and chefs 6–15 at the follow-up are 15 chefs, not 20."""
    ins = world.intervention
    training(ins, D(2025, 3, 1), (world.kommun, "chef", 10), (world.kommun, "coach", 2))
    training(ins, D(2025, 9, 1), (world.kommun, "chef", 10, 6), (world.kommun, "coach", 2))
    figures = training_figures(ins, YEAR_2025)
    assert (figures["chef"], figures["coach"], figures["total"]) == (15, 2, 17)
    # The same name at another party is another person.
    training(ins, D(2025, 10, 1), (world.fk, "chef", 1))
    assert training_figures(ins, YEAR_2025)["chef"] == 16
    # Only the trainings held in the period count: the follow-up alone is 10 chefs.
    autumn = Period(D(2025, 7, 1), D(2025, 9, 30))
    assert training_figures(ins, autumn)["chef"] == 10


def people_goal(world: Any, roles: tuple[str, ...], target: str = "25") -> Goal:
    fields = GoalFields(
        metric_id="trained_people",
        comparison="at_least",
        target=Decimal(target),
        training_roles=roles,
    )
    return goal_create(actor=world["admin"], intervention=world.intervention, fields=fields)


def test_a_goal_over_several_roles_counts_unique_people(world: Any) -> None:
    """Seed 000: "25 st chefer/beslutsfattare och operativa medarbetare" is one target over
    several roles. 26 attendances of 18 people do not reach it."""
    ins = world.intervention
    training(ins, D(2025, 4, 8), (world.fk, "chef", 6), (world.af, "handlaggare", 6))
    training(
        ins,
        D(2025, 10, 14),
        (world.fk, "chef", 6),
        (world.af, "handlaggare", 2),
        (world.af, "handlaggare", 4, 7),
        (world.region, "annan", 2),
    )
    training(ins, D(2025, 5, 1), (world.kommun, "coach", 2))
    goal_ = people_goal(world, ("handlaggare", "chef", "annan"))
    assert goal_.training_roles == ["chef", "handlaggare", "annan"]
    (result,) = evaluate_goals(ins, [goal_], period=YEAR_2025)
    assert (result.actual, result.status) == (Decimal(18), GoalStatus.NOT_REACHED)
    assert str(result.metric.name) == (
        "Utbildade personer i valda yrkesroller: Chef, Handläggare, Annan yrkesroll"
    )
    (suppressed,) = evaluate_goals(ins, [goal_], period=YEAR_2025, suppress=True)
    assert (suppressed.actual_text, suppressed.hidden) == ("18", False)
    # Coaches are not in the goal's roles; a goal on coaches and chefs counts 2 + 6.
    (both,) = evaluate_goals(ins, [people_goal(world, ("coach", "chef"), "8")], period=YEAR_2025)
    assert (both.actual, both.status) == (Decimal(8), GoalStatus.REACHED)


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ((), "Välj minst en yrkesroll som målet räknar."),
        (("chef", "vd"), "Välj yrkesrollerna i listan."),
    ],
)
def test_a_goal_over_roles_needs_roles_of_the_list(
    world: Any, roles: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        people_goal(world, roles)
    assert raised.value.message_dict["training_roles"] == [message]
    assert not Goal.objects.exists()


def test_roles_are_dropped_for_other_metrics(world: Any) -> None:
    fields = GoalFields(
        metric_id="trained_chef",
        comparison="at_least",
        target=Decimal(2),
        training_roles=("coach",),
    )
    made = goal_create(actor=world["admin"], intervention=world.intervention, fields=fields)
    assert made.training_roles == []


def test_goals_over_roles_cost_no_more_queries(world: Any, trained: Intervention) -> None:
    single = [goal(world, "trained_coach", "2")]
    with CaptureQueriesContext(connection) as one:
        evaluate_goals(trained, single, period=YEAR_2025)
    many = [
        *single,
        people_goal(world, ("chef", "annan")),
        people_goal(world, ("coach", "handlaggare")),
        people_goal(world, ("chef",)),
    ]
    with CaptureQueriesContext(connection) as more:
        results = evaluate_goals(trained, many, period=YEAR_2025)
    assert len(more) == len(one)
    assert [r.actual for r in results] == [3, 29, 3, 25]
