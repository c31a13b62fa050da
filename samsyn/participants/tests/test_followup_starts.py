"""Job and study starts: forms fit the kind, dates and hours are sane, every persona."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.participants.models import WorkStart
from samsyn.participants.services.starts import work_start_create
from samsyn.participants.tests.followup_setup import (
    ALL_PERSONAS,
    READ_ONLY,
    WRITERS,
    ended,
    registration_for,
)

pytestmark = pytest.mark.django_db


def _create(world, registration, **kwargs):
    values = {
        "actor": world["coach"],
        "registration_id": registration.pk,
        "kind": "arbete",
        "form": "osubventionerad",
        "employer": "Bageriet AB",
        "start_date": datetime.date(2026, 4, 1),
        "hours_per_week": Decimal("20"),
        "competitive": True,
    }
    values.update(kwargs)
    return work_start_create(**values)


def test_a_competitive_job_is_recorded_and_audited(world):
    registration = registration_for(world)
    start = _create(world, registration)
    assert (start.kind, start.form, start.competitive) == ("arbete", "osubventionerad", True)
    assert start.hours_per_week == Decimal("20")
    assert AuditEvent.objects.filter(action="create", object_id=str(start.pk)).exists()


def test_studies_are_recorded(world):
    registration = registration_for(world)
    start = _create(
        world,
        registration,
        kind="studier",
        form="komvux",
        employer="Komvux Testby",
        competitive=False,
        end_date=datetime.date(2026, 12, 20),
    )
    assert start.form == "komvux"
    assert start.end_date == datetime.date(2026, 12, 20)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "arbete", "form": "komvux"}, "form"),
        ({"kind": "studier", "form": "nystartsjobb", "competitive": False}, "form"),
        ({"kind": "studier", "form": "komvux", "competitive": True}, "competitive"),
        ({"kind": "semester"}, "kind"),
        ({"end_date": datetime.date(2026, 3, 31)}, "end_date"),
        ({"start_date": datetime.date(2026, 1, 1)}, "start_date"),
        ({"hours_per_week": Decimal("80.5")}, "hours_per_week"),
        ({"hours_per_week": Decimal("-1")}, "hours_per_week"),
        ({"employer": "x" * 201}, "employer"),
    ],
)
def test_bad_starts_are_refused(world, kwargs, field):
    registration = registration_for(world)
    with pytest.raises(ValidationError) as caught:
        _create(world, registration, **kwargs)
    assert field in caught.value.error_dict
    assert not WorkStart.objects.exists()


def test_boundaries_are_allowed(world):
    registration = registration_for(world)
    _create(world, registration, hours_per_week=Decimal("80"), end_date=datetime.date(2026, 4, 1))
    _create(world, registration, hours_per_week=Decimal("0"), start_date=registration.start_date)
    assert WorkStart.objects.count() == 2


def test_ended_and_read_only_are_refused(world):
    registration = registration_for(world)
    with pytest.raises(PermissionDenied):
        _create(world, registration, actor=world["handlaggare"])
    ended(registration, datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError):
        _create(world, registration)
    assert not WorkStart.objects.exists()


def _url(registration):
    return reverse("participants:workstart_create", args=[registration.pk])


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_page_permissions(world, as_persona, persona):
    registration = registration_for(world)
    client = as_persona(persona)
    expected = 200 if persona in WRITERS else 403 if persona in READ_ONLY else 404
    assert client.get(_url(registration)).status_code == expected
    data = {
        "kind": "arbete",
        "form": "lonebidrag",
        "employer": "Verkstaden",
        "start_date": "2026-04-01",
        "hours_per_week": "30",
    }
    response = client.post(_url(registration), data)
    assert response.status_code == (302 if persona in WRITERS else expected)
    assert WorkStart.objects.exists() == (persona in WRITERS)


def test_page_shows_the_mismatch_in_swedish(world, as_persona):
    registration = registration_for(world)
    data = {"kind": "studier", "form": "nystartsjobb", "start_date": "2026-04-01"}
    response = as_persona("coach").post(_url(registration), data)
    assert response.status_code == 200
    assert "studieform" in response.content.decode()
    assert not WorkStart.objects.exists()
