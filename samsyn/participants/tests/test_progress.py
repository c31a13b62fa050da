"""The step-forward rule (progress.py), each branch against hand-made data, in Python and SQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db.models import Count, Q

from samsyn.conftest import World
from samsyn.participants.models import (
    ActionPlan,
    IndicatorRating,
    Registration,
    StepRecord,
    SubGoal,
)
from samsyn.participants.selectors.progress import (
    STEP_FORWARD_ANNOTATION,
    annotate_step_forward,
    step_forward,
)
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.participants.tests.journey_setup import structure_for

pytestmark = pytest.mark.django_db

D = datetime.date


class Maker:
    """Hand-made journeys: ladder steps by order, sub-goal statuses, measurements."""

    def __init__(self, world: World) -> None:
        self.world = world
        structure = structure_for(world)
        self.ladder = {step.order: step for step in structure["ladder"]}
        self.indicators = structure["indicators"]

    def registration(self, **fields: object) -> Registration:
        return RegistrationFactory(
            intervention=self.world.intervention, start_date=D(2026, 1, 5), **fields
        )

    def steps(self, registration: Registration, *records: tuple[D, int]) -> None:
        for day, order in records:
            StepRecord.objects.create(
                registration=registration, step=self.ladder[order], recorded_on=day
            )

    def sub_goals(self, registration: Registration, *statuses: str) -> None:
        plan = ActionPlan.objects.create(registration=registration, overall_goal="arbete")
        for status in statuses:
            SubGoal.objects.create(plan=plan, description="Delmål", status=status)

    def measurement(self, registration: Registration, day: D, *scores: int) -> None:
        for indicator, score in zip(self.indicators, scores, strict=True):
            IndicatorRating.objects.create(
                registration=registration, indicator=indicator, rated_on=day, score=score
            )


@pytest.fixture
def make(world: World) -> Maker:
    return Maker(world)


def nothing(m: Maker, r: Registration) -> None:
    pass


def explicit_true_without_data(m: Maker, r: Registration) -> None:
    Registration.objects.filter(pk=r.pk).update(step_forward=True)


def explicit_false_wins_over_a_higher_step(m: Maker, r: Registration) -> None:
    Registration.objects.filter(pk=r.pk).update(step_forward=False)
    m.steps(r, (D(2026, 2, 1), 2), (D(2026, 5, 1), 5))


def ladder_up(m: Maker, r: Registration) -> None:
    m.steps(r, (D(2026, 2, 1), 2), (D(2026, 3, 1), 1), (D(2026, 5, 1), 4))


def ladder_down(m: Maker, r: Registration) -> None:
    m.steps(r, (D(2026, 2, 1), 5), (D(2026, 3, 1), 6), (D(2026, 5, 1), 3))


def ladder_single_record(m: Maker, r: Registration) -> None:
    m.steps(r, (D(2026, 2, 1), 6))


def ladder_same_day_uses_recording_order(m: Maker, r: Registration) -> None:
    # Recorded in this order on one day: first 3, then 2 => last (2) is not higher.
    m.steps(r, (D(2026, 2, 1), 3), (D(2026, 2, 1), 2))


def ladder_entered_out_of_date_order(m: Maker, r: Registration) -> None:
    # Entered late but dated first: the dates decide, 1 (Feb) -> 4 (Apr).
    m.steps(r, (D(2026, 4, 1), 4), (D(2026, 2, 1), 1))


def sub_goal_reached(m: Maker, r: Registration) -> None:
    m.sub_goals(r, "pagar", "uppnatt")


def sub_goals_not_reached(m: Maker, r: Registration) -> None:
    m.sub_goals(r, "pagar", "ej_uppnatt", "ej_paborjat")


def plan_without_sub_goals(m: Maker, r: Registration) -> None:
    ActionPlan.objects.create(registration=r, overall_goal="arbete")


def ratings_improved(m: Maker, r: Registration) -> None:
    m.measurement(r, D(2026, 2, 1), 2, 2, 2)
    m.measurement(r, D(2026, 5, 1), 3, 2, 2)  # mean 2.33 > 2.0


def ratings_worse(m: Maker, r: Registration) -> None:
    m.measurement(r, D(2026, 2, 1), 3, 3, 3)
    m.measurement(r, D(2026, 5, 1), 2, 3, 3)


def ratings_back_to_start(m: Maker, r: Registration) -> None:
    m.measurement(r, D(2026, 2, 1), 2, 2, 2)
    m.measurement(r, D(2026, 3, 1), 5, 5, 5)  # a good middle does not count
    m.measurement(r, D(2026, 5, 1), 2, 2, 2)


def ratings_single_measurement(m: Maker, r: Registration) -> None:
    m.measurement(r, D(2026, 2, 1), 5, 5, 5)


def ladder_down_but_sub_goal_reached(m: Maker, r: Registration) -> None:
    ladder_down(m, r)
    m.sub_goals(r, "uppnatt")


def everything_flat(m: Maker, r: Registration) -> None:
    m.steps(r, (D(2026, 2, 1), 3), (D(2026, 5, 1), 3))
    m.sub_goals(r, "pagar")
    ratings_back_to_start(m, r)


def explicit_none_falls_back_to_data(m: Maker, r: Registration) -> None:
    Registration.objects.filter(pk=r.pk).update(step_forward=None)
    ratings_improved(m, r)


CASES: list[tuple[Callable[[Maker, Registration], None], bool | None]] = [
    (nothing, None),
    (explicit_true_without_data, True),
    (explicit_false_wins_over_a_higher_step, False),
    (ladder_up, True),
    (ladder_down, False),
    (ladder_single_record, False),
    (ladder_same_day_uses_recording_order, False),
    (ladder_entered_out_of_date_order, True),
    (sub_goal_reached, True),
    (sub_goals_not_reached, False),
    (plan_without_sub_goals, None),
    (ratings_improved, True),
    (ratings_worse, False),
    (ratings_back_to_start, False),
    (ratings_single_measurement, False),
    (ladder_down_but_sub_goal_reached, True),
    (everything_flat, False),
    (explicit_none_falls_back_to_data, True),
]


@pytest.mark.parametrize(("build", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_step_forward_in_python(make, build, expected):
    registration = make.registration()
    build(make, registration)
    registration.refresh_from_db()
    assert step_forward(registration) is expected


def test_sql_annotation_agrees_with_python_on_every_case(make):
    built = {}
    for build, expected in CASES:
        registration = make.registration()
        build(make, registration)
        built[registration.pk] = (build.__name__, expected)
    annotated = annotate_step_forward(Registration.objects.filter(pk__in=built))
    results = dict(annotated.values_list("pk", STEP_FORWARD_ANNOTATION))
    assert {built[pk][0]: value for pk, value in results.items()} == {
        name: expected for name, expected in built.values()
    }
    for registration in Registration.objects.filter(pk__in=built):
        assert step_forward(registration) is results[registration.pk]


def test_annotation_counts_in_one_query(make, django_assert_num_queries):
    for build, _expected in CASES:
        build(make, make.registration())
    annotated = annotate_step_forward(Registration.objects.all())
    with django_assert_num_queries(1):
        counts = annotated.aggregate(
            forward=Count("id", filter=Q(**{STEP_FORWARD_ANNOTATION: True})),
            not_forward=Count("id", filter=Q(**{STEP_FORWARD_ANNOTATION: False})),
            unknown=Count("id", filter=Q(**{f"{STEP_FORWARD_ANNOTATION}__isnull": True})),
        )
    expected = [e for _b, e in CASES]
    assert counts == {
        "forward": expected.count(True),
        "not_forward": expected.count(False),
        "unknown": expected.count(None),
    }
