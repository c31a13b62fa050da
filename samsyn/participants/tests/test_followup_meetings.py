"""Follow-up meetings: the service's rules, the next-due date, the page for every persona."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.participants.models import FollowUpMeeting
from samsyn.participants.services.followups import follow_up_meeting_create
from samsyn.participants.tests.followup_setup import (
    ALL_PERSONAS,
    OUTSIDE,
    READ_ONLY,
    WRITERS,
    ended,
    registration_for,
)

TODAY = datetime.date(2026, 5, 20)
pytestmark = pytest.mark.django_db


def _create(world, registration, **kwargs):
    values = {
        "actor": world["coach"],
        "registration_id": registration.pk,
        "held_on": datetime.date(2026, 5, 18),
        "today": TODAY,
    }
    values.update(kwargs)
    return follow_up_meeting_create(**values)


def test_next_due_defaults_to_the_interventions_interval(world):
    world.intervention.follow_up_interval_weeks = 6
    world.intervention.save()
    registration = registration_for(world)
    meeting = _create(world, registration, participants_present="Deltagaren, Coach")
    assert meeting.next_due == datetime.date(2026, 6, 29)
    registration.refresh_from_db()
    assert registration.next_follow_up_due == datetime.date(2026, 6, 29)
    assert meeting.recorded_by == world["coach"]


def test_next_due_can_be_chosen(world):
    registration = registration_for(world)
    _create(world, registration, next_due=datetime.date(2026, 6, 1))
    registration.refresh_from_db()
    assert registration.next_follow_up_due == datetime.date(2026, 6, 1)


def test_registering_an_older_meeting_keeps_the_latest_plan(world):
    registration = registration_for(world)
    _create(world, registration, held_on=datetime.date(2026, 5, 1))
    _create(world, registration, held_on=datetime.date(2026, 3, 1))
    registration.refresh_from_db()
    assert registration.next_follow_up_due == datetime.date(2026, 6, 26)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"held_on": datetime.date(2026, 5, 21)}, "held_on"),
        ({"held_on": datetime.date(2026, 1, 31)}, "held_on"),
        ({"next_due": datetime.date(2026, 5, 18)}, "next_due"),
        ({"participants_present": "x" * 201}, "participants_present"),
    ],
)
def test_bad_meetings_are_refused_and_change_nothing(world, kwargs, field):
    registration = registration_for(world)
    with pytest.raises(ValidationError) as caught:
        _create(world, registration, **kwargs)
    assert field in caught.value.error_dict
    assert not FollowUpMeeting.objects.exists()
    registration.refresh_from_db()
    assert registration.next_follow_up_due is None


def test_ended_registration_refuses_meetings(world):
    registration = ended(registration_for(world), datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError, match="avslutad"):
        _create(world, registration)
    assert not FollowUpMeeting.objects.exists()


def test_handlaggare_may_not_write_and_others_get_404(world):
    registration = registration_for(world)
    with pytest.raises(PermissionDenied):
        _create(world, registration, actor=world["handlaggare"])
    for name in OUTSIDE:
        with pytest.raises(Http404):
            _create(world, registration, actor=world[name])
    assert not FollowUpMeeting.objects.exists()


def test_note_is_encrypted_at_rest_and_the_write_audited(world):
    registration = registration_for(world)
    meeting = _create(world, registration, note="Mår bättre, vill prova praktik.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM participants_followupmeeting WHERE id = %s", [meeting.pk])
        raw = cursor.fetchone()[0]
    assert "praktik" not in raw
    assert FollowUpMeeting.objects.get().note == "Mår bättre, vill prova praktik."
    event = AuditEvent.objects.get(action="create", object_id=str(meeting.pk))
    assert event.participant_ref == registration.person.pseudonym
    assert event.actor == world["coach"]


# --- the page ---------------------------------------------------------------------------


def _url(registration):
    return reverse("participants:followup_create", args=[registration.pk])


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_form_page_permissions(world, as_persona, persona):
    registration = registration_for(world)
    response = as_persona(persona).get(_url(registration))
    expected = 200 if persona in WRITERS else 403 if persona in READ_ONLY else 404
    assert response.status_code == expected
    if persona in READ_ONLY:
        assert "inte ändra" in response.content.decode()


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_post_permissions(world, as_persona, persona):
    registration = registration_for(world)
    data = {"held_on": "2026-05-18", "present": ["Deltagaren", "Coach"], "note": "Bra möte"}
    response = as_persona(persona).post(_url(registration), data)
    if persona in WRITERS:
        assert response.status_code == 302
        assert response["Location"].startswith(
            reverse("participants:registration_detail", args=[registration.pk])
        )
        meeting = FollowUpMeeting.objects.get()
        assert meeting.participants_present == "Deltagaren, Coach"
    else:
        assert response.status_code == (403 if persona in READ_ONLY else 404)
        assert not FollowUpMeeting.objects.exists()


def test_htmx_get_returns_the_form_only_and_post_answers_hx_redirect(world, as_persona):
    registration = registration_for(world)
    client = as_persona("coach")
    fragment = client.get(_url(registration), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<form" in html and "<html" not in html
    response = client.post(
        _url(registration),
        {"held_on": "2026-05-18", "present_other": "Tolk"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    page = reverse("participants:registration_detail", args=[registration.pk])
    assert response["HX-Redirect"] == page
    assert FollowUpMeeting.objects.get().participants_present == "Tolk"


def test_bad_input_shows_a_swedish_message(world, as_persona):
    registration = registration_for(world)
    response = as_persona("coach").post(_url(registration), {"held_on": "2099-01-01"})
    assert response.status_code == 200
    assert "framtiden" in response.content.decode()
    assert not FollowUpMeeting.objects.exists()
    response = as_persona("coach").post(_url(registration), {"held_on": "inte ett datum"})
    assert response.status_code == 200
    assert not FollowUpMeeting.objects.exists()


def test_ended_registration_page_is_refused(world, as_persona):
    registration = ended(registration_for(world), datetime.date(2026, 5, 1))
    response = as_persona("coach").get(_url(registration))
    assert response.status_code == 409
    assert "avslutad" in response.content.decode()


def test_handlaggare_after_consent_withdrawal_gets_404(world, as_persona):
    registration = registration_for(world)
    registration.consent.withdrawn_on = datetime.date(2026, 3, 1)
    registration.consent.save()
    assert as_persona("handlaggare").get(_url(registration)).status_code == 404


def test_coach_without_the_person_in_caseload_gets_404(world, as_persona):
    registration = registration_for(world, coach=None)
    assert as_persona("coach").get(_url(registration)).status_code == 404
    world.intervention.coaches_share_caseload = True
    world.intervention.save()
    assert as_persona("coach").get(_url(registration)).status_code == 200
