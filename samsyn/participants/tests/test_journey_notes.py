"""Journal notes: encrypted at rest, written by staff, every listing logged."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.participants.models import JournalNote
from samsyn.participants.services.notes import journal_note_create
from samsyn.participants.tests.journey_setup import ALL_PERSONAS, WRITERS, Journey, journey_for

pytestmark = pytest.mark.django_db

SECRET = "Berättade om sin oro inför praktiken."


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def note_url(journey: Journey) -> str:
    return reverse("participants:note_create", args=[journey.registration.pk])


def page_url(journey: Journey) -> str:
    return reverse("participants:registration_detail", args=[journey.registration.pk])


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_note_permissions(as_persona, journey, persona):
    client = as_persona(persona)
    expected_get = 200 if persona in WRITERS else 403 if persona == "handlaggare" else 404
    assert client.get(note_url(journey)).status_code == expected_get
    response = client.post(note_url(journey), {"text": SECRET})
    assert response.status_code == (302 if persona in WRITERS else expected_get)
    assert JournalNote.objects.exists() is (persona in WRITERS)


def test_note_is_encrypted_at_rest_and_audited(as_persona, journey, world):
    as_persona("coach").post(note_url(journey), {"text": SECRET})
    note = JournalNote.objects.get()
    assert note.text == SECRET
    assert note.author == world["coach"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM participants_journalnote WHERE id = %s", [note.pk])
        assert "oro" not in cursor.fetchone()[0]
    assert AuditEvent.objects.filter(
        action="create", detail="Journalanteckning skriven", actor=world["coach"]
    ).exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 10001])
def test_empty_or_too_long_note_is_refused(as_persona, journey, text):
    response = as_persona("coach").post(note_url(journey), {"text": text})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not JournalNote.objects.exists()


@pytest.mark.parametrize("persona", WRITERS)
def test_listing_notes_writes_a_view_event_naming_them(as_persona, journey, world, persona):
    journal_note_create(actor=world["coach"], registration=journey.registration, text=SECRET)
    journal_note_create(actor=world["coach"], registration=journey.registration, text="Andra")
    page = as_persona(persona).get(page_url(journey)).content.decode()
    assert SECRET in page
    events = AuditEvent.objects.filter(action="view", detail__contains="journalanteckningar")
    notes = JournalNote.objects.filter(registration=journey.registration)
    # One event per note read, each naming the note (object type and id).
    assert sorted((e.object_type, e.object_id) for e in events) == sorted(
        ("participants.JournalNote", str(note.pk)) for note in notes
    )
    for event in events:
        assert event.actor == world[persona]
        assert event.detail == "Visade journalanteckningar (2 st)"
        assert event.participant_ref == journey.registration.person.pseudonym


def test_handlaggare_sees_the_page_but_not_the_notes(as_persona, journey, world):
    journal_note_create(actor=world["coach"], registration=journey.registration, text=SECRET)
    response = as_persona("handlaggare").get(page_url(journey))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert not AuditEvent.objects.filter(detail__contains="journalanteckningar").exists()
