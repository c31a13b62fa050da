"""Demo trainings, implementation plans and training goals for Exempeldalen's interventions.

Each demo intervention gets a couple of trainings with staff from the förbund's parties, an
implementation plan with items in every status, and the seeds' training goals (2 coaches and
25 managers trained). The IPS intervention reaches its coach goal but not yet its manager
goal, so the goals page shows both outcomes.

Idempotent: every row is looked up by its natural key (training: intervention, title and
date; attendance: training, party and role; plan item: intervention and title; goal:
intervention and metric) and only created when missing, so a second run changes nothing and
what someone changed while trying the demo survives. The import-trial intervention is left
empty on purpose (see samsyn/interventions/demo.py).
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import INVENTORY_SLUG, IPS_SLUG, SEED_ACTOR, STEP_SLUG
from samsyn.core.models import Forbund, Party
from samsyn.interventions.models import (
    Goal,
    GoalComparison,
    ImplementationItem,
    ImplementationStatus,
    Intervention,
    Training,
    TrainingAttendance,
    TrainingRole,
)

D = datetime.date
R = TrainingRole
S = ImplementationStatus
Attendance = tuple[str, str, int]  # (party name, role, attendees)
ALVBY, GRANBERGA, SJOTORP = "Älvby kommun", "Granberga kommun", "Sjötorps kommun"
FK, AF, REGION = "Försäkringskassan", "Arbetsförmedlingen", "Region Exempeldalen"

# slug -> [(title, date, provider, description, attendance)]
TRAININGS: dict[str, list[tuple[str, datetime.date, str, str, list[Attendance]]]] = {
    IPS_SLUG: [
        (
            "IPS grundutbildning för coacher",
            D(2025, 2, 10),
            "IPS-centrum Exempeldalen",
            "Tre dagar om IPS åtta principer, karriärprofil och arbetsgivarkontakter.",
            [(REGION, R.COACH, 1), (ALVBY, R.COACH, 1)],
        ),
        (
            "IPS för chefer och handläggare",
            D(2025, 4, 8),
            "IPS-centrum Exempeldalen",
            "Halvdag om vad IPS kräver av organisationen och av anvisande parter.",
            [
                (FK, R.CHEF, 4),
                (AF, R.CHEF, 3),
                (ALVBY, R.CHEF, 5),
                (REGION, R.CHEF, 6),
                (FK, R.HANDLAGGARE, 8),
                (AF, R.HANDLAGGARE, 6),
            ],
        ),
    ],
    STEP_SLUG: [
        (
            "Motiverande samtal – grundkurs",
            D(2025, 3, 20),
            "Regionens MI-nätverk",
            "",
            [(ALVBY, R.COACH, 2), (GRANBERGA, R.COACH, 1), (SJOTORP, R.ANNAN, 3)],
        ),
        (
            "Stegförflyttning och BIP-indikatorerna",
            D(2025, 9, 15),
            "",
            "Hur stegen och indikatorerna mäts och följs upp var tredje månad.",
            [(FK, R.HANDLAGGARE, 5), (AF, R.HANDLAGGARE, 4), (ALVBY, R.CHEF, 3)],
        ),
    ],
    INVENTORY_SLUG: [
        (
            "Resursinventering – metod och samverkan",
            D(2025, 8, 25),
            "Koll på förmåga",
            "",
            [(REGION, R.ANNAN, 4), (GRANBERGA, R.COACH, 2), (FK, R.HANDLAGGARE, 3)],
        ),
    ],
}

# slug -> [(title, status, due, done, responsible party, note)]
PLAN: dict[str, list[tuple[str, str, Any, Any, str, str]]] = {
    IPS_SLUG: [
        ("Förankrat i styrgruppen", S.DONE, None, D(2025, 3, 12), REGION, "Protokoll § 4."),
        ("Formellt beslut om metoden", S.IN_PROGRESS, D(2026, 12, 31), None, REGION, ""),
        ("Fortsatt finansiering beslutad", S.NOT_STARTED, D(2027, 6, 30), None, REGION, ""),
    ],
    STEP_SLUG: [
        ("Förankrat i styrgruppen", S.DONE, None, D(2025, 4, 2), ALVBY, ""),
        ("Formellt beslut om metoden", S.NOT_STARTED, D(2026, 12, 31), None, ALVBY, ""),
        ("Fortsatt finansiering beslutad", S.NOT_STARTED, D(2026, 12, 31), None, ALVBY, ""),
    ],
    INVENTORY_SLUG: [
        ("Förankrat i styrgruppen", S.IN_PROGRESS, D(2026, 3, 31), None, GRANBERGA, ""),
    ],
}

TRAINING_GOALS = (
    ("trained_coach", Decimal(2), "2 utbildade coacher"),
    ("trained_chef", Decimal(25), "25 utbildade chefer"),
)


def _created(instance: models.Model, intervention: Intervention, created: Counter[str]) -> None:
    audit_record(
        actor=None,
        actor_username=SEED_ACTOR,
        action=AuditAction.CREATE,
        forbund=intervention.forbund,
        intervention=intervention,
        obj=instance,
        detail=f"Demodata: {instance}",
    )
    created[instance._meta.model_name or ""] += 1


def _ensure(
    model: type[models.Model],
    intervention: Intervention,
    created: Counter[str],
    *,
    lookup: dict[str, Any],
    defaults: dict[str, Any] | None = None,
) -> Any:
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **(defaults or {}))
        instance.full_clean()
        instance.save()
        _created(instance, intervention, created)
    return instance


def _seed_trainings(
    intervention: Intervention, parties: dict[str, Party], created: Counter[str]
) -> None:
    for title, held_on, provider, description, rows in TRAININGS.get(intervention.slug, []):
        training = _ensure(
            Training,
            intervention,
            created,
            lookup={"intervention": intervention, "title": title, "held_on": held_on},
            defaults={"provider": provider, "description": description},
        )
        for party_name, role, attendees in rows:
            if party_name not in parties:
                continue  # a party renamed while trying the demo: leave it be
            _ensure(
                TrainingAttendance,
                intervention,
                created,
                lookup={"training": training, "party": parties[party_name], "role": role},
                defaults={"attendees": attendees},
            )


def _seed_plan(
    intervention: Intervention, parties: dict[str, Party], created: Counter[str]
) -> None:
    for order, (title, status, due, done, party, note) in enumerate(
        PLAN.get(intervention.slug, []), start=1
    ):
        _ensure(
            ImplementationItem,
            intervention,
            created,
            lookup={"intervention": intervention, "title": title},
            defaults={
                "status": status,
                "due_on": due,
                "done_on": done,
                "responsible_party": parties.get(party),
                "note": note,
                "order": order,
            },
        )


def _seed_goals(intervention: Intervention, created: Counter[str]) -> None:
    for metric_id, target, label in TRAINING_GOALS:
        _ensure(
            Goal,
            intervention,
            created,
            lookup={"intervention": intervention, "metric_id": metric_id, "gender": "total"},
            defaults={"comparison": GoalComparison.AT_LEAST, "target": target, "label": label},
        )


@transaction.atomic
def seed_trainings(forbund: Forbund) -> Counter[str]:
    """Create whatever of the demo trainings, plans and training goals is missing; returns
    the number of rows created per model (empty on a second run)."""
    created: Counter[str] = Counter()
    parties = {party.name: party for party in Party.objects.filter(forbund=forbund)}
    interventions = Intervention.objects.filter(
        forbund=forbund, slug__in=list(TRAININGS)
    ).select_related("forbund")
    for intervention in interventions:
        _seed_trainings(intervention, parties, created)
        _seed_plan(intervention, parties, created)
        _seed_goals(intervention, created)
    return created
