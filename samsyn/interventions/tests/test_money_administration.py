"""The förbund's administration costs at /insatser/administration/: its administrators only."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.interventions.models import AdministrationCost
from samsyn.testing.stale import assert_stale_round_trip

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
OTHERS = ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "nobody"]


@pytest.fixture
def cost(world: Any) -> AdministrationCost:
    return AdministrationCost.objects.create(
        forbund=world.forbund, year=2025, budget=Decimal(900_000), amount=Decimal(850_500)
    )


def urls(cost: AdministrationCost) -> dict[str, str]:
    return {
        "list": reverse("interventions:money_administration"),
        "create": reverse("interventions:money_administration_create"),
        "edit": reverse("interventions:money_administration_edit", args=[cost.pk]),
        "delete": reverse("interventions:money_administration_delete", args=[cost.pk]),
    }


def test_the_url_is_not_read_as_a_slug() -> None:
    assert reverse("interventions:money_administration") == "/insatser/administration/"


def test_admin_manages_administration_costs(as_persona: Persona, cost: AdministrationCost) -> None:
    client = as_persona("admin")
    page = urls(cost)
    html = client.get(page["list"]).content.decode()
    assert "900 000" in html and "850 500" in html
    assert client.get(page["create"]).status_code == 200
    data = {"year": "2026", "budget": "950 000", "amount": "0", "description": "Kansliet"}
    assert client.post(page["create"], data).status_code == 302
    assert AdministrationCost.objects.get(year=2026).budget == Decimal(950_000)
    response = client.post(page["create"], data)
    assert "redan administrationskostnader för 2026" in response.content.decode()
    assert client.get(page["edit"]).status_code == 200
    edit = {"year": "2025", "budget": "900 000", "amount": "1 234,50", "version": "1"}
    assert client.post(page["edit"], edit).status_code == 302
    cost.refresh_from_db()
    assert (cost.amount, cost.version) == (Decimal("1234.50"), 2)
    response = client.post(page["edit"], {**edit, "amount": "5"})
    assert "Någon annan har sparat under tiden" in response.content.decode()
    assert client.post(page["delete"], {"version": "2", "confirm": "1"}).status_code == 302
    assert not AdministrationCost.objects.filter(pk=cost.pk).exists()


def test_stale_edit_shows_both_versions(
    as_persona: Persona, world: Any, cost: AdministrationCost
) -> None:
    data = {"year": "2025", "budget": "900 000", "amount": "850 500", "version": "1"}
    assert_stale_round_trip(
        saver=as_persona("admin"),
        client=as_persona("admin"),
        url=urls(cost)["edit"],
        data=data,
        field="description",
        theirs="Kansliet",
        mine="Kansliet och revision",
        saver_name=world["admin"].get_full_name(),
        current=lambda: AdministrationCost.objects.get(pk=cost.pk).description,
    )


@pytest.mark.parametrize("persona", OTHERS)
def test_administration_is_404_for_others(
    as_persona: Persona, cost: AdministrationCost, persona: str
) -> None:
    client = as_persona(persona)
    page = urls(cost)
    for name in ("list", "create", "edit"):
        assert client.get(page[name]).status_code == 404, name
    data = {"year": "2026", "budget": "1", "amount": "1", "version": "1"}
    for name in ("create", "edit", "delete"):
        assert client.post(page[name], data).status_code == 404, name
    cost.refresh_from_db()
    assert cost.version == 1 and AdministrationCost.objects.count() == 1


def test_other_forbunds_admin_does_not_see_the_costs(
    as_persona: Persona, cost: AdministrationCost
) -> None:
    client = as_persona("outsider")
    page = urls(cost)
    assert client.get(page["list"]).status_code == 200
    assert "900 000" not in client.get(page["list"]).content.decode()
    assert client.get(page["edit"]).status_code == 404
    assert client.post(page["delete"], {"version": "1"}).status_code == 404
    assert AdministrationCost.objects.filter(pk=cost.pk).exists()


def test_anonymous_is_sent_to_login(client: Client, cost: AdministrationCost) -> None:
    assert client.get(urls(cost)["list"]).status_code == 302
