"""Demo trainings, implementation plans and training goals for Exempeldalen's interventions.

Each demo intervention gets a couple of trainings with named staff from the förbund's
parties, an implementation plan with items in every status, and the seeds' training goals
(seed 000: 2 "Finsam-coacher" and 25 "chefer/beslutsfattare och operativa medarbetare"). In
the IPS intervention the same people come back: the two coaches attend two trainings and
eight managers and handläggare attend both the introduction and the follow-up, so 26
attendances are 18 people. The coach goal is reached (2), the goal over chefs, handläggare
and other roles is not yet (18 of 25; counted by attendances it would wrongly be reached).
The coaches' first training has its evidence: an attendance list and an invoice basis.

Idempotent: every row is looked up by its natural key (training: intervention, title and
date; person: intervention, party and name; attendance: training and person; evidence:
training and file name; plan item: intervention and title; goal: intervention and metric)
and only created when missing, so a second run changes nothing and what someone changed
while trying the demo survives. The import-trial intervention is left empty on purpose (see
samsyn/interventions/demo.py).
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import INVENTORY_SLUG, IPS_SLUG, SEED_ACTOR, STEP_SLUG
from samsyn.core.models import Forbund, Party
from samsyn.interventions.models import (
    EvidenceKind,
    Goal,
    GoalComparison,
    ImplementationItem,
    ImplementationStatus,
    Intervention,
    Training,
    TrainingAttendance,
    TrainingAttendee,
    TrainingEvidence,
    TrainingRole,
    attendee_key,
)

D = datetime.date
R = TrainingRole
S = ImplementationStatus
Person = tuple[str, str, str]  # (name, party name, role)
ALVBY, GRANBERGA, SJOTORP = "Älvby kommun", "Granberga kommun", "Sjötorps kommun"
FK, AF, REGION = "Försäkringskassan", "Arbetsförmedlingen", "Region Exempeldalen"

IPS_COACHES: list[Person] = [
    ("Amira Haddad", REGION, R.COACH),
    ("Jonas Berg", ALVBY, R.COACH),
]
# Eight who attend both the introduction and the follow-up, then four and six who attend one.
IPS_BOTH: list[Person] = [
    ("Karin Lind", FK, R.CHEF),
    ("Per Holm", AF, R.CHEF),
    ("Maria Ek", ALVBY, R.CHEF),
    ("Sven Dahl", REGION, R.CHEF),
    ("Lena Nord", FK, R.HANDLAGGARE),
    ("Ahmed Saleh", AF, R.HANDLAGGARE),
    ("Eva Strand", ALVBY, R.HANDLAGGARE),
    ("Olof Ström", REGION, R.ANNAN),
]
IPS_INTRODUCTION_ONLY: list[Person] = [
    ("Anna Falk", FK, R.CHEF),
    ("Johan Sjö", AF, R.HANDLAGGARE),
    ("Sara Björk", ALVBY, R.HANDLAGGARE),
    ("Nils Åberg", REGION, R.CHEF),
]
IPS_FOLLOW_UP_ONLY: list[Person] = [
    ("Fatima Ali", FK, R.HANDLAGGARE),
    ("Erik Lund", AF, R.CHEF),
    ("Ida Berglund", ALVBY, R.ANNAN),
    ("Mats Hed", REGION, R.HANDLAGGARE),
    ("Elin Vik", ALVBY, R.CHEF),
    ("Hanna Roos", FK, R.ANNAN),
]

# slug -> [(title, date, provider, description, people)]
TRAININGS: dict[str, list[tuple[str, datetime.date, str, str, list[Person]]]] = {
    IPS_SLUG: [
        (
            "IPS grundutbildning för coacher",
            D(2025, 2, 10),
            "IPS-centrum Exempeldalen",
            "Tre dagar om IPS åtta principer, karriärprofil och arbetsgivarkontakter.",
            IPS_COACHES,
        ),
        (
            "IPS för chefer och handläggare",
            D(2025, 4, 8),
            "IPS-centrum Exempeldalen",
            "Halvdag om vad IPS kräver av organisationen och av anvisande parter.",
            IPS_BOTH + IPS_INTRODUCTION_ONLY,
        ),
        (
            "IPS handledning för coacher",
            D(2025, 6, 5),
            "IPS-centrum Exempeldalen",
            "Handledning i grupp efter de första månaderna med deltagare.",
            IPS_COACHES,
        ),
        (
            "IPS uppföljning för chefer och handläggare",
            D(2025, 10, 14),
            "IPS-centrum Exempeldalen",
            "Hur samverkan kring IPS fungerat och vad som återstår för ett ordinarie arbetssätt.",
            IPS_BOTH + IPS_FOLLOW_UP_ONLY,
        ),
    ],
    STEP_SLUG: [
        (
            "Motiverande samtal – grundkurs",
            D(2025, 3, 20),
            "Regionens MI-nätverk",
            "",
            [
                ("Kim Larsson", ALVBY, R.COACH),
                ("Tove Ahl", ALVBY, R.COACH),
                ("Rami Nasser", GRANBERGA, R.COACH),
                ("Britt Sand", SJOTORP, R.ANNAN),
                ("Leo Frid", SJOTORP, R.ANNAN),
            ],
        ),
        (
            "Stegförflyttning och BIP-indikatorerna",
            D(2025, 9, 15),
            "",
            "Hur stegen och indikatorerna mäts och följs upp var tredje månad.",
            [
                ("Kim Larsson", ALVBY, R.COACH),
                ("Greta Moberg", FK, R.HANDLAGGARE),
                ("Ali Yusuf", AF, R.HANDLAGGARE),
                ("Stina Borg", ALVBY, R.CHEF),
            ],
        ),
    ],
    INVENTORY_SLUG: [
        (
            "Resursinventering – metod och samverkan",
            D(2025, 8, 25),
            "Koll på förmåga",
            "",
            [
                ("Vera Lindqvist", REGION, R.ANNAN),
                ("Adam Kask", GRANBERGA, R.COACH),
                ("Maja Wall", GRANBERGA, R.COACH),
                ("Omar Hassan", FK, R.HANDLAGGARE),
            ],
        ),
    ],
}

# slug -> training title -> [(kind, file name)]: small generated PDFs, the shape of the
# seed's "styrkta dokument om genomförd utbildning samt fakturaunderlag".
EVIDENCE: dict[str, dict[str, list[tuple[str, str]]]] = {
    IPS_SLUG: {
        "IPS grundutbildning för coacher": [
            (EvidenceKind.ATTENDANCE_LIST, "narvarolista-ips-grundutbildning.pdf"),
            (EvidenceKind.INVOICE, "fakturaunderlag-ips-grundutbildning.pdf"),
        ],
    },
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

# (metric, roles, target, label): seed 000's two training goals.
TRAINING_GOALS: tuple[tuple[str, list[str], Decimal, str], ...] = (
    ("trained_coach", [], Decimal(2), "2 utbildade Finsam-coacher"),
    (
        "trained_people",
        [R.CHEF, R.HANDLAGGARE, R.ANNAN],
        Decimal(25),
        "25 chefer/beslutsfattare och operativa medarbetare utbildade i IPS",
    ),
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
    for title, held_on, provider, description, people in TRAININGS.get(intervention.slug, []):
        training = _ensure(
            Training,
            intervention,
            created,
            lookup={"intervention": intervention, "title": title, "held_on": held_on},
            defaults={"provider": provider, "description": description},
        )
        for name, party_name, role in people:
            if party_name not in parties:
                continue  # a party renamed while trying the demo: leave it be
            person = _ensure(
                TrainingAttendee,
                intervention,
                created,
                lookup={
                    "intervention": intervention,
                    "party": parties[party_name],
                    "name_key": attendee_key(name),
                },
                defaults={"name": name, "role": role},
            )
            _ensure(
                TrainingAttendance,
                intervention,
                created,
                lookup={"training": training, "attendee": person},
            )
        for kind, file_name in EVIDENCE.get(intervention.slug, {}).get(title, []):
            _seed_evidence(training, kind, file_name, created)


def _demo_pdf(text: str) -> bytes:
    """A one-page PDF saying ``text`` (ASCII): enough for the content sniffing and a viewer."""
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return body


def _seed_evidence(training: Training, kind: str, file_name: str, created: Counter[str]) -> None:
    """The demo file is stored once under a fixed name (a second seeding, or a second demo
    database on the same media, reuses it) and recreated when it went missing."""
    if training.evidence.filter(original_name=file_name).exists():
        return
    path = f"utbildningar/demo/{file_name}"
    if not default_storage.exists(path):
        text = f"Demodata: {EvidenceKind(kind).name.lower()} - {file_name}"
        path = default_storage.save(path, ContentFile(_demo_pdf(text)))
    evidence = TrainingEvidence(
        training=training, kind=kind, original_name=file_name, content_type="application/pdf"
    )
    evidence.file.name = path
    evidence.save()
    _created(evidence, training.intervention, created)


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
    for metric_id, roles, target, label in TRAINING_GOALS:
        _ensure(
            Goal,
            intervention,
            created,
            lookup={"intervention": intervention, "metric_id": metric_id, "gender": "total"},
            defaults={
                "comparison": GoalComparison.AT_LEAST,
                "target": target,
                "label": label,
                "training_roles": list(roles),
            },
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
