"""The coordinator flag on a team seat (issue #14, docs/collaboration.md): set and cleared by
the förbundsadministratör on the team's page, audited; only a seat held by a user."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import Team, TeamKind, TeamMember
from samsyn.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


@pytest.fixture
def team(world: World) -> Team:
    return TeamFactory(forbund=world.forbund, kind=TeamKind.TRISAM, name="Trisam Testby")


def _url(team: Team, member: TeamMember) -> str:
    return reverse("manage:team_member_coordinator", args=[team.pk, member.pk])


def test_admin_sets_and_clears_the_flag(as_persona: Persona, world: World, team: Team) -> None:
    seat = TeamMember.objects.create(team=team, party=world.fk, user=world["coach"])
    client = as_persona("admin")
    assert client.post(_url(team, seat), {"samordnare": "1"}).status_code == 302
    seat.refresh_from_db()
    assert seat.is_coordinator
    page = client.get(reverse("manage:team_detail", args=[team.pk])).content.decode()
    assert "Ta bort som samordnare" in page
    client.post(_url(team, seat), {"samordnare": "0"})
    seat.refresh_from_db()
    assert not seat.is_coordinator
    details = list(
        AuditEvent.objects.filter(object_type="core.TeamMember", object_id=str(seat.pk))
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details[0].startswith("Samordnare utsedd") and details[1].startswith("Samordnaruppdrag")


def test_seat_without_login_cannot_coordinate(
    as_persona: Persona, world: World, team: Team
) -> None:
    seat = TeamMember.objects.create(team=team, party=world.af, name="Kim Extern")
    response = as_persona("admin").post(_url(team, seat), {"samordnare": "1"}, follow=True)
    assert "Bara en medlem med inloggning" in response.content.decode()
    seat.refresh_from_db()
    assert not seat.is_coordinator
    assert not AuditEvent.objects.filter(object_type="core.TeamMember").exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [("insatsansvarig", 404), ("coach", 404), ("styrgrupp", 404), ("outsider", 404)],
)
def test_only_the_admin(
    as_persona: Persona, world: World, team: Team, name: str, status: int
) -> None:
    seat = TeamMember.objects.create(team=team, party=world.fk, user=world["coach"])
    assert as_persona(name).post(_url(team, seat), {"samordnare": "1"}).status_code == status
    seat.refresh_from_db()
    assert not seat.is_coordinator
