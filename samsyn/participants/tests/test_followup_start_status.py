"""After a job start: still held on a day (a check) or ended, also after the registration's
exit (services/starts.py; the IPS 13-week retention reads both, docs/ips-outcomes.md)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.participants.models import WorkStart
from samsyn.participants.services.starts import work_start_confirm_held, work_start_end
from samsyn.participants.tests.api_setup import as_api_fixture, field_errors
from samsyn.participants.tests.followup_setup import (
    ALL_PERSONAS,
    READ_ONLY,
    WRITERS,
    ended,
    registration_for,
)

__all__ = ["as_api_fixture"]
pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 12, 1)


def _job(registration):
    return WorkStart.objects.create(
        registration=registration,
        kind="arbete",
        form="osubventionerad",
        start_date=D(2026, 3, 1),
        competitive=True,
    )


def _confirm(world, start, day, actor="coach"):
    return work_start_confirm_held(
        actor=world[actor],
        registration_id=start.registration_id,
        work_start_id=start.pk,
        held_on=day,
        today=TODAY,
    )


def test_a_check_after_exit_keeps_the_latest_day_and_is_audited(world):
    registration = registration_for(world)
    start = _job(registration)
    ended(registration, D(2026, 4, 1))  # refused before: the registration has ended
    _confirm(world, start, D(2026, 7, 1))
    _confirm(world, start, D(2026, 6, 1))  # an earlier check does not move it back
    start.refresh_from_db()
    assert start.held_confirmed_on == D(2026, 7, 1)
    assert AuditEvent.objects.filter(action="update", object_id=str(start.pk)).count() == 2


def test_the_end_is_recordable_after_exit(world):
    registration = registration_for(world)
    start = _job(registration)
    ended(registration, D(2026, 4, 1))
    work_start_end(
        actor=world["coach"],
        registration_id=registration.pk,
        work_start_id=start.pk,
        end_date=D(2026, 9, 30),
    )
    start.refresh_from_db()
    assert start.end_date == D(2026, 9, 30)


@pytest.mark.parametrize(
    ("day", "end"),
    [(D(2026, 2, 28), None), (D(2026, 12, 2), None), (D(2026, 6, 2), D(2026, 6, 1))],
)
def test_bad_checks_are_refused(world, day, end):
    start = _job(registration_for(world))
    start.end_date = end
    start.save()
    with pytest.raises(ValidationError) as caught:
        _confirm(world, start, day)
    assert "held_on" in caught.value.error_dict
    start.refresh_from_db()
    assert start.held_confirmed_on is None


def test_an_end_before_a_check_or_the_start_is_refused(world):
    start = _job(registration_for(world))
    _confirm(world, start, D(2026, 6, 1))
    for day in (D(2026, 5, 31), D(2026, 2, 1)):
        with pytest.raises(ValidationError):
            work_start_end(
                actor=world["coach"],
                registration_id=start.registration_id,
                work_start_id=start.pk,
                end_date=day,
            )
    start.refresh_from_db()
    assert start.end_date is None


def test_read_only_and_other_registrations_are_refused(world):
    start = _job(registration_for(world))
    with pytest.raises(PermissionDenied):
        _confirm(world, start, D(2026, 6, 1), actor="handlaggare")
    other = registration_for(world)
    with pytest.raises(Http404):
        work_start_confirm_held(
            actor=world["coach"],
            registration_id=other.pk,
            work_start_id=start.pk,
            held_on=D(2026, 6, 1),
        )


def _url(start):
    return reverse("participants:workstart_status", args=[start.registration_id, start.pk])


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_page_permissions_after_exit(world, as_persona, persona):
    registration = registration_for(world)
    start = _job(registration)
    ended(registration, D(2026, 4, 1))
    client = as_persona(persona)
    expected = 200 if persona in WRITERS else 403 if persona in READ_ONLY else 404
    assert client.get(_url(start)).status_code == expected
    response = client.post(_url(start), {"held_on": "2026-07-01", "end_date": "2026-08-31"})
    assert response.status_code == (302 if persona in WRITERS else expected)
    start.refresh_from_db()
    changed = (start.held_confirmed_on, start.end_date) == (D(2026, 7, 1), D(2026, 8, 31))
    assert changed == (persona in WRITERS)


def test_page_refuses_an_empty_form_and_a_check_after_the_end_in_swedish(world, as_persona):
    start = _job(registration_for(world))
    client = as_persona("coach")
    response = client.post(_url(start), {})
    assert "Ange ett datum då deltagaren var kvar" in response.content.decode()
    response = client.post(_url(start), {"held_on": "2026-07-01", "end_date": "2026-06-30"})
    assert response.status_code == 200
    assert "kan inte vara kvar efter det" in response.content.decode()
    start.refresh_from_db()
    assert (start.held_confirmed_on, start.end_date) == (None, None)  # nothing half-saved


def test_participant_page_links_to_the_form(world, as_persona):
    start = _job(registration_for(world))
    url = reverse("participants:registration_detail", args=[start.registration_id])
    assert _url(start) in as_persona("coach").get(url).content.decode()
    assert _url(start) not in as_persona("handlaggare").get(url).content.decode()


def _api_path(start):
    return f"/registrations/{start.registration_id}/starts/{start.pk}/status"


@pytest.mark.parametrize("persona", [p for p in ALL_PERSONAS if p != "nobody"])  # no token
def test_api_permissions_after_exit(world, as_api, persona):
    registration = registration_for(world)
    start = _job(registration)
    ended(registration, D(2026, 4, 1))
    response = as_api(persona).post(_api_path(start), {"held_on": "2026-07-01"})
    expected = 200 if persona in WRITERS else 403 if persona in READ_ONLY else 404
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["held_confirmed_on"] == "2026-07-01"


def test_api_needs_a_date(world, as_api):
    start = _job(registration_for(world))
    assert "held_on" in field_errors(as_api("coach").post(_api_path(start), {}))
    response = as_api("coach").post(_api_path(start), {"end_date": "2026-01-01"})
    assert "end_date" in field_errors(response)


def test_the_follow_up_after_exit_asks_about_each_job(world, as_persona):
    registration = registration_for(world)
    start = _job(registration)
    ended(registration, D(2026, 4, 1))
    follow_up = registration.post_exit_follow_ups.get(months_after=6)
    url = reverse("participants:post_exit_record", args=[registration.pk, follow_up.pk])
    body = as_persona("coach").get(url).content.decode()
    assert _url(start) in body and "kvar eller slutat?" in body
