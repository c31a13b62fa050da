"""The collaboration API per persona: teams, meetings, attendance, actions; bad input is 422,
a stale version 409, a frozen meeting refused."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from samsyn.collaboration.models import Attendance, Meeting, MeetingAction
from samsyn.conftest import World
from samsyn.participants.tests.api_setup import STALE, ApiClient, as_api_fixture  # noqa: F401

from .setup import (
    ALL_PERSONAS,
    MANAGERS,
    READERS,
    held,
    make_action,
    make_meeting,
    make_team,
    seat,
    today,
)

pytestmark = pytest.mark.django_db
Api = Callable[[str], ApiClient]
BASE = "/collaboration"


def _expected(name: str, ok: int) -> int:
    return ok if name in MANAGERS else 403 if name in READERS else 404


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_reads_by_persona(world: World, as_api: Api, name: str) -> None:
    team = make_team(world)
    meeting = held(world, team, absent=(world.af,))
    make_action(world, meeting)
    api = as_api(name)
    teams = api.get(BASE + "/teams").json()
    member = name in MANAGERS + READERS
    assert [t["name"] for t in teams] == (["Samverkansteam Test"] if member else [])
    listing = api.get(f"{BASE}/teams/{team.pk}/meetings")
    detail = api.get(f"{BASE}/meetings/{meeting.pk}")
    actions = api.get(BASE + "/actions", team_id=team.pk)
    for response in (listing, detail, actions):
        assert response.status_code == (200 if member else 404)
    if member:
        body = detail.json()
        absent = [row["party"] for row in body["attendance"] if row["present"] is False]
        assert absent == ["Arbetsförmedlingen"]
        assert body["can_manage"] == (name in MANAGERS)
        assert [a["text"] for a in actions.json()] == ["Boka lokal"]


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_create_meeting_by_persona(world: World, as_api: Api, name: str) -> None:
    team = make_team(world)
    body = {"date": (today() + datetime.timedelta(days=14)).isoformat(), "place": "Rum 2"}
    response = as_api(name).post(f"{BASE}/teams/{team.pk}/meetings", body)
    assert response.status_code == _expected(name, 201)
    assert Meeting.objects.exists() == (response.status_code == 201)


def test_far_date_needs_confirmation(world: World, as_api: Api) -> None:
    team = make_team(world)
    far = {"date": (today() + datetime.timedelta(days=800)).isoformat()}
    response = as_api("admin").post(f"{BASE}/teams/{team.pk}/meetings", far)
    assert response.status_code == 422
    assert "mer än ett år" in str(response.json()["errors"])
    bad = as_api("admin").post(f"{BASE}/teams/{team.pk}/meetings", {"date": "i morgon"})
    assert bad.status_code == 422
    assert not Meeting.objects.exists()
    ok = as_api("admin").post(f"{BASE}/teams/{team.pk}/meetings", {**far, "confirm_date": True})
    assert ok.status_code == 201


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_attendance_by_persona(world: World, as_api: Api, name: str) -> None:
    team = make_team(world)
    meeting = make_meeting(world, team, days_ago=1)
    parties = [
        {
            "party_id": p.pk,
            "present": p != world.af,
            "member_ids": [] if p == world.af else [seat(team, p).pk],
        }
        for p in (world.region, world.kommun, world.af, world.fk)
    ]
    response = as_api(name).put(
        f"{BASE}/meetings/{meeting.pk}/attendance", {"version": 1, "parties": parties}
    )
    assert response.status_code == _expected(name, 200)
    assert Attendance.objects.exists() == (response.status_code == 200)
    if response.status_code == 200:
        assert response.json()["status"] == "genomfort"
        stale = as_api(name).put(
            f"{BASE}/meetings/{meeting.pk}/attendance", {"version": 1, "parties": parties}
        )
        assert stale.status_code == 409 and stale.json()["detail"] == STALE


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_action_create_by_persona(world: World, as_api: Api, name: str) -> None:
    team = make_team(world)
    meeting = held(world, team)
    body = {
        "meeting_id": meeting.pk,
        "text": "Ring FK",
        "owner_party_id": world.fk.pk,
        "due_date": today().isoformat(),
    }
    response = as_api(name).post(BASE + "/actions", body)
    assert response.status_code == _expected(name, 201)
    assert MeetingAction.objects.exists() == (response.status_code == 201)


def test_action_without_owner_or_due_date_is_422(world: World, as_api: Api) -> None:
    team = make_team(world)
    meeting = held(world, team)
    api = as_api("insatsansvarig")
    no_owner = api.post(
        BASE + "/actions", {"meeting_id": meeting.pk, "text": "x", "due_date": "2026-01-01"}
    )
    no_due = api.post(
        BASE + "/actions", {"meeting_id": meeting.pk, "text": "x", "owner_party_id": world.af.pk}
    )
    assert no_owner.status_code == no_due.status_code == 422
    assert "ägande part" in str(no_owner.json()) or "äger åtgärden" in str(no_owner.json())
    assert not MeetingAction.objects.exists()


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_action_status_by_persona(world: World, as_api: Api, name: str) -> None:
    team = make_team(world)
    action = make_action(world, held(world, team))
    response = as_api(name).patch(f"{BASE}/actions/{action.pk}", {"version": 1, "status": "klar"})
    assert response.status_code == _expected(name, 200)
    action.refresh_from_db()
    assert (action.status == "klar") == (response.status_code == 200)


def test_frozen_meeting_refuses_attendance(world: World, as_api: Api) -> None:
    team = make_team(world)
    meeting = held(world, team)
    Meeting.objects.filter(pk=meeting.pk).update(minutes="P", minutes_approved_on=today())
    response = as_api("admin").put(
        f"{BASE}/meetings/{meeting.pk}/attendance", {"version": 1, "parties": []}
    )
    assert response.status_code == 422 and "justerat" in str(response.json())
