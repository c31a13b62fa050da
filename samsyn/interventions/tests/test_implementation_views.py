"""The implementation plan pages per persona, uploads and downloads through the pages, and
constant queries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.interventions.models import ImplementationItem
from samsyn.interventions.services.implementation import ItemFields, implementation_item_create
from samsyn.interventions.tests.implementation_setup import (
    DOCX,
    PDF,
    media_fixture,  # noqa: F401 - the media fixture
    upload,
)
from samsyn.testing.queries import QueryCount
from samsyn.testing.stale import assert_stale_round_trip

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
VIEWERS = ["admin", "insatsansvarig", "styrgrupp"]
MANAGERS = ["admin", "insatsansvarig"]
NO_ACCESS = ["coach", "handlaggare", "granskare", "outsider", "nobody"]


@pytest.fixture
def item(world: Any, media: Path) -> ImplementationItem:
    return implementation_item_create(
        actor=world["admin"],
        intervention=world.intervention,
        fields=ItemFields(title="Formellt beslut om metoden", responsible_party=world.kommun),
        evidence=upload("Protokoll.pdf", PDF),
    )


def urls(world: Any, item: ImplementationItem) -> dict[str, str]:
    pk = world.intervention.pk
    return {
        "list": reverse("interventions:implementation", args=[pk]),
        "create": reverse("interventions:implementation_create", args=[pk]),
        "defaults": reverse("interventions:implementation_defaults", args=[pk]),
        "edit": reverse("interventions:implementation_edit", args=[pk, item.pk]),
        "delete": reverse("interventions:implementation_delete", args=[pk, item.pk]),
        "move": reverse("interventions:implementation_move", args=[pk, item.pk]),
        "evidence": reverse("interventions:implementation_evidence", args=[pk, item.pk]),
    }


@pytest.mark.parametrize("persona", VIEWERS)
def test_plan_for_viewers(
    as_persona: Persona, world: Any, item: ImplementationItem, persona: str
) -> None:
    response = as_persona(persona).get(urls(world, item)["list"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Formellt beslut om metoden" in html
    assert "Testby kommun" in html
    assert urls(world, item)["evidence"] in html
    assert (urls(world, item)["edit"] in html) is (persona in MANAGERS)


@pytest.mark.parametrize("persona", NO_ACCESS)
def test_plan_is_404_for_others(
    as_persona: Persona, world: Any, item: ImplementationItem, persona: str
) -> None:
    client = as_persona(persona)
    assert client.get(urls(world, item)["list"]).status_code == 404
    assert client.get(urls(world, item)["evidence"]).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_anonymous_is_sent_to_login(client: Client, world: Any, item: ImplementationItem) -> None:
    for name in ("list", "edit", "evidence"):
        assert client.get(urls(world, item)[name]).status_code == 302


@pytest.mark.parametrize("persona", ["styrgrupp", *NO_ACCESS])
def test_management_is_404_for_non_managers(
    as_persona: Persona, world: Any, item: ImplementationItem, persona: str
) -> None:
    client = as_persona(persona)
    page = urls(world, item)
    post = {"title": "X", "status": "ej_paborjad", "version": "1"}
    assert client.get(page["create"]).status_code == 404
    assert client.post(page["create"], post).status_code == 404
    assert client.get(page["edit"]).status_code == 404
    assert client.post(page["edit"], post).status_code == 404
    assert client.post(page["delete"], {"version": "1"}).status_code == 404
    assert client.post(page["move"], {"direction": "upp", "version": "1"}).status_code == 404
    assert client.post(page["defaults"]).status_code == 404
    item.refresh_from_db()
    assert (item.title, item.version, ImplementationItem.objects.count()) == (
        "Formellt beslut om metoden",
        1,
        1,
    )


def test_download_through_the_page_is_audited(
    as_persona: Persona, world: Any, item: ImplementationItem
) -> None:
    response = as_persona("styrgrupp").get(urls(world, item)["evidence"])
    assert response.status_code == 200
    assert response.getvalue() == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="Protokoll.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action="export")
    assert (event.role, event.object_id) == ("styrgrupp", str(item.pk))


@pytest.mark.parametrize("persona", MANAGERS)
def test_managers_add_edit_move_and_delete(
    as_persona: Persona, world: Any, item: ImplementationItem, persona: str
) -> None:
    client = as_persona(persona)
    page = urls(world, item)
    assert client.get(page["create"]).status_code == 200
    response = client.post(
        page["create"],
        {
            "title": "Fortsatt finansiering beslutad",
            "status": "klar",
            "done_on": "2025-02-01",
            "responsible_party": world.region.pk,
            "evidence": upload("beslut.docx", DOCX),
        },
    )
    assert response.status_code == 302
    created = ImplementationItem.objects.get(title="Fortsatt finansiering beslutad")
    assert str(created.evidence).endswith(".docx") and created.order == 2
    move = reverse("interventions:implementation_move", args=[world.intervention.pk, created.pk])
    assert client.post(move, {"direction": "upp", "version": "1"}).status_code == 302
    titles = list(ImplementationItem.objects.order_by("order").values_list("title", flat=True))
    assert titles[0] == "Fortsatt finansiering beslutad"
    edit = client.get(page["edit"]).content.decode()
    assert 'name="remove_evidence"' in edit and 'enctype="multipart/form-data"' in edit
    response = client.post(
        page["edit"],
        {"title": "Beslut", "status": "pagaende", "remove_evidence": "on", "version": "1"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.evidence.name, item.version) == ("Beslut", "", 2)
    assert client.post(page["delete"], {"version": "2", "confirm": "1"}).status_code == 302
    assert not ImplementationItem.objects.filter(pk=item.pk).exists()


def test_defaults_button_on_an_empty_plan(as_persona: Persona, world: Any, media: Path) -> None:
    client = as_persona("insatsansvarig")
    url = reverse("interventions:implementation", args=[world.intervention.pk])
    assert "Lägg till standardpunkter" in client.get(url).content.decode()
    defaults = reverse("interventions:implementation_defaults", args=[world.intervention.pk])
    assert client.post(defaults).status_code == 302
    html = client.get(url).content.decode()
    assert "Lägg till standardpunkter" not in html
    assert "Förankrat i styrgruppen" in html and "Ej påbörjad: 3" in html
    response = client.post(defaults, follow=True)
    assert "Planen har redan punkter" in response.content.decode()
    assert ImplementationItem.objects.count() == 3


def test_bad_input_and_stale_edits(as_persona: Persona, world: Any, item: ImplementationItem):
    client = as_persona("admin")
    page = urls(world, item)
    response = client.post(
        page["create"],
        {"title": "Ny", "status": "klar", "evidence": upload("virus.pdf", b"MZ\x90\x00")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ange datum då punkten blev klar." in html
    response = client.post(
        page["create"],
        {"title": "Ny", "status": "ej_paborjad", "evidence": upload("virus.pdf", b"MZ\x90\x00")},
    )
    assert "Filen är inte en PDF" in response.content.decode()
    assert ImplementationItem.objects.count() == 1
    assert_stale_round_trip(
        saver=as_persona("insatsansvarig"),
        client=client,
        url=page["edit"],
        data={"title": "Ändrad", "status": "pagaende", "version": "1"},
        field="title",
        theirs="Ändrad",
        mine="Igen",
        saver_name=world["insatsansvarig"].get_full_name(),
        current=lambda: ImplementationItem.objects.get(pk=item.pk).title,
    )
    response = client.post(page["move"], {"direction": "sidled", "version": "3"}, follow=True)
    assert "Ladda om sidan" in response.content.decode()
    item.refresh_from_db()
    assert (item.title, item.version) == ("Igen", 3)


def test_plan_queries_do_not_grow_with_the_items(
    as_persona: Persona,
    world: Any,
    item: ImplementationItem,
    assert_query_count: QueryCount,
) -> None:
    client = as_persona("styrgrupp")
    url = urls(world, item)["list"]
    with assert_query_count(12):
        client.get(url)
    for number in range(15):
        party = (world.fk, world.af, world.region)[number % 3]
        ImplementationItem.objects.create(
            intervention=world.intervention,
            title=f"Punkt {number}",
            order=number + 2,
            responsible_party=party,
            status=("pagaende", "klar", "ej_paborjad")[number % 3],
        )
    with assert_query_count(12):
        response = client.get(url)
    assert "Punkt 14" in response.content.decode()
