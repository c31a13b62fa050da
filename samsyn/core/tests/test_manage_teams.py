"""Teams and their members: create, edit, add and remove members, with audit and scoping."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.models import Team, TeamKind, TeamMember
from samsyn.core.roles import Role
from samsyn.core.services import organisation
from samsyn.core.tests.factories import MembershipFactory, TeamFactory, UserFactory
from samsyn.core.versioning import STALE_EDIT_MESSAGE
from samsyn.testing.queries import QueryCount


@pytest.fixture
def team(world: World) -> Team:
    return TeamFactory(forbund=world.forbund, kind=TeamKind.TRISAM, name="Trisam Testby")


def _team_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Samverkansteam Norr",
        "kind": TeamKind.SAMVERKANSTEAM,
        "description": "Träffas i kommunhuset.",
        "meeting_interval_weeks": "4",
    }
    data.update(overrides)
    return data


def _member_url(team: Team) -> str:
    return reverse("manage:team_member_add", args=[team.pk])


def test_create_team_audits(as_persona: Callable[[str], Client], world: World) -> None:
    response = as_persona("admin").post(reverse("manage:team_create"), _team_data())
    team = Team.objects.get(name="Samverkansteam Norr")
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:team_detail", args=[team.pk])
    assert team.forbund == world.forbund
    assert team.meeting_interval_weeks == 4
    event = AuditEvent.objects.get(object_type="core.Team", action="create")
    assert (event.actor, event.forbund_id, event.detail) == (
        world["admin"],
        world.forbund.pk,
        "Team skapat",
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "Trisam Testby"}, "Det finns redan ett team med det namnet i förbundet."),
        ({"name": "TRISAM testby"}, "Det finns redan ett team med det namnet i förbundet."),
        ({"kind": "fotbollslag"}, "alternativen i listan"),
        ({"meeting_interval_weeks": "0"}, "Ange minst 1."),
    ],
)
def test_bad_team_input_is_refused(
    as_persona: Callable[[str], Client],
    team: Team,
    overrides: dict[str, object],
    message: str,
) -> None:
    response = as_persona("admin").post(reverse("manage:team_create"), _team_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Team.objects.count() == 1


def test_edit_team_is_versioned(as_persona: Callable[[str], Client], team: Team) -> None:
    client = as_persona("admin")
    url = reverse("manage:team_edit", args=[team.pk])
    data = _team_data(name="Trisam Testby stad", kind=TeamKind.TRISAM, version=team.version)
    assert client.post(url, data).status_code == 302  # is_active unticked: deactivates
    team.refresh_from_db()
    assert (team.name, team.version, team.is_active) == ("Trisam Testby stad", 2, False)
    assert AuditEvent.objects.get(object_type="core.Team", action="update").detail == "Team ändrat"

    stale = client.post(url, _team_data(name="Gammal flik", version=1, is_active="on"))
    assert str(STALE_EDIT_MESSAGE) in stale.content.decode()
    team.refresh_from_db()
    assert (team.name, team.version) == ("Trisam Testby stad", 2)


def test_add_user_member_and_refuse_duplicate(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    client = as_persona("admin")
    data = {"user": world["coach"].pk, "party": world.kommun.pk, "function": "Coach"}
    assert client.post(_member_url(team), data).status_code == 302
    member = team.members.get()
    assert (member.user, member.party, member.function) == (world["coach"], world.kommun, "Coach")
    event = AuditEvent.objects.get(object_type="core.TeamMember", action="create")
    assert event.forbund_id == world.forbund.pk

    again = client.post(_member_url(team), data)
    assert again.status_code == 200
    assert "Användaren är redan medlem i teamet." in again.content.decode()
    assert team.members.count() == 1


def test_add_person_without_login_is_encrypted(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    data = {
        "name": "Kim Extern",
        "email": "kim@region.se",
        "phone": "070-123 45 67",
        "party": world.region.pk,
        "function": "Sjuksköterska",
    }
    assert as_persona("admin").post(_member_url(team), data).status_code == 302
    member = team.members.get()
    assert (member.name, member.email, member.phone) == (
        "Kim Extern",
        "kim@region.se",
        "070-123 45 67",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, phone FROM core_teammember WHERE id = %s", [member.pk])
        raw = cursor.fetchone()
    assert "Kim" not in raw[0] and "kim@" not in raw[1] and "070" not in raw[2]
    # The log says what happened, never the person's name.
    event = AuditEvent.objects.get(object_type="core.TeamMember")
    assert "Kim" not in event.detail


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"function": "x"}, "Välj en användare, eller fyll i namnet på en person utan inloggning."),
        ({"name": "Kim", "email": "inte-en-adress"}, "giltig e-postadress"),
        ({"name": "Kim", "phone": "ring mig"}, "Ange telefonnumret med siffror"),
        ({"name": "Kim", "user": "coach"}, "fylls bara i för en person utan inloggning"),
        ({"name": "Kim", "party": "other"}, "alternativen i listan"),
        ({"user": "outsider"}, "alternativen i listan"),
    ],
)
def test_bad_member_input_is_refused(
    as_persona: Callable[[str], Client],
    world: World,
    team: Team,
    data: dict[str, str],
    message: str,
) -> None:
    post: dict[str, object] = {"party": world.kommun.pk, **data}
    if data.get("user"):
        post["user"] = world[data["user"]].pk
    if data.get("party") == "other":
        post["party"] = world.other_party.pk
    response = as_persona("admin").post(_member_url(team), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not team.members.exists()


def test_member_service_checks_forbund_of_party_and_user(world: World, team: Team) -> None:
    with pytest.raises(ValidationError) as error:
        organisation.team_member_add(
            actor=world["admin"], team=team, party=world.other_party, name="Kim"
        )
    assert error.value.message_dict["party"] == ["Parten hör inte till teamets förbund."]
    with pytest.raises(ValidationError) as error:
        organisation.team_member_add(
            actor=world["admin"], team=team, party=world.kommun, user=world["outsider"]
        )
    assert error.value.message_dict["user"] == [
        "Användaren har ingen aktiv roll i teamets förbund."
    ]
    with pytest.raises(Http404):
        organisation.team_member_add(
            actor=world["outsider"], team=team, party=world.kommun, name="Kim"
        )
    assert not team.members.exists()


def test_remove_member_audits(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    member = TeamMember.objects.create(team=team, party=world.kommun, name="Kim Extern")
    url = reverse("manage:team_member_remove", args=[team.pk, member.pk])
    assert as_persona("admin").post(url, {"confirm": "1"}).status_code == 302
    assert not team.members.exists()
    event = AuditEvent.objects.get(object_type="core.TeamMember", action="delete")
    assert event.object_id == str(member.pk)


def test_member_of_another_team_cannot_be_removed_through_this_one(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    other_team = TeamFactory(forbund=world.other_forbund)
    member = TeamMember.objects.create(team=other_team, party=world.other_party, name="Alex")
    url = reverse("manage:team_member_remove", args=[team.pk, member.pk])
    assert as_persona("admin").post(url).status_code == 404
    assert other_team.members.count() == 1


def test_team_detail_shows_roster_and_logs_the_view(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    TeamMember.objects.create(
        team=team, party=world.region, name="Kim Extern", phone="070-123 45 67"
    )
    response = as_persona("admin").get(reverse("manage:team_detail", args=[team.pk]))
    content = response.content.decode()
    assert "Kim Extern" in content and "070-123 45 67" in content
    event = AuditEvent.objects.get(action="view", object_type="core.Team")
    assert event.object_id == str(team.pk)


def test_team_list_queries_do_not_grow(
    as_persona: Callable[[str], Client],
    world: World,
    assert_query_count: QueryCount,
) -> None:
    client = as_persona("admin")

    def add_teams(count: int) -> None:
        for team in TeamFactory.create_batch(count, forbund=world.forbund):
            TeamMember.objects.create(team=team, party=world.kommun, name="Kim")

    add_teams(3)
    with assert_query_count(10):
        assert client.get(reverse("manage:team_list")).status_code == 200
    add_teams(27)
    with assert_query_count(10):
        response = client.get(reverse("manage:team_list"))
    assert response.content.decode().count("/forvaltning/team/") >= 30


def test_user_choices_are_the_forbund_users(
    as_persona: Callable[[str], Client], world: World, team: Team
) -> None:
    inactive = UserFactory(is_active=False)
    MembershipFactory(user=inactive, forbund=world.forbund, role=Role.COACH)
    content = as_persona("admin").get(_member_url(team)).content.decode()
    assert "Coach Användare" in content
    for absent in ["Utomstående", "Ingen Användare", inactive.get_full_name(), "Annanby kommun"]:
        assert absent not in content
