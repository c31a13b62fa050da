"""Shared set-up: ``world.intervention`` uses resursinventering and has one registration
coached by ``coach`` and referred by ``handlaggare`` (consent covering its party), so
insatsansvarig and coach write, the handläggare reads only, everyone else gets 404."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from samsyn.assessments.models import ProfessionalAssessment, ResourceInventory
from samsyn.conftest import World
from samsyn.interventions.models import Method
from samsyn.participants.models import Registration
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.journey_setup import registration_for

WRITERS = ("insatsansvarig", "coach")
READ_ONLY = ("handlaggare",)
OUTSIDE = ("admin", "styrgrupp", "granskare", "outsider", "nobody")
ALL_PERSONAS = WRITERS + READ_ONLY + OUTSIDE
START = datetime.date(2026, 2, 2)
TODAY = datetime.date(2026, 6, 1)


def use_inventory(world: World) -> None:
    world.intervention.methods = [Method.RESURSINVENTERING]
    world.intervention.start_date = datetime.date(2026, 1, 1)
    world.intervention.save(update_fields=["methods", "start_date"])


def inventory_registration(world: World, **fields: Any) -> Registration:
    use_inventory(world)
    return registration_for(world, **fields)


def started(registration: Registration, **fields: Any) -> ResourceInventory:
    values: dict[str, Any] = {"started_on": START}
    values.update(fields)
    return ResourceInventory.objects.create(registration=registration, **values)


def assessed(inventory: ResourceInventory, day: datetime.date = START) -> ProfessionalAssessment:
    return ProfessionalAssessment.objects.create(
        inventory=inventory,
        profession="lakare",
        assessor="Dr Test",
        assessed_on=day,
        findings="Nedsatt uthållighet.",
    )


def ended(world: World, gender: str, recommendation: str, end: datetime.date) -> Registration:
    """A plain registration of the intervention ended on ``end`` with ``recommendation``."""
    person = PersonFactory(forbund=world.forbund, gender=gender)
    return RegistrationFactory(
        intervention=world.intervention,
        person=person,
        start_date=START,
        end_date=end,
        exit_reason="fullfoljt",
        recommendation=recommendation,
    )


HOURS = Decimal("20.0")
