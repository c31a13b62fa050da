"""The main menu per persona, merged for several roles, with the current item marked
(issue #15, item 2; samsyn/site/menu.py)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from samsyn.conftest import World
from samsyn.core.roles import Role
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory

pytestmark = pytest.mark.django_db

ITEM = re.compile(r'<li><a href="([^"]+)"( aria-current="page")?>([^<]+)</a></li>')

EXPECTED = {
    "admin": [
        "Start",
        "Parter",
        "Team",
        "Insatser",
        "Användare",
        "Registerutdrag",
        "Samverkan",
        "Rapporter",
        "Ansökningar",
        "Mitt konto",
    ],
    # Limited to Testinsatsen, which is no IPS intervention: no employer bank.
    "insatsansvarig": [
        "Start",
        "Ärendelista",
        "Anvisningar",
        "Samverkan",
        "Rekvisitioner",
        "Mitt konto",
    ],
    "coach": ["Start", "Ärendelista", "Anvisningar", "Samverkan", "Mitt konto"],
    "handlaggare": ["Start", "Ärendelista", "Mina anvisningar", "Samverkan", "Mitt konto"],
    "styrgrupp": ["Start", "Rapporter", "Ansökningar", "Mitt konto"],
    "granskare": ["Start", "Logggranskning", "Mitt konto"],
    "outsider": [
        "Start",
        "Parter",
        "Team",
        "Insatser",
        "Användare",
        "Registerutdrag",
        "Samverkan",
        "Rapporter",
        "Ansökningar",
        "Mitt konto",
    ],
    "nobody": ["Start", "Mitt konto"],
}


def menu(html: str) -> list[tuple[str, bool, str]]:
    """(url, current, label) of every item of the main menu."""
    start = html.index('aria-label="Huvudmeny"')
    nav = html[start : html.index("</nav>", start)]
    return [(url, bool(current), label) for url, current, label in ITEM.findall(nav)]


def labels(client, url: str | None = None) -> list[str]:
    html = client.get(url or reverse("core:account")).content.decode()
    return [label for _url, _current, label in menu(html)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_persona_gets_exactly_its_menu(as_persona, name: str) -> None:
    assert labels(as_persona(name)) == EXPECTED[name]


def test_coach_and_insatsansvarig_of_an_ips_intervention_get_the_employer_bank(
    world: World, as_persona
) -> None:
    world.intervention.methods = ["ips"]
    world.intervention.save()
    for name in ("coach", "insatsansvarig"):
        client = as_persona(name)
        shown = labels(client)
        assert shown[3:5] == ["Företagsbanken", "Jobbutveckling"], name
        html = client.get(reverse("core:start")).content.decode()
        urls = [url for url, _current, _label in menu(html)]
        assert reverse("ips:employer_list") in urls
        assert reverse("ips:job_development") in urls
        # The links lead to pages the role may open.
        assert client.get(reverse("ips:employer_list")).status_code == 200, name
        assert client.get(reverse("ips:job_development")).status_code == 200, name


def test_a_forbund_wide_coach_gets_the_employer_bank(world: World, as_persona) -> None:
    world["coach"].memberships.get().interventions.clear()
    InterventionFactory(forbund=world.forbund, owner_party=world.kommun, methods=["ips"])
    shown = labels(as_persona("coach"))
    assert "Företagsbanken" in shown and "Jobbutveckling" in shown


def test_a_user_with_two_roles_gets_both_menus_merged(world: World, as_persona) -> None:
    """A coach who is also handläggare (in another förbund) sees both roles' items, each
    once, in the menu's order."""
    MembershipFactory(
        user=world["coach"],
        forbund=world.other_forbund,
        role=Role.HANDLAGGARE,
        party=world.other_party,
    )
    assert labels(as_persona("coach")) == [
        "Start",
        "Ärendelista",
        "Anvisningar",
        "Mina anvisningar",
        "Samverkan",
        "Mitt konto",
    ]


def test_applications_replace_claims_for_an_insatsansvarig_with_the_sokande_right(
    world: World, as_persona
) -> None:
    MembershipFactory(user=world["insatsansvarig"], forbund=world.forbund, role=Role.STYRGRUPP)
    shown = labels(as_persona("insatsansvarig"))
    assert "Ansökningar" in shown and "Rekvisitioner" not in shown
    assert shown[-3:] == ["Rapporter", "Ansökningar", "Mitt konto"]


@pytest.mark.parametrize(
    ("name", "url_name", "label"),
    [
        ("admin", "core:start", "Start"),
        ("admin", "manage:party_list", "Parter"),
        ("admin", "reporting:forbund_costs", "Rapporter"),
        ("coach", "participants:caseload", "Ärendelista"),
        ("coach", "collaboration:case_teams", "Samverkan"),
        ("handlaggare", "participants:referral_mine", "Mina anvisningar"),
        ("insatsansvarig", "applications:claims", "Rekvisitioner"),
        ("granskare", "audit:event_list", "Logggranskning"),
        ("styrgrupp", "core:account", "Mitt konto"),
    ],
)
def test_the_current_item_is_marked(as_persona, name: str, url_name: str, label: str) -> None:
    html = as_persona(name).get(reverse(url_name)).content.decode()
    current = [item_label for _url, is_current, item_label in menu(html) if is_current]
    assert current == [label]


def test_a_page_outside_the_menu_marks_nothing(world: World, as_persona) -> None:
    html = as_persona("admin").get(reverse("interventions:detail", args=[world.intervention.pk]))
    assert [item for item in menu(html.content.decode()) if item[1]] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_item_opens_for_the_persona(as_persona, name: str) -> None:
    client = as_persona(name)
    html = client.get(reverse("core:account")).content.decode()
    for url, _current, label in menu(html):
        assert client.get(url).status_code == 200, (name, label)
