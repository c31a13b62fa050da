"""Demo resource inventories for Exempeldalen's resursinventering intervention.

Every registration of the demo intervention gets an inventory: three professions' assessments
(a psychologist for every third person), an observed activity period of twelve weeks with
the weeks' attendance up to today or the exit, and, for those who ended with a
recommendation (the demo journeys set it at exit), the date, reasons and the handover to the
party that takes over that track. Ongoing inventories stay without recommendation so the
team's decision can be tried in the demo.

Idempotent: a registration that already has an inventory is left as it is.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samsyn.assessments.models import (
    OBSERVATION_WEEKS,
    ObservationWeek,
    Profession,
    ProfessionalAssessment,
    ResourceInventory,
)
from samsyn.assessments.services.inventory import monday_of
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import INVENTORY_SLUG, SEED_ACTOR
from samsyn.core.models import Forbund, Party, PartyKind
from samsyn.participants.models import Registration

FINDINGS = {
    Profession.PHYSICIAN: "Långvarig smärtproblematik; belastning kan prövas gradvis.",
    Profession.SOCIAL_WORKER: "Stabilt boende, ekonomin ordnad med försörjningsstöd.",
    Profession.OCCUPATIONAL_THERAPIST: "Klarar strukturerade uppgifter 3–4 timmar per dag.",
    Profession.PSYCHOLOGIST: "Nedsatt uthållighet och koncentration vid stress.",
}
# (reasons, the kind of party that takes over) per recommendation.
TRACKS = {
    "arbetsforberedande": ("Närvaron har varit hög och stabil.", PartyKind.KOMMUN),
    "aktivitet": ("Förmågan behöver stabiliseras innan arbetsträning.", PartyKind.KOMMUN),
    "fortsatt_rehabilitering": ("Behov av fortsatt utredning i vården.", PartyKind.REGION),
    "sjukersattning": ("Medicinska skäl; stöd vid ansökan.", PartyKind.FORSAKRINGSKASSAN),
}
# Attendance varies from week to week around the planned 20 hours.
ATTENDED = (Decimal(18), Decimal(20), Decimal(12), Decimal(16), Decimal(20), Decimal(8))


def _weeks(inventory: ResourceInventory, last: datetime.date) -> list[ObservationWeek]:
    assert inventory.observation_from is not None and inventory.observation_to is not None
    end = min(inventory.observation_to, last)
    week = monday_of(inventory.observation_from)
    rows = []
    index = inventory.registration_id
    while week <= end:
        rows.append(
            ObservationWeek(
                inventory=inventory,
                week_starting=week,
                planned_hours=Decimal(20),
                attended_hours=ATTENDED[index % len(ATTENDED)],
                note="",
            )
        )
        week += datetime.timedelta(weeks=1)
        index += 1
    return rows


def _assessments(inventory: ResourceInventory, last: datetime.date) -> list[ProfessionalAssessment]:
    professions = [
        Profession.PHYSICIAN,
        Profession.SOCIAL_WORKER,
        Profession.OCCUPATIONAL_THERAPIST,
    ]
    if inventory.registration_id % 3 == 0:
        professions.append(Profession.PSYCHOLOGIST)
    return [
        ProfessionalAssessment(
            inventory=inventory,
            profession=profession,
            assessor=str(profession.label),
            assessed_on=min(inventory.started_on + datetime.timedelta(days=3 * n), last),
            findings=FINDINGS[profession],
        )
        for n, profession in enumerate(professions)
    ]


def _seed_one(
    registration: Registration, parties: dict[str, Party], today: datetime.date
) -> Counter[str]:
    last = registration.end_date or today
    started_on = min(registration.start_date + datetime.timedelta(days=7), last)
    inventory = ResourceInventory(registration=registration, started_on=started_on)
    begin = min(started_on + datetime.timedelta(days=14), last)
    inventory.observation_from = begin
    inventory.observation_to = begin + datetime.timedelta(weeks=OBSERVATION_WEEKS, days=-1)
    inventory.observation_place = "Arbetsmarknadsenhetens snickeri och café"
    track = TRACKS.get(registration.recommendation)
    if registration.end_date is not None and track is not None:
        inventory.recommended_on = registration.end_date
        inventory.recommendation_reasons = track[0]
        inventory.handover_party = parties.get(track[1])
        inventory.handover_on = registration.end_date if inventory.handover_party else None
    inventory.save()
    assessments = ProfessionalAssessment.objects.bulk_create(_assessments(inventory, last))
    weeks = ObservationWeek.objects.bulk_create(_weeks(inventory, last))
    # Participant data is recorded in the name of the participant's coach, as the journeys
    # are: the demo's audit log reads like a real one.
    audit_record(
        actor=registration.coach,
        actor_username=SEED_ACTOR,
        role="coach" if registration.coach else "",
        action=AuditAction.CREATE,
        intervention=registration.intervention,
        participant_ref=registration.person.pseudonym if registration.coach else "",
        obj=inventory,
        detail="Demodata: resursinventering",
    )
    return Counter(
        {
            "resursinventeringar": 1,
            "professionsbedömningar": len(assessments),
            "aktivitetsveckor": len(weeks),
        }
    )


@transaction.atomic
def seed_inventory(forbund: Forbund, today: datetime.date | None = None) -> Counter[str]:
    """Create the inventories missing in the förbund's demo resursinventering intervention."""
    today = today or timezone.localdate()
    created: Counter[str] = Counter()
    parties: dict[str, Party] = {}
    for party in Party.objects.filter(forbund=forbund, is_active=True).order_by("name"):
        parties.setdefault(party.kind, party)
    registrations = (
        Registration.objects.countable()
        .filter(intervention__forbund=forbund, intervention__slug=INVENTORY_SLUG)
        .filter(resource_inventory__isnull=True)
        .select_related("person", "intervention__forbund")
        .order_by("start_date", "pk")
    )
    for registration in registrations:
        created += _seed_one(registration, parties, today)
    return created


__all__ = ["seed_inventory"]
