"""An intervention's own age bands (AgeBand, docs/dashboard.md "Age bands"): the rules of
the service, who may manage them and the audit log. The reports that show them:
samsyn/reporting/tests/test_own_age_bands.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.interventions.models import AgeBand
from samsyn.interventions.services.age_bands import MAX_AGE_BANDS, age_band_add, age_band_remove

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
MANAGERS = ["admin", "insatsansvarig"]
OTHERS = ["coach", "handlaggare", "styrgrupp", "granskare", "outsider", "nobody"]


def _bands(world: World) -> list[tuple[int, int]]:
    return list(world.intervention.age_bands.values_list("min_age", "max_age"))


def test_a_band_is_named_from_its_ages_and_audited(world: World) -> None:
    band = age_band_add(
        actor=world["insatsansvarig"], intervention=world.intervention, min_age=20, max_age=29
    )
    assert band.name == "20–29 år"
    age_band_remove(actor=world["admin"], band=band)
    events = AuditEvent.objects.filter(object_type="interventions.AgeBand").order_by("id")
    assert [(event.action, event.role, event.detail) for event in events] == [
        ("create", "insatsansvarig", "Åldersgrupp tillagd: 20–29 år"),
        ("delete", "forbundsadministrator", "Åldersgrupp borttagen: 20–29 år"),
    ]
    assert _bands(world) == []


@pytest.mark.parametrize(
    ("low", "high", "field", "message"),
    [
        (15, 29, "min_age", "Åldern ska vara mellan 16 och 100 år."),
        (20, 101, "max_age", "Åldern ska vara mellan 16 och 100 år."),
        (30, 20, "max_age", "Den högsta åldern får inte vara lägre än den lägsta."),
        (None, 29, "min_age", "Ange en ålder."),
        (25, 25, None, None),  # one age is a band
    ],
)
def test_bad_bands_are_refused_in_swedish(
    world: World, low: int | None, high: int | None, field: str | None, message: str | None
) -> None:
    if field is None:
        age_band_add(
            actor=world["admin"], intervention=world.intervention, min_age=low, max_age=high
        )
        assert _bands(world) == [(25, 25)]
        return
    with pytest.raises(ValidationError) as error:
        age_band_add(
            actor=world["admin"], intervention=world.intervention, min_age=low, max_age=high
        )
    assert error.value.message_dict[field] == [message]
    assert _bands(world) == []


def test_a_band_is_added_once_and_there_are_at_most_ten(world: World) -> None:
    age_band_add(actor=world["admin"], intervention=world.intervention, min_age=20, max_age=29)
    with pytest.raises(ValidationError, match="redan den åldersgruppen"):
        age_band_add(actor=world["admin"], intervention=world.intervention, min_age=20, max_age=29)
    for low in range(30, 30 + MAX_AGE_BANDS - 1):
        age_band_add(actor=world["admin"], intervention=world.intervention, min_age=low, max_age=99)
    with pytest.raises(ValidationError, match="högst 10"):
        age_band_add(actor=world["admin"], intervention=world.intervention, min_age=16, max_age=99)
    assert len(_bands(world)) == MAX_AGE_BANDS


@pytest.mark.parametrize("persona", ["coach", "styrgrupp", "handlaggare", "granskare"])
def test_the_service_refuses_everyone_else(world: World, persona: str) -> None:
    with pytest.raises(Http404):
        age_band_add(actor=world[persona], intervention=world.intervention, min_age=20, max_age=29)
    band = AgeBand.objects.create(intervention=world.intervention, min_age=20, max_age=29)
    with pytest.raises(Http404):
        age_band_remove(actor=world[persona], band=band)
    assert _bands(world) == [(20, 29)]


@pytest.mark.parametrize("persona", MANAGERS)
def test_the_page_for_those_who_manage(as_persona: Persona, world: World, persona: str) -> None:
    client = as_persona(persona)
    url = reverse("interventions:age_bands", args=[world.intervention.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"min_age": "20", "max_age": "29"})
    assert response.status_code == 302
    assert _bands(world) == [(20, 29)]
    page = client.get(url).content.decode()
    assert "20–29 år" in page
    refused = client.post(url, {"min_age": "40", "max_age": "30"})
    assert refused.status_code == 200
    assert "Den högsta åldern får inte vara lägre än den lägsta." in refused.content.decode()
    band = world.intervention.age_bands.get()
    remove = reverse("interventions:age_band_remove", args=[world.intervention.pk, band.pk])
    assert client.post(remove, {"confirm": "1"}).status_code == 302
    assert _bands(world) == []


@pytest.mark.parametrize("persona", OTHERS)
def test_no_page_for_anyone_else(as_persona: Persona, world: World, persona: str) -> None:
    client = as_persona(persona) if persona != "nobody" else Client()
    band = AgeBand.objects.create(intervention=world.intervention, min_age=20, max_age=29)
    url = reverse("interventions:age_bands", args=[world.intervention.pk])
    remove = reverse("interventions:age_band_remove", args=[world.intervention.pk, band.pk])
    expected = {302} if persona == "nobody" else {404}
    assert client.get(url).status_code in expected
    assert client.post(url, {"min_age": "30", "max_age": "39"}).status_code in expected
    assert client.post(remove).status_code in expected
    assert _bands(world) == [(20, 29)]
