"""A stale save of a meeting's details or its attendance shows the saved version beside
the user's (docs/concurrent-editing.md); the minutes and case notes have their own tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from samsyn.collaboration.models import Attendance, Meeting, MeetingAction
from samsyn.collaboration.tests.setup import (
    OUTSIDE,
    READERS,
    held,
    make_action,
    make_meeting,
    make_team,
)
from samsyn.conftest import World
from samsyn.testing.stale import StaleForm, check_stale_save, check_stale_save_hidden

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


def meeting_edit(world: World) -> StaleForm:
    meeting = make_meeting(world, make_team(world), days_ago=-7)
    return StaleForm(
        url=f"/samverkan/mote/{meeting.pk}/andra/",
        data=lambda text, version: {
            "date": meeting.date.isoformat(),
            "kind": "ordinarie",
            "status": "planerat",
            "agenda": text,
            "version": version,
        },
        saved_text=lambda: Meeting.objects.get(pk=meeting.pk).agenda,
        version=meeting.version,
    )


def attendance_edit(world: World) -> StaleForm:
    meeting = make_meeting(world, make_team(world), days_ago=0)
    parties = (world.region, world.kommun, world.af, world.fk)

    def data(text: str, version: int) -> dict[str, object]:
        rows = {f"party_{party.pk}": "1" for party in parties}
        return {**rows, f"party_{world.kommun.pk}_note": text, "version": version}

    return StaleForm(
        url=f"/samverkan/mote/{meeting.pk}/narvaro/",
        data=data,
        saved_text=lambda: Attendance.objects.get(meeting=meeting, party=world.kommun).note,
        version=meeting.version,
    )


FORMS = [meeting_edit, attendance_edit]


@pytest.mark.parametrize("make", FORMS)
def test_stale_save_shows_both_versions_and_keeps_the_text(
    world: World, as_persona: Persona, make: Callable[[World], StaleForm]
) -> None:
    form = make(world)
    check_stale_save(form, as_persona("admin"), as_persona("insatsansvarig"), world["admin"])


@pytest.mark.parametrize("make", FORMS)
@pytest.mark.parametrize("name", [*READERS, *OUTSIDE])
def test_stale_save_shows_nothing_to_who_may_not_edit(
    world: World, as_persona: Persona, make: Callable[[World], StaleForm], name: str
) -> None:
    status = check_stale_save_hidden(make(world), as_persona("admin"), as_persona(name))
    assert status == (403 if name in READERS else 404)


def _status_url(action: MeetingAction) -> str:
    return f"/samverkan/atgard/{action.pk}/status/"


def test_stale_action_status_shows_the_saved_status_beside_the_chosen_one(
    world: World, as_persona: Persona
) -> None:
    team = make_team(world)
    action = make_action(world, held(world, team))
    url, back = _status_url(action), f"/samverkan/atgarder/?team={team.pk}"
    first = as_persona("admin").post(url, {"status": "klar", "version": 1, "next": back})
    assert first.status_code == 302
    client = as_persona("insatsansvarig")
    response = client.post(url, {"status": "struken", "version": 1, "next": back})
    assert response.status_code == 200
    body = response.content.decode()
    panel = body.split('<section class="stale-conflict"')[1].split("</section>")[0]
    assert "Någon annan har sparat under tiden" in panel and "Ladda om sidan" not in body
    assert "Struken" in panel and "Klar" in panel
    assert (world["admin"].get_full_name() or world["admin"].username) in panel
    assert f'href="{back}"' in panel  # "Använd den sparade versionen": back to the list
    assert '<option value="struken" selected>' in body and 'name="version" value="2"' in body
    assert "Spara min version" in body
    action.refresh_from_db()
    assert action.status == "klar" and action.version == 2
    again = client.post(url, {"status": "struken", "version": 2, "next": back})
    assert again.status_code == 302 and again["Location"] == back
    action.refresh_from_db()
    assert action.status == "struken" and action.version == 3


@pytest.mark.parametrize("name", [*READERS, *OUTSIDE])
def test_stale_action_status_shows_nothing_to_who_may_not_change_it(
    world: World, as_persona: Persona, name: str
) -> None:
    team = make_team(world)
    action = make_action(world, held(world, team))
    as_persona("admin").post(_status_url(action), {"status": "klar", "version": 1})
    response = as_persona(name).post(_status_url(action), {"status": "struken", "version": 1})
    assert response.status_code == (403 if name in READERS else 404)
    assert "stale-conflict" not in response.content.decode()
    action.refresh_from_db()
    assert action.status == "klar"
