"""A meeting's removed decision can be put back for 30 days by the team's samordnare, until
the minutes are approved (docs/deleting.md); members who only read and everyone else get
404."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.collaboration.models import Meeting, MeetingDecision
from samsyn.collaboration.tests.setup import held, make_team
from samsyn.conftest import World
from samsyn.core.models import DeletedRecord

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


def _removed(world: World, client: Client) -> tuple[int, str, DeletedRecord]:
    meeting = held(world, make_team(world))
    decision = MeetingDecision.objects.create(meeting=meeting, text="Vi bjuder in AF.", order=1)
    url = reverse("collaboration:decision_remove", args=[meeting.pk, decision.pk])
    done = client.post(url, {"confirm": "1"}, follow=True).content.decode()
    assert "Du kan ångra det under Borttaget i 30 dagar." in done
    page = reverse("core:deleted", args=["meeting", meeting.pk])
    return meeting.pk, page, DeletedRecord.objects.get(kind="decision")


def test_the_coordinator_restores(world: World, as_persona: Persona) -> None:
    client = as_persona("insatsansvarig")
    meeting_pk, page, entry = _removed(world, client)
    assert entry.label == "Beslut: Vi bjuder in AF."
    assert entry.label in client.get(page).content.decode()
    text = client.post(page, {"entry": str(entry.pk)}, follow=True).content.decode()
    assert "är återställd" in text
    assert MeetingDecision.objects.get(meeting_id=meeting_pk).text == "Vi bjuder in AF."
    event = AuditEvent.objects.get(detail__startswith="Återställd efter borttagning")
    assert (event.action, event.role) == ("create", "samordnare")


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider"])
def test_others_get_404(world: World, as_persona: Persona, persona: str) -> None:
    _meeting_pk, page, entry = _removed(world, as_persona("insatsansvarig"))
    client = as_persona(persona)
    assert client.get(page).status_code == 404
    assert client.post(page, {"entry": str(entry.pk)}).status_code == 404
    assert not MeetingDecision.objects.exists()


def test_approved_minutes_take_nothing_back(world: World, as_persona: Persona) -> None:
    client = as_persona("insatsansvarig")
    meeting_pk, page, entry = _removed(world, client)
    Meeting.objects.filter(pk=meeting_pk).update(minutes_approved_on=datetime.date.today())
    assert client.get(page).status_code == 404
    text = client.post(page, {"entry": str(entry.pk)}, follow=True)
    assert text.status_code == 404
    assert not MeetingDecision.objects.exists()
