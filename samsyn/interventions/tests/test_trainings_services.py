"""The training services: validation, audit, stale edits, who may manage."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import STALE_EDIT_MESSAGE, StaleEditError
from samsyn.interventions.models import Training, TrainingAttendance
from samsyn.interventions.services.trainings import (
    TrainingFields,
    attendance_add,
    attendance_remove,
    attendance_update,
    training_create,
    training_delete,
    training_update,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def fields(**changes: Any) -> TrainingFields:
    values = {"title": "IPS grundkurs", "held_on": D(2025, 3, 1), "provider": "IPS-centrum"}
    return TrainingFields(**{**values, **changes})


@pytest.fixture
def held(world: Any) -> Training:
    return training_create(actor=world["admin"], intervention=world.intervention, fields=fields())


def events() -> list[tuple[str, str]]:
    rows = AuditEvent.objects.filter(object_type="interventions.Training").order_by("id")
    return [(event.action, event.role) for event in rows]


def test_create_update_delete_are_audited(world: Any) -> None:
    training = training_create(
        actor=world["insatsansvarig"],
        intervention=world.intervention,
        fields=fields(title="  Chefsutbildning  ", description=" Om IPS "),
    )
    assert (training.title, training.description, training.version) == (
        "Chefsutbildning",
        "Om IPS",
        1,
    )
    training_update(
        actor=world["admin"],
        training=training,
        fields=fields(title="Chefsdag"),
        expected_version=1,
    )
    training.refresh_from_db()
    assert (training.title, training.version) == ("Chefsdag", 2)
    training_delete(actor=world["admin"], training=training, expected_version=2)
    assert not Training.objects.exists()
    assert events() == [
        ("create", "insatsansvarig"),
        ("update", "forbundsadministrator"),
        ("delete", "forbundsadministrator"),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "Ange en rubrik."),
        ({"title": "x" * 201}, "title", "Rubriken får vara högst 200 tecken."),
        ({"held_on": None}, "held_on", "Ange datum för utbildningen."),
        ({"held_on": D(1999, 12, 31)}, "held_on", "Datumet är orimligt tidigt; skriv ÅÅÅÅ-MM-DD."),
        ({"provider": "p" * 201}, "provider", "Utbildarens namn får vara högst 200 tecken."),
    ],
)
def test_bad_training_is_refused(world: Any, changes: dict, field: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        training_create(
            actor=world["admin"], intervention=world.intervention, fields=fields(**changes)
        )
    assert raised.value.message_dict[field] == [message]
    assert not Training.objects.exists()
    assert events() == []


def test_stale_edit_and_delete_change_nothing(world: Any, held: Training) -> None:
    training_update(
        actor=world["admin"], training=held, fields=fields(title="Ny"), expected_version=1
    )
    stale = Training.objects.get(pk=held.pk)
    with pytest.raises(StaleEditError) as raised:
        training_update(
            actor=world["admin"], training=stale, fields=fields(title="Gammal"), expected_version=1
        )
    assert raised.value.messages == [str(STALE_EDIT_MESSAGE)]
    with pytest.raises(StaleEditError):
        training_delete(actor=world["admin"], training=stale, expected_version=1)
    held.refresh_from_db()
    assert (held.title, held.version) == ("Ny", 2)


def test_attendance_rows_bump_the_training_version(world: Any, held: Training) -> None:
    row = attendance_add(
        actor=world["admin"],
        training=held,
        party=world.kommun,
        role="coach",
        attendees=2,
        expected_version=1,
    )
    attendance_update(actor=world["admin"], row=row, attendees=3, expected_version=2)
    row.refresh_from_db()
    held.refresh_from_db()
    assert (row.attendees, held.version) == (3, 3)
    with pytest.raises(StaleEditError):
        attendance_update(actor=world["admin"], row=row, attendees=9, expected_version=2)
    with pytest.raises(StaleEditError):
        attendance_remove(actor=world["admin"], row=row, expected_version=1)
    attendance_remove(actor=world["admin"], row=row, expected_version=3)
    assert not TrainingAttendance.objects.exists()
    assert [action for action, _role in events()] == ["create", "update", "update", "update"]


@pytest.mark.parametrize(
    ("party", "role", "attendees", "field", "message"),
    [
        ("other_party", "coach", 1, "party", "Välj en av förbundets parter."),
        (None, "coach", 1, "party", "Välj en av förbundets parter."),
        ("kommun", "vd", 1, "role", "Välj en yrkesroll i listan."),
        ("kommun", "coach", 0, "attendees", "Antalet deltagare ska vara mellan 1 och 9999."),
        ("kommun", "coach", None, "attendees", "Ange antal deltagare."),
        ("kommun", "chef", 2, "role", "Parten har redan en rad för den yrkesrollen."),
    ],
)
def test_bad_attendance_is_refused(
    world: Any,
    held: Training,
    party: str | None,
    role: str,
    attendees: Any,
    field: str,
    message: str,
) -> None:
    TrainingAttendance.objects.create(training=held, party=world.kommun, role="chef", attendees=1)
    with pytest.raises(ValidationError) as raised:
        attendance_add(
            actor=world["admin"],
            training=held,
            party=getattr(world, party) if party else None,
            role=role,
            attendees=attendees,
            expected_version=1,
        )
    assert raised.value.message_dict[field][0].startswith(message)
    held.refresh_from_db()
    assert (TrainingAttendance.objects.count(), held.version) == (1, 1)


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider"])
def test_others_cannot_manage(world: Any, held: Training, persona: str) -> None:
    actor = world[persona]
    with pytest.raises(Http404):
        training_create(actor=actor, intervention=world.intervention, fields=fields())
    with pytest.raises(Http404):
        training_update(actor=actor, training=held, fields=fields(title="X"), expected_version=1)
    with pytest.raises(Http404):
        attendance_add(
            actor=actor,
            training=held,
            party=world.kommun,
            role="coach",
            attendees=1,
            expected_version=1,
        )
    with pytest.raises(Http404):
        training_delete(actor=actor, training=held, expected_version=1)
    assert Training.objects.get().title == "IPS grundkurs"
