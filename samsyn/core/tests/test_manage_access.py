"""Who reaches the förbundsadministratör's pages: the admin does, everyone else gets a 404.

The outsider administers another förbund: it has its own lists and create forms, but every
object of the persona förbund is a 404 to it and never shows up in its lists.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.core.models import Membership, Party, Team, TeamKind, TeamMember, User
from samsyn.core.tests.factories import TeamFactory

NON_ADMINS = ["insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "nobody"]
LIST_AND_CREATE_PAGES = [
    "manage:party_list",
    "manage:party_create",
    "manage:team_list",
    "manage:team_create",
    "manage:user_list",
    "manage:user_create",
    "manage:forbund_settings",
]


@pytest.fixture
def team(world: World) -> Team:
    team = TeamFactory(forbund=world.forbund, kind=TeamKind.TRISAM, name="Trisam Testby")
    TeamMember.objects.create(team=team, party=world.kommun, user=world["coach"], function="Coach")
    return team


@pytest.fixture
def object_pages(world: World, team: Team) -> list[str]:
    """Every page about one object of the persona förbund."""
    coach = world["coach"]
    return [
        reverse("manage:party_edit", args=[world.kommun.pk]),
        reverse("manage:team_detail", args=[team.pk]),
        reverse("manage:team_edit", args=[team.pk]),
        reverse("manage:team_member_add", args=[team.pk]),
        reverse("manage:user_detail", args=[coach.pk]),
        reverse("manage:user_edit", args=[coach.pk]),
        reverse("manage:membership_add", args=[coach.pk]),
    ]


@pytest.fixture
def action_urls(world: World, team: Team) -> list[str]:
    """Every POST-only action on an object of the persona förbund."""
    coach = world["coach"]
    membership = Membership.objects.get(user=coach)
    member = team.members.get()
    return [
        reverse("manage:forbund_small_count_limit", args=[world.forbund.pk]),
        reverse("manage:party_deactivate", args=[world.kommun.pk]),
        reverse("manage:party_reactivate", args=[world.kommun.pk]),
        reverse("manage:team_member_remove", args=[team.pk, member.pk]),
        reverse("manage:user_deactivate", args=[coach.pk]),
        reverse("manage:user_reactivate", args=[coach.pk]),
        reverse("manage:user_two_factor_reset", args=[coach.pk]),
        reverse("manage:user_login_unlock", args=[coach.pk]),
        reverse("manage:membership_deactivate", args=[coach.pk, membership.pk]),
        reverse("manage:membership_reactivate", args=[coach.pk, membership.pk]),
    ]


def test_admin_reaches_every_page(
    as_persona: Callable[[str], Client], object_pages: list[str]
) -> None:
    client = as_persona("admin")
    for url in [reverse(name) for name in LIST_AND_CREATE_PAGES] + object_pages:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_other_roles_get_404_everywhere(
    as_persona: Callable[[str], Client],
    object_pages: list[str],
    action_urls: list[str],
    persona: str,
) -> None:
    client = as_persona(persona)
    for url in [reverse(name) for name in LIST_AND_CREATE_PAGES] + object_pages:
        assert client.get(url).status_code == 404, url
    for url in action_urls:
        assert client.post(url, {"version": 1}).status_code == 404, url
    for name in ["manage:party_create", "manage:team_create", "manage:user_create"]:
        assert client.post(reverse(name), {"name": "x"}).status_code == 404, name


def test_outsider_has_own_lists_but_not_our_objects(
    as_persona: Callable[[str], Client],
    world: World,
    team: Team,
    object_pages: list[str],
    action_urls: list[str],
) -> None:
    client = as_persona("outsider")
    for name in LIST_AND_CREATE_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    for url in object_pages:
        assert client.get(url).status_code == 404, url
    read_only = {reverse("manage:team_detail", args=[team.pk])}
    read_only.add(reverse("manage:user_detail", args=[world["coach"].pk]))
    for url in [url for url in object_pages if url not in read_only] + action_urls:
        assert client.post(url, {"name": "x", "version": 1}).status_code == 404, url


def test_outsider_actions_change_nothing(
    as_persona: Callable[[str], Client], world: World, team: Team, action_urls: list[str]
) -> None:
    client = as_persona("outsider")
    for url in action_urls:
        client.post(url, {"version": 1})
    assert Party.objects.get(pk=world.kommun.pk).is_active
    assert team.members.count() == 1
    assert User.objects.get(pk=world["coach"].pk).is_active
    assert Membership.objects.get(user=world["coach"]).is_active


def test_outsider_lists_show_only_its_own_forbund(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    own_team = TeamFactory(forbund=world.other_forbund, name="Annat team")
    client = as_persona("outsider")

    parties = client.get(reverse("manage:party_list")).content.decode()
    assert reverse("manage:party_edit", args=[world.other_party.pk]) in parties
    assert reverse("manage:party_edit", args=[world.kommun.pk]) not in parties
    assert world.forbund.name not in parties

    teams = client.get(reverse("manage:team_list")).content.decode()
    assert reverse("manage:team_detail", args=[own_team.pk]) in teams
    assert reverse("manage:team_detail", args=[team.pk]) not in teams

    users = client.get(reverse("manage:user_list")).content.decode()
    assert reverse("manage:user_detail", args=[world["outsider"].pk]) in users
    for name in ["admin", "coach", "handlaggare", "nobody"]:
        assert reverse("manage:user_detail", args=[world[name].pk]) not in users


def test_admin_lists_show_own_forbund_only(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    client = as_persona("admin")
    parties = client.get(reverse("manage:party_list")).content.decode()
    assert reverse("manage:party_edit", args=[world.kommun.pk]) in parties
    assert reverse("manage:party_edit", args=[world.other_party.pk]) not in parties

    users = client.get(reverse("manage:user_list")).content.decode()
    assert reverse("manage:user_detail", args=[world["coach"].pk]) in users
    assert reverse("manage:user_detail", args=[world["outsider"].pk]) not in users
    # An account without any role in the förbund is not the förbund's to manage.
    assert reverse("manage:user_detail", args=[world["nobody"].pk]) not in users
    assert client.get(reverse("manage:user_detail", args=[world["nobody"].pk])).status_code == 404


def test_action_pages_refuse_get(
    as_persona: Callable[[str], Client], action_urls: list[str]
) -> None:
    client = as_persona("admin")
    for url in action_urls:
        assert client.get(url).status_code == 405, url
