"""The demo trainings, plans and training goals: seeded, valid, idempotent."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from samsyn.core.demo_data import IPS_SLUG, PARTIES
from samsyn.core.files.sniffing import PDF, document_kind
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
    TrainingAttendee,
    TrainingEvidence,
)
from samsyn.interventions.selectors.goals import GoalStatus, evaluate_goals
from samsyn.interventions.tests.implementation_setup import (
    media_fixture,  # noqa: F401 - the media fixture
)
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


def test_seed_is_idempotent_and_the_ips_goals_show_both_outcomes(media: Path) -> None:
    forbund = demo_forbund()
    created = seed_trainings(forbund)
    assert created["training"] == 7
    assert created["implementationitem"] == 7
    assert created["goal"] == 6
    assert created["trainingevidence"] == 2
    statuses = set(ImplementationItem.objects.values_list("status", flat=True))
    assert statuses == {"ej_paborjad", "pagaende", "klar"}

    def counts() -> tuple[int, ...]:
        return tuple(
            model.objects.count()
            for model in (Training, TrainingAttendance, TrainingAttendee, TrainingEvidence, Goal)
        )

    before = counts()
    assert not seed_trainings(forbund)
    assert counts() == before
    ips = Intervention.objects.get(slug=IPS_SLUG)
    goals = Goal.objects.filter(intervention=ips).order_by("metric_id")
    whole = Period(ips.start_date, datetime.date(2026, 11, 1))
    results = {r.goal.metric_id: r for r in evaluate_goals(ips, goals, period=whole)}
    assert (results["trained_coach"].actual, results["trained_coach"].status) == (
        2,
        GoalStatus.REACHED,
    )
    # Seed 000's "25 chefer/beslutsfattare och operativa medarbetare": 26 attendances of 18
    # people, so not yet reached (summing attendances would wrongly say it is).
    people = results["trained_people"]
    assert people.goal.training_roles == ["chef", "handlaggare", "annan"]
    assert (people.actual, people.status) == (18, GoalStatus.NOT_REACHED)
    attendances = TrainingAttendance.objects.filter(
        training__intervention=ips, attendee__role__in=["chef", "handlaggare", "annan"]
    ).count()
    assert attendances == 26


def test_demo_evidence_is_a_pdf_the_sniffing_accepts(media: Path) -> None:
    seed_trainings(demo_forbund())
    kinds = set()
    for evidence in TrainingEvidence.objects.all():
        with evidence.file.open("rb") as handle:
            assert document_kind(handle.read()) is PDF
        kinds.add(evidence.kind)
    assert kinds == {"narvarolista", "faktura"}
