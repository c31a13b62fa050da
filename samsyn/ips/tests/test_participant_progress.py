"""The IPS figures of the participant page count the person's employer contacts, with the
one definition of the first contact (since the registration's start)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samsyn.conftest import World
from samsyn.ips.models import EmployerContact
from samsyn.ips.selectors.participant_progress import employer_contacts_of
from samsyn.ips.tests.employer_setup import ips_world, make_employer  # noqa: F401
from samsyn.participants.tests.journey_setup import journey_for

pytestmark = pytest.mark.django_db


def test_employer_contacts_of_a_participant(ips_world: World, as_persona) -> None:  # noqa: F811
    world = ips_world
    journey = journey_for(world)
    registration = journey.registration
    employer = make_employer(world)
    for day in (datetime.date(2026, 1, 30), datetime.date(2026, 2, 12), datetime.date(2026, 3, 3)):
        EmployerContact.objects.create(
            employer=employer,
            coach=world["coach"],
            intervention=world.intervention,
            registration=registration,
            contacted_on=day,
            kind="besok",
            purpose="Presentera en kandidat",
        )
    contacts = employer_contacts_of(registration)
    # The contact before the start (2 February 2026) is not counted.
    assert (contacts.count, contacts.first_on) == (2, datetime.date(2026, 2, 12))
    html = (
        as_persona("coach")
        .get(reverse("participants:registration_detail", args=[registration.pk]))
        .content.decode()
    )
    assert "Arbetsgivarkontakter för deltagaren" in html
    assert "den första 2026-02-12, 10 dagar efter start" in html
