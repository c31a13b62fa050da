"""The meeting page holds several forms (decisions, actions, minutes): each field has its own
id, so every label leads to its own field (a shared ``id_text`` tied the label "Åtgärd" to the
decision's field and the action could never be saved in a browser); a refused action says
which field and why."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from samsyn.collaboration.models import MeetingAction, MeetingDecision
from samsyn.conftest import World

from .setup import held, make_action, make_team

pytestmark = pytest.mark.django_db


def test_every_id_on_the_meeting_page_is_unique(world: World, as_persona) -> None:
    team = make_team(world)
    meeting = held(world, team)
    make_action(world, meeting)
    html = as_persona("insatsansvarig").get(f"/samverkan/mote/{meeting.pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, count in ids.items() if count > 1] == []
    for label_for in re.findall(r'<label for="([^"]+)"', html):
        assert ids[label_for] == 1, label_for
    assert 'for="id_action_text"' in html and 'for="id_decision_text"' in html


def test_action_and_decision_are_saved_from_their_own_fields(world: World, as_persona) -> None:
    team = make_team(world)
    meeting = held(world, team)
    client = as_persona("insatsansvarig")
    client.post(f"/samverkan/mote/{meeting.pk}/beslut/", {"text": "Teamet ses varje månad"})
    client.post(
        f"/samverkan/mote/{meeting.pk}/atgard/",
        {"text": "Boka lokal", "owner_party": world.kommun.pk, "due_date": "2027-01-15"},
    )
    assert MeetingDecision.objects.filter(meeting=meeting, text="Teamet ses varje månad").exists()
    assert MeetingAction.objects.filter(meeting=meeting, text="Boka lokal").exists()


def test_a_refused_action_names_the_field(world: World, as_persona) -> None:
    team = make_team(world)
    meeting = held(world, team)
    client = as_persona("insatsansvarig")
    before = MeetingAction.objects.count()
    response = client.post(
        f"/samverkan/mote/{meeting.pk}/atgard/",
        {"text": "Boka lokal", "owner_party": world.kommun.pk, "due_date": "15 januari"},
        follow=True,
    )
    page = response.content.decode()
    assert "Åtgärden kunde inte sparas. Klart senast:" in page
    assert MeetingAction.objects.count() == before
