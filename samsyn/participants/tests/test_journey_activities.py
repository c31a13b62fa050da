"""Phase changes and activities: forms, services, bad input, permissions per persona."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import Phase
from samsyn.participants.models import Activity, PhaseChange, Registration
from samsyn.participants.services import phases as phase_services
from samsyn.participants.services.activities import activity_create
from samsyn.participants.tests.journey_setup import (
    ALL_PERSONAS,
    WRITERS,
    Journey,
    htmx,
    journey_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def expected_status(persona: str, ok: int) -> int:
    return ok if persona in WRITERS else 403 if persona == "handlaggare" else 404


# --- Phases -----------------------------------------------------------------------------------


def phase_url(journey: Journey) -> str:
    return reverse("participants:phase_change", args=[journey.registration.pk])


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_phase_form_permissions(as_persona, journey, persona):
    assert as_persona(persona).get(phase_url(journey)).status_code == expected_status(persona, 200)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_phase_change_permissions(as_persona, journey, persona):
    data = {"phase": journey.phases[1].pk, "entered_on": "2026-03-01"}
    response = as_persona(persona).post(phase_url(journey), data)
    assert response.status_code == expected_status(persona, 302)
    assert PhaseChange.objects.exists() is (persona in WRITERS)


def test_phase_history_is_kept_and_current_phase_follows_the_latest(as_persona, journey, world):
    client = as_persona("coach")
    first, second, third = journey.phases[0], journey.phases[1], journey.phases[2]
    client.post(phase_url(journey), {"phase": first.pk, "entered_on": "2026-02-02"})
    client.post(phase_url(journey), {"phase": third.pk, "entered_on": "2026-04-01"})
    # Back-dated: kept in the history, but the current phase stays the latest by date.
    response = client.post(
        phase_url(journey), {"phase": second.pk, "entered_on": "2026-03-01"}, headers=htmx()
    )
    assert response.status_code == 204
    registration = Registration.objects.get(pk=journey.registration.pk)
    assert registration.current_phase == third
    history = list(
        PhaseChange.objects.filter(registration=registration).values_list("phase__name", flat=True)
    )
    assert history == ["Kartläggning", "Aktivitet", "Prövning"]
    assert registration.version == 1  # a phase change is not an edit of the registration
    assert AuditEvent.objects.filter(detail="Fasbyte: Prövning", action="create").exists()
    # Going back to an earlier phase on a later date is allowed.
    client.post(phase_url(journey), {"phase": first.pk, "entered_on": "2026-05-01"})
    registration.refresh_from_db()
    assert registration.current_phase == first


def test_phase_of_another_intervention_is_refused(journey, world):
    other = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    foreign = Phase.objects.create(intervention=other, name="Främmande", order=1)
    with pytest.raises(ValidationError):
        phase_services.phase_change_create(
            actor=world["coach"],
            registration=journey.registration,
            phase=foreign,
            entered_on=datetime.date(2026, 3, 1),
        )
    assert not PhaseChange.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"entered_on": "2026-03-01"}, "Välj en fas"),
        ({"phase": "999999", "entered_on": "2026-03-01"}, "insatsens faser"),
        ({"phase": "FIRST", "entered_on": "igår"}, "ÅÅÅÅ-MM-DD"),
        ({"phase": "FIRST", "entered_on": "2099-01-01"}, "framtiden"),
        ({"phase": "FIRST", "entered_on": "2026-01-01"}, "före inskrivningen"),
    ],
)
def test_bad_phase_input(as_persona, journey, data, message):
    if data.get("phase") == "FIRST":
        data = {**data, "phase": str(journey.phases[0].pk)}
    response = as_persona("coach").post(phase_url(journey), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PhaseChange.objects.exists()


def test_no_phase_change_after_exit(journey, world):
    Registration.objects.filter(pk=journey.registration.pk).update(
        end_date=datetime.date(2026, 6, 30), exit_reason="fullfoljt"
    )
    journey.registration.refresh_from_db()
    with pytest.raises(ValidationError, match="efter avslutet"):
        phase_services.phase_change_create(
            actor=world["coach"],
            registration=journey.registration,
            phase=journey.phases[1],
            entered_on=datetime.date(2026, 7, 1),
        )


# --- Activities -------------------------------------------------------------------------------


def activity_url(journey: Journey) -> str:
    return reverse("participants:activity_create", args=[journey.registration.pk])


def activity_data(journey: Journey, **overrides: str) -> dict[str, str]:
    data = {
        "activity_type": str(journey.activity_types[0].pk),
        "held_on": "2026-03-10",
        "hours": "1,5",
        "provider": "Kommunens arbetsmarknadsenhet",
        "note": "Gick bra, vill fortsätta.",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_activity_form_permissions(as_persona, journey, persona):
    response = as_persona(persona).get(activity_url(journey))
    assert response.status_code == expected_status(persona, 200)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_activity_create_permissions(as_persona, journey, persona):
    response = as_persona(persona).post(activity_url(journey), activity_data(journey))
    assert response.status_code == expected_status(persona, 302)
    assert Activity.objects.exists() is (persona in WRITERS)


def test_activity_is_stored_with_encrypted_note_and_audited(as_persona, journey, world):
    response = as_persona("coach").post(activity_url(journey), activity_data(journey))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.hours == Decimal("1.5")
    assert activity.activity_type == journey.activity_types[0]
    assert activity.recorded_by == world["coach"]
    assert activity.note == "Gick bra, vill fortsätta."
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM participants_activity WHERE id = %s", [activity.pk])
        assert "fortsätta" not in cursor.fetchone()[0]
    event = AuditEvent.objects.get(action="create", object_type="participants.Activity")
    assert event.detail == "Aktivitet: Motiverande samtal"
    assert event.participant_ref == journey.registration.person.pseudonym


def test_activity_form_offers_only_active_types_of_the_forbund(as_persona, journey):
    page = as_persona("coach").get(activity_url(journey)).content.decode()
    assert "Motiverande samtal" in page and "Praktik" in page
    assert "Gammal" not in page and "Främmande" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hours": "25"}, "mellan 0 och 24"),
        ({"hours": "-1"}, "mellan 0 och 24"),
        ({"hours": "många"}, "som ett tal"),
        ({"hours": ""}, "Ange antal timmar"),
        ({"held_on": "2099-01-01"}, "framtiden"),
        ({"held_on": "2026-01-01"}, "före inskrivningen"),
        ({"activity_type": "INACTIVE"}, "aktivitetstyper"),
        ({"activity_type": "FOREIGN"}, "aktivitetstyper"),
        ({"activity_type": ""}, "Välj en aktivitet"),
    ],
)
def test_bad_activity_input(as_persona, journey, overrides, message):
    if overrides.get("activity_type") == "INACTIVE":
        overrides = {"activity_type": str(journey.inactive_type.pk)}
    if overrides.get("activity_type") == "FOREIGN":
        overrides = {"activity_type": str(journey.foreign_type.pk)}
    response = as_persona("coach").post(activity_url(journey), activity_data(journey, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_activity_service_refuses_inactive_type(journey, world):
    with pytest.raises(ValidationError):
        activity_create(
            actor=world["coach"],
            registration=journey.registration,
            activity_type=journey.inactive_type,
            held_on=datetime.date(2026, 3, 1),
            hours=Decimal(1),
        )


def test_invalid_htmx_post_returns_the_fragment_with_errors(as_persona, journey):
    response = as_persona("coach").post(
        activity_url(journey), activity_data(journey, hours="30"), headers=htmx()
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "error-summary" in body
