"""The applications area's sub-navigation (selectors/area.py): which list pages each persona
is offered, that every offered page opens and every page not offered answers 404, and that
the list pages show the links."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.applications.selectors.area import area_links
from samsyn.applications.tests.factories_decisions import make_decided
from samsyn.conftest import World

pytestmark = pytest.mark.django_db
Personas = Callable[[str], Client]

ALL = (
    "call_list",
    "application_list",
    "preparation_list",
    "decision_list",
    "deviation_list",
    "claims",
    "utilisation",
    "forbund_budget",
    "forbund_income",
)
# One line per persona: the links it is offered, in the order of the förbund's year. The
# handläggare has the "sökande" right for the kommun, which owns the world's intervention
# and a granted application; the insatsansvarig is limited to the intervention.
EXPECTED = {
    "admin": ALL,
    "insatsansvarig": ("deviation_list", "claims", "utilisation"),
    "coach": (),
    "handlaggare": (
        "call_list",
        "application_list",
        "decision_list",
        "deviation_list",
        "claims",
        "utilisation",
    ),
    "styrgrupp": ("application_list", "decision_list", "utilisation", "forbund_budget"),
    "granskare": (),
    "outsider": (
        "call_list",
        "application_list",
        "preparation_list",
        "decision_list",
        "deviation_list",
        "claims",
        "utilisation",
        "forbund_budget",
        "forbund_income",
    ),
    "nobody": (),
}


@pytest.fixture
def decided(world: World) -> World:
    make_decided(world)
    return world


def _url(name: str, world: World, persona: str) -> str:
    if name == "forbund_budget":
        forbund = world.other_forbund if persona == "outsider" else world.forbund
        return reverse("applications:forbund_budget", args=[forbund.pk])
    return reverse(f"applications:{name}")


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_is_offered_exactly_the_pages_it_may_open(
    decided: World, as_persona: Personas, persona: str
) -> None:
    links = area_links(actor=decided[persona])
    assert tuple(link.key for link in links) == EXPECTED[persona]
    client = as_persona(persona)
    for link in links:
        assert client.get(link.url).status_code == 200, link.url
    for name in set(ALL) - set(EXPECTED[persona]):
        assert client.get(_url(name, decided, persona)).status_code == 404, name


def test_the_list_pages_show_the_area_navigation(decided: World, as_persona: Personas) -> None:
    client = as_persona("styrgrupp")
    for name in EXPECTED["styrgrupp"]:
        html = client.get(_url(name, decided, "styrgrupp")).content.decode()
        assert 'aria-label="Ansökningar och förbundets medel"' in html, name
        assert html.count('aria-current="page"') >= 2, name  # the main menu's and the area's
        for other in EXPECTED["styrgrupp"]:
            assert _url(other, decided, "styrgrupp") in html, (name, other)
        assert reverse("applications:preparation_list") not in html
        assert reverse("applications:claims") not in html


def test_an_insatsansvarig_without_the_sokande_right_finds_the_claims_in_the_menu(
    world: World, as_persona: Personas
) -> None:
    client = as_persona("insatsansvarig")
    html = client.get(reverse("core:start")).content.decode()
    claims = reverse("applications:claims")
    assert f'<a href="{claims}"' in html
    assert reverse("applications:application_list") + '"' not in html
    assert client.get(claims).status_code == 200
