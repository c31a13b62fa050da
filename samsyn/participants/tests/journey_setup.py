"""Shared set-up for the journey tests (plan, phases, activities, steps, notes, the page).

``journey_for(world)`` makes a registration in ``world.intervention`` coached by the
``coach`` persona and referred by the ``handlaggare`` persona (party ``world.kommun``) with
an active consent covering that party, and gives the intervention phases, a ladder, three
indicators and the förbund activity types. So insatsansvarig and coach may write, the
handläggare may only read, and every other persona sees nothing (404).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from samsyn.conftest import World
from samsyn.interventions.models import ActivityType, LadderStep, Phase, ProgressionIndicator
from samsyn.participants.models import Registration
from samsyn.participants.tests.factories import (
    ConsentFactory,
    PersonFactory,
    ReferralFactory,
    RegistrationFactory,
)

WRITERS = ("insatsansvarig", "coach")
READ_ONLY = ("handlaggare",)
OUTSIDE = ("admin", "styrgrupp", "granskare", "outsider", "nobody")
ALL_PERSONAS = WRITERS + READ_ONLY + OUTSIDE

START = datetime.date(2026, 2, 2)
PNR = "198503122387"  # a fictional, Luhn-valid number


@dataclass
class Journey:
    registration: Registration
    phases: list[Phase]
    ladder: list[LadderStep]
    indicators: list[ProgressionIndicator]
    activity_types: list[ActivityType]
    inactive_type: ActivityType
    foreign_type: ActivityType


def structure_for(world: World) -> dict[str, Any]:
    intervention = world.intervention
    phases = [
        Phase.objects.create(intervention=intervention, name=name, order=order)
        for order, name in enumerate(["Kartläggning", "Aktivitet", "Prövning", "Avslut"], 1)
    ]
    ladder = [
        LadderStep.objects.create(intervention=intervention, name=f"Steg {order}", order=order)
        for order in range(1, 8)
    ]
    indicators = [
        ProgressionIndicator.objects.create(intervention=intervention, name=name, order=order)
        for order, name in enumerate(["Hantera hälsan", "Hantera vardagen", "Tro på arbete"])
    ]
    types = [
        ActivityType.objects.create(forbund=world.forbund, name=name)
        for name in ["Motiverande samtal", "Praktik"]
    ]
    inactive = ActivityType.objects.create(forbund=world.forbund, name="Gammal", is_active=False)
    foreign = ActivityType.objects.create(forbund=world.other_forbund, name="Främmande")
    return {
        "phases": phases,
        "ladder": ladder,
        "indicators": indicators,
        "activity_types": types,
        "inactive_type": inactive,
        "foreign_type": foreign,
    }


def registration_for(world: World, **fields: Any) -> Registration:
    person = fields.pop("person", None) or PersonFactory(forbund=world.forbund, personnummer=PNR)
    referral = ReferralFactory(
        intervention=world.intervention,
        person=person,
        referring_party=world.kommun,
        referred_by=world["handlaggare"],
        referred_on=datetime.date(2026, 1, 20),
        status="accepted",
        decided_on=datetime.date(2026, 1, 27),
    )
    consent = ConsentFactory(
        person=person,
        intervention=world.intervention,
        valid_from=datetime.date(2026, 1, 27),
        parties=[world.kommun, world.fk],
    )
    values: dict[str, Any] = {
        "intervention": world.intervention,
        "person": person,
        "referral": referral,
        "consent": consent,
        "referring_party": world.kommun,
        "coach": world["coach"],
        "start_date": START,
    }
    values.update(fields)
    return RegistrationFactory(**values)


def journey_for(world: World, **fields: Any) -> Journey:
    structure = structure_for(world)
    return Journey(registration=registration_for(world, **fields), **structure)


def htmx(**extra: str) -> dict[str, str]:
    """Headers of an htmx request (the test client takes them as ``headers=``)."""
    return {"HX-Request": "true", **extra}
