"""The demo trainings, plans and training goals: seeded, valid, idempotent."""

from __future__ import annotations

import datetime

import pytest

from samsyn.core.demo_data import IPS_SLUG, PARTIES
from samsyn.core.models import Forbund
from samsyn.core.tests.factories import ForbundFactory, InterventionFactory, PartyFactory
from samsyn.interventions.demo import INTERVENTIONS
from samsyn.interventions.demo_trainings import seed_trainings
from samsyn.interventions.models import (
    Goal,
    ImplementationItem,
    Intervention,
    Training,
    TrainingAttendance,
)
from samsyn.interventions.selectors.goals import GoalStatus, evaluate_goals
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db


def demo_forbund() -> Forbund:
    """Exempeldalen's parties and interventions, without the rest of the demo (fast)."""
    forbund = ForbundFactory(slug="exempeldalen")
    parties = {
        spec.key: PartyFactory(forbund=forbund, kind=spec.kind, name=spec.name) for spec in PARTIES
    }
    for spec in INTERVENTIONS:
        InterventionFactory(
            forbund=forbund,
            slug=spec.slug,
            owner_party=parties[spec.owner],
            start_date=spec.start_date,
            end_date=spec.end_date,
        )
    return forbund


def test_seed_is_idempotent_and_the_ips_goals_show_both_outcomes() -> None:
    forbund = demo_forbund()
    created = seed_trainings(forbund)
    assert created["training"] == 5
    assert created["implementationitem"] == 7
    assert created["goal"] == 6
    statuses = set(ImplementationItem.objects.values_list("status", flat=True))
    assert statuses == {"ej_paborjad", "pagaende", "klar"}
    counts = (Training.objects.count(), TrainingAttendance.objects.count(), Goal.objects.count())
    assert not seed_trainings(forbund)
    again = (Training.objects.count(), TrainingAttendance.objects.count(), Goal.objects.count())
    assert again == counts
    ips = Intervention.objects.get(slug=IPS_SLUG)
    goals = Goal.objects.filter(intervention=ips).order_by("metric_id")
    whole = Period(ips.start_date, datetime.date(2026, 11, 1))
    results = {r.goal.metric_id: r for r in evaluate_goals(ips, goals, period=whole)}
    assert (results["trained_coach"].actual, results["trained_coach"].status) == (
        2,
        GoalStatus.REACHED,
    )
    assert (results["trained_chef"].actual, results["trained_chef"].status) == (
        18,
        GoalStatus.NOT_REACHED,
    )
