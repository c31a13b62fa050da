"""Every metric against a hand count (period 2026-01-01 – 2026-03-31)."""

from __future__ import annotations

import datetime
import random
import statistics
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import Intervention
from samsyn.participants.models import ActionPlan, PostExitFollowUp, Registration, SubGoal
from samsyn.participants.selectors.medians import median_days_by_intervention
from samsyn.participants.selectors.metrics import (
    METRICS,
    METRICS_BY_ID,
    evaluate,
    metric_get,
)
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.stats.grouped import period_bounds
from samsyn.stats.metrics import Kind
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db

D = datetime.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))


def reg(
    intervention: Intervention,
    gender: str,
    start: datetime.date,
    end: datetime.date | None = None,
    *,
    anonymous: bool = False,
    **fields: Any,
) -> Registration:
    person = PersonFactory(forbund=intervention.forbund, gender=gender, is_anonymous=anonymous)
    if end is not None:
        fields.setdefault("exit_reason", "fullfoljt")
    return RegistrationFactory(
        intervention=intervention, person=person, start_date=start, end_date=end, **fields
    )


@pytest.fixture
def quarter() -> Intervention:
    """The hand-counted cases; the comment says what each one counts as in Q1 2026."""
    ins = InterventionFactory()
    # Women.
    reg(ins, "kvinna", D(2026, 1, 1))  # started on the first day, active
    reg(  # ended on the first day (1 day): active, ended, work, step forward, recommendation
        ins,
        "kvinna",
        D(2025, 12, 31),
        D(2026, 1, 1),
        outcome="arbete",
        step_forward=True,
        recommendation="arbetsforberedande",
    )
    reg(ins, "kvinna", D(2025, 6, 1), D(2025, 12, 31))  # ended the day before: nothing
    reg(ins, "kvinna", D(2026, 3, 31), anonymous=True)  # started on the last day, anonymous
    reg(ins, "kvinna", D(2026, 4, 1))  # started the day after: nothing
    reg(  # started and ended on the last day (80 days): studies, no step forward
        ins,
        "kvinna",
        D(2026, 1, 10),
        D(2026, 3, 31),
        outcome="studier",
        step_forward=False,
        recommendation="aktivitet",
    )
    reg(  # felregistrering: never counts
        ins,
        "kvinna",
        D(2026, 2, 1),
        D(2026, 2, 2),
        exit_reason="felregistrering",
        outcome="arbete",
        step_forward=True,
        recommendation="aktivitet",
    )
    reg(ins, "kvinna", D(2026, 1, 5), D(2026, 4, 1))  # started; ended the day after
    # Men.
    reg(ins, "man", D(2025, 1, 1), D(2026, 2, 15), outcome="arbetssokande")  # 410 days
    reg(ins, "man", D(2025, 11, 1))  # active only
    reg(  # anonymous, started and ended (28 days), work, step forward
        ins,
        "man",
        D(2026, 2, 1),
        D(2026, 3, 1),
        anonymous=True,
        outcome="arbete",
        step_forward=True,
        recommendation="arbetsforberedande",
    )
    # Another intervention's registration in the period never counts here.
    reg(InterventionFactory(), "man", D(2026, 2, 1))
    return ins


def test_registry_has_exactly_the_issue_ids() -> None:
    expected = {
        "started",
        "active",
        "ended",
        "ended_work_or_studies",
        "share_work_or_studies",
        "ended_step_forward",
        "share_step_forward",
        "share_recommendation_arbetsforberedande",
        "share_recommendation_aktivitet",
        "share_recommendation_fortsatt_rehabilitering",
        "share_recommendation_sjukersattning",
        "anonymous_started",
        "median_days_in_intervention",
        "followup_12m_due",
        "followup_12m_reached",
        "share_followup_12m_reached",
    }
    assert set(METRICS_BY_ID) == expected
    assert len(METRICS) == len(expected)
    for metric in METRICS:
        assert str(metric.name) and str(metric.definition) and str(metric.denominator)
    assert metric_get("share_step_forward").kind is Kind.SHARE
    assert metric_get("median_days_in_intervention").kind is Kind.MEDIAN
    assert "Avbrutit" not in str(metric_get("share_recommendation_aktivitet").name)
    assert "Aktivitet/sysselsättning" in str(metric_get("share_recommendation_aktivitet").name)


def test_counts_match_the_hand_count(quarter: Intervention) -> None:
    values = evaluate(quarter, Q1)
    assert values["started"] == {"kvinna": 4, "man": 1, "total": 5}
    assert values["active"] == {"kvinna": 5, "man": 3, "total": 8}
    assert values["ended"] == {"kvinna": 2, "man": 2, "total": 4}
    assert values["ended_work_or_studies"] == {"kvinna": 2, "man": 1, "total": 3}
    assert values["ended_step_forward"] == {"kvinna": 1, "man": 1, "total": 2}
    assert values["anonymous_started"] == {"kvinna": 1, "man": 1, "total": 2}


def test_shares_match_the_hand_count(quarter: Intervention) -> None:
    values = evaluate(quarter, Q1)
    assert values["share_work_or_studies"] == {"kvinna": 1.0, "man": 0.5, "total": 0.75}
    assert values["share_step_forward"] == {"kvinna": 0.5, "man": 0.5, "total": 0.5}
    # Denominator: ended with any recommendation (kvinna 2, man 1, total 3).
    assert values["share_recommendation_arbetsforberedande"] == {
        "kvinna": 0.5,
        "man": 1.0,
        "total": pytest.approx(2 / 3),
    }
    assert values["share_recommendation_aktivitet"] == {
        "kvinna": 0.5,
        "man": 0.0,
        "total": pytest.approx(1 / 3),
    }
    assert values["share_recommendation_sjukersattning"] == {
        "kvinna": 0.0,
        "man": 0.0,
        "total": 0.0,
    }


def test_median_days_match_the_hand_count(quarter: Intervention) -> None:
    # kvinna: 1 and 80 days; man: 410 and 28 days; total: 1, 28, 80, 410.
    values = evaluate(quarter, Q1)
    assert values["median_days_in_intervention"] == {"kvinna": 40.5, "man": 219.0, "total": 54.0}


def test_period_edges_one_day_at_a_time(quarter: Intervention) -> None:
    # Only the first of January: the first-day start, the first-day end and the two men
    # running since 2025.
    values = evaluate(quarter, Period(D(2026, 1, 1), D(2026, 1, 1)))
    assert values["started"] == {"kvinna": 1, "man": 0, "total": 1}
    assert values["ended"] == {"kvinna": 1, "man": 0, "total": 1}
    assert values["active"] == {"kvinna": 2, "man": 2, "total": 4}
    assert values["median_days_in_intervention"] == {"kvinna": 1.0, "man": None, "total": 1.0}


def test_felregistrering_never_counts(quarter: Intervention) -> None:
    before = evaluate(quarter, Period(D(2026, 2, 1), D(2026, 2, 2)))
    Registration.objects.filter(exit_reason="felregistrering").update(exit_reason="avbrutit")
    after = evaluate(quarter, Period(D(2026, 2, 1), D(2026, 2, 2)))
    assert before["ended"]["kvinna"] == 0
    assert after["ended"]["kvinna"] == 1
    assert before["started"]["kvinna"] == 0
    assert after["started"]["kvinna"] == 1


def test_zero_denominators_are_none() -> None:
    values = evaluate(InterventionFactory(), Q1)
    for metric in METRICS:
        expected = 0 if metric.kind is Kind.COUNT else None
        assert values[metric.id] == {"kvinna": expected, "man": expected, "total": expected}


def test_share_is_none_for_one_gender_only(quarter: Intervention) -> None:
    reg(quarter, "man", D(2026, 3, 1), D(2026, 3, 2), recommendation="aktivitet")
    values = evaluate(quarter, Period(D(2026, 3, 2), D(2026, 3, 2)))
    assert values["share_recommendation_aktivitet"] == {"kvinna": None, "man": 1.0, "total": 1.0}
    assert values["share_work_or_studies"] == {"kvinna": None, "man": 0.0, "total": 0.0}


def test_step_forward_is_computed_when_not_recorded() -> None:
    ins = InterventionFactory()
    reached = reg(ins, "kvinna", D(2026, 1, 1), D(2026, 2, 1))
    plan = ActionPlan.objects.create(registration=reached, overall_goal="arbete")
    SubGoal.objects.create(plan=plan, description="Praktik", status="uppnatt")
    reg(ins, "kvinna", D(2026, 1, 1), D(2026, 2, 1))  # nothing recorded: unknown
    overridden = reg(ins, "man", D(2026, 1, 1), D(2026, 2, 1), step_forward=False)
    other_plan = ActionPlan.objects.create(registration=overridden, overall_goal="arbete")
    SubGoal.objects.create(plan=other_plan, description="Kurs", status="uppnatt")
    values = evaluate(ins, Q1)
    assert values["ended_step_forward"] == {"kvinna": 1, "man": 0, "total": 1}
    assert values["share_step_forward"] == {
        "kvinna": 0.5,
        "man": 0.0,
        "total": pytest.approx(1 / 3),
    }


def test_follow_ups_12_months() -> None:
    ins = InterventionFactory()

    def follow_up(
        gender: str, due: datetime.date, reached: bool | None, months: int = 12, **kw: Any
    ) -> None:
        registration = reg(ins, gender, D(2024, 1, 1), D(2025, 1, 1), **kw)
        PostExitFollowUp.objects.create(
            registration=registration, months_after=months, due_on=due, reached=reached
        )

    follow_up("kvinna", D(2026, 1, 1), True)  # due on the first day, reached
    follow_up("kvinna", D(2026, 3, 31), None)  # due on the last day, not yet done
    follow_up("man", D(2026, 2, 10), False)  # due, not reached
    follow_up("kvinna", D(2025, 12, 31), True)  # the day before: not due in the period
    follow_up("kvinna", D(2026, 4, 1), True)  # the day after
    follow_up("kvinna", D(2026, 2, 1), True, months=6)  # the 6-month follow-up
    follow_up("man", D(2026, 2, 1), True, exit_reason="felregistrering")
    values = evaluate(ins, Q1)
    assert values["followup_12m_due"] == {"kvinna": 2, "man": 1, "total": 3}
    assert values["followup_12m_reached"] == {"kvinna": 1, "man": 0, "total": 1}
    assert values["share_followup_12m_reached"] == {
        "kvinna": 0.5,
        "man": 0.0,
        "total": pytest.approx(1 / 3),
    }


def test_several_interventions_add_up(quarter: Intervention) -> None:
    other = InterventionFactory(forbund=quarter.forbund)
    reg(other, "man", D(2026, 2, 1))
    both = Intervention.objects.filter(pk__in=[quarter.pk, other.pk])
    assert evaluate(both, Q1)["started"] == {"kvinna": 4, "man": 2, "total": 6}
    assert evaluate([quarter, other], Q1)["started"] == {"kvinna": 4, "man": 2, "total": 6}


def _queries_for(count: int) -> int:
    ins = InterventionFactory()
    for index in range(count):
        end = D(2026, 3, 1) if index % 2 else None
        registration = reg(ins, ("kvinna", "man")[index % 3 == 0], D(2026, 1, 2), end)
        PostExitFollowUp.objects.create(
            registration=registration, months_after=12, due_on=D(2026, 2, 1), reached=True
        )
    with CaptureQueriesContext(connection) as queries:
        values = evaluate(ins, Q1)
    assert values["started"]["total"] == count
    return len(queries)


def test_query_count_is_constant() -> None:
    assert _queries_for(3) == _queries_for(30) == 3


def test_period_validation() -> None:
    with pytest.raises(ValidationError):
        Period(D(2026, 2, 1), D(2026, 1, 31))
    with pytest.raises(ValidationError):
        Period.parse("2026-01-01", "2026-13-01")
    with pytest.raises(ValidationError):
        Period.parse("20260101", "2026-03-31")
    assert Period.parse("2026-01-01", "2026-03-31") == Q1
    assert Q1.days == 90
    assert D(2026, 3, 31) in Q1 and D(2026, 4, 1) not in Q1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_median_days_equal_pythons_median_for_any_lengths(seed: int) -> None:
    # The database numbers the ended registrations and returns only the middle rows: the
    # answer must be statistics.median of every length, for odd and even group sizes, with
    # ties, and one gender empty in some periods; two interventions to check the grouping.
    rng = random.Random(seed)
    interventions = [InterventionFactory(), InterventionFactory()]
    lengths: dict[int, dict[str, list[int]]] = {}
    for intervention in interventions:
        by_gender = lengths.setdefault(intervention.pk, {"kvinna": [], "man": []})
        for _ in range(rng.randint(1, 9)):
            gender = rng.choice(["kvinna", "man"])
            days = rng.choice([0, 3, 3, 30, 45, 200, 365])
            end = D(2026, 2, 1) + datetime.timedelta(days=rng.randint(0, 40))
            reg(intervention, gender, end - datetime.timedelta(days=days), end)
            by_gender[gender].append(days)

    def expected(by_gender: dict[str, list[int]]) -> dict[str, float | None]:
        every = by_gender["kvinna"] + by_gender["man"]
        return {
            "kvinna": float(statistics.median(by_gender["kvinna"]))
            if by_gender["kvinna"]
            else None,
            "man": float(statistics.median(by_gender["man"])) if by_gender["man"] else None,
            "total": float(statistics.median(every)) if every else None,
        }

    for intervention in interventions:
        values = evaluate(intervention, Q1)
        assert values["median_days_in_intervention"] == expected(lengths[intervention.pk])
    grouped = median_days_by_intervention(
        Registration.objects.countable().filter(intervention__in=interventions),
        period_bounds({intervention.pk: Q1 for intervention in interventions}, "intervention_id"),
    )
    assert grouped == {pk: expected(by_gender) for pk, by_gender in lengths.items()}
