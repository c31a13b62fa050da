"""The intervention page and the participant page lead to the method's tools, and only for
interventions that use the method."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from samsyn.conftest import World
from samsyn.participants.tests.journey_setup import registration_for

pytestmark = pytest.mark.django_db


def _use(world: World, *methods: str) -> None:
    world.intervention.methods = list(methods)
    world.intervention.save(update_fields=["methods"])


def test_participant_page_links_to_career_profile_contacts_and_inventory(
    world: World, as_persona: Any
) -> None:
    _use(world, "ips", "resursinventering")
    registration = registration_for(world)
    page = as_persona("coach").get(
        reverse("participants:registration_detail", kwargs={"pk": registration.pk})
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert reverse("ips:career_profile", args=[registration.pk]) in text
    assert reverse("ips:contact_participant", args=[registration.pk]) in text
    assert reverse("assessments:inventory", args=[registration.pk]) in text


def test_participant_page_of_another_method_has_no_tools(world: World, as_persona: Any) -> None:
    _use(world, "bip")
    registration = registration_for(world)
    page = as_persona("coach").get(
        reverse("participants:registration_detail", kwargs={"pk": registration.pk})
    )
    assert page.status_code == 200
    assert "/ips/" not in page.content.decode()
    assert "/resursinventering/" not in page.content.decode()


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "coach", "styrgrupp"])
def test_intervention_page_links_to_the_tools(world: World, as_persona: Any, persona: str) -> None:
    _use(world, "ips", "resursinventering")
    page = as_persona(persona).get(
        reverse("interventions:detail", kwargs={"pk": world.intervention.pk})
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert reverse("ips:outcomes", kwargs={"pk": world.intervention.pk}) in text
    assert reverse("ips:fidelity_list", kwargs={"pk": world.intervention.pk}) in text
    assert reverse("assessments:distribution", args=[world.intervention.pk]) in text
    # The employer bank holds contact people: not for the steering group.
    assert (reverse("ips:employer_list") in text) is (persona != "styrgrupp")
