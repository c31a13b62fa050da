"""Shared set-up for the follow-up, start, exit, post-exit and caseload tests.

``registration_for(world)`` makes a registration in ``world.intervention`` coached by the
``coach`` persona, referred by the ``handlaggare`` persona (party ``world.kommun``) with an
active consent covering that party: so the insatsansvarig and the coach may write, the
handläggare may only read, and every other persona sees nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from samsyn.conftest import World
from samsyn.interventions.models import Phase
from samsyn.participants.models import PostExitFollowUp, Registration
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


def registration_for(world: World, **fields: Any) -> Registration:
    person = PersonFactory(forbund=world.forbund)
    referral = ReferralFactory(
        intervention=world.intervention,
        person=person,
        referring_party=world.kommun,
        referred_by=world["handlaggare"],
        status="accepted",
    )
    consent = ConsentFactory(
        person=person,
        intervention=world.intervention,
        valid_from=datetime.date(2026, 1, 1),
        parties=[world.kommun, world.fk],
    )
    values: dict[str, Any] = {
        "intervention": world.intervention,
        "person": person,
        "referral": referral,
        "consent": consent,
        "referring_party": world.kommun,
        "coach": world["coach"],
        "start_date": datetime.date(2026, 2, 1),
    }
    values.update(fields)
    return RegistrationFactory(**values)


def ended(registration: Registration, end_date: datetime.date) -> Registration:
    """End ``registration`` as an exit would, with its post-exit follow-ups booked."""
    registration.end_date = end_date
    registration.exit_reason = "fullfoljt"
    registration.occupation_after = "arbetar"
    registration.outcome = "arbete"
    registration.save()
    PostExitFollowUp.objects.create(
        registration=registration,
        months_after=6,
        due_on=end_date + datetime.timedelta(days=182),
    )
    PostExitFollowUp.objects.create(
        registration=registration,
        months_after=12,
        due_on=end_date + datetime.timedelta(days=365),
    )
    return registration


def phases_for(world: World) -> list[Phase]:
    names = ["Kartläggning", "Aktivitet", "Prövning", "Avslut"]
    return [
        Phase.objects.get_or_create(
            intervention=world.intervention, order=order, defaults={"name": name}
        )[0]
        for order, name in enumerate(names, start=1)
    ]
