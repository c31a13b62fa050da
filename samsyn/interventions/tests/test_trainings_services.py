"""The training services: validation, audit, stale edits, who may manage."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import STALE_EDIT_MESSAGE, StaleEditError
from samsyn.interventions.models import Training, TrainingAttendance, TrainingAttendee
from samsyn.interventions.services.trainings import (
    AttendeeFields,
    TrainingFields,
    attendance_add,
    attendance_remove,
    attendee_rename,
    training_create,
    training_delete,
    training_update,
)
from samsyn.interventions.tests.training_setup import attend
from samsyn.interventions.tests.training_setup import person as make_person

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


def new_person(world: Any, name: str = "Karin Lind", role: str = "chef", party: str = "kommun"):
    return AttendeeFields(name=name, party=getattr(world, party), role=role)


def test_attendance_rows_bump_the_training_version(world: Any, held: Training) -> None:
    row = attendance_add(
        actor=world["admin"], training=held, fields=new_person(world), expected_version=1
    )
    held.refresh_from_db()
    assert (row.attendee.name, row.attendee.role, held.version) == ("Karin Lind", "chef", 2)
    with pytest.raises(StaleEditError):
        attendance_remove(actor=world["admin"], row=row, expected_version=1)
    attendance_remove(actor=world["admin"], row=row, expected_version=2)
    assert not TrainingAttendance.objects.exists()
    # Nobody left who attended anything: the person goes too.
    assert not TrainingAttendee.objects.exists()
    assert [action for action, _role in events()] == ["create", "update", "update"]


def test_the_same_person_in_two_trainings_is_one_person(world: Any, held: Training) -> None:
    """Seed 000 counts people trained; the name is compared without case and extra spaces
    within the same party, so a second training adds an attendance, not a person."""
    second = training_create(
        actor=world["admin"], intervention=world.intervention, fields=fields(title="Uppföljning")
    )
    first = attendance_add(
        actor=world["admin"], training=held, fields=new_person(world), expected_version=1
    )
    again = attendance_add(
        actor=world["admin"],
        training=second,
        fields=new_person(world, name="  karin   LIND "),
        expected_version=1,
    )
    picked = attendance_add(
        actor=world["admin"],
        training=training_create(
            actor=world["admin"], intervention=world.intervention, fields=fields(title="Tredje")
        ),
        fields=AttendeeFields(attendee=first.attendee),
        expected_version=1,
    )
    assert first.attendee == again.attendee == picked.attendee
    assert TrainingAttendee.objects.count() == 1
    assert TrainingAttendance.objects.count() == 3
    # Another party's Karin Lind is another person.
    other = attendance_add(
        actor=world["admin"],
        training=held,
        fields=new_person(world, party="fk"),
        expected_version=2,
    )
    assert other.attendee != first.attendee
    # Removing one training's attendance keeps the person who attended others.
    attendance_remove(actor=world["admin"], row=first, expected_version=3)
    assert TrainingAttendee.objects.filter(pk=first.attendee.pk).exists()


@pytest.mark.parametrize(
    ("person", "field", "message"),
    [
        ({"party": "other_party"}, "party", "Välj en av förbundets parter."),
        ({"party": None}, "party", "Välj en av förbundets parter."),
        ({"role": "vd"}, "role", "Välj en yrkesroll i listan."),
        ({"name": "  "}, "name", "Ange personens namn, eller välj en tidigare deltagare."),
        ({"name": "n" * 201}, "name", "Namnet får vara högst 200 tecken."),
        ({"role": "coach"}, "role", "Karin Lind hos Testby kommun är redan registrerad som chef."),
        ({}, "name", "Karin Lind finns redan på utbildningen."),
    ],
)
def test_bad_attendance_is_refused(
    world: Any, held: Training, person: dict[str, Any], field: str, message: str
) -> None:
    TrainingAttendance.objects.create(
        training=held, attendee=make_person(held, world.kommun, "chef", "Karin Lind")
    )
    values = {"name": "Karin Lind", "party": world.kommun, "role": "chef"}
    for key, value in person.items():
        values[key] = getattr(world, value) if key == "party" and value else value
    with pytest.raises(ValidationError) as raised:
        attendance_add(
            actor=world["admin"],
            training=held,
            fields=AttendeeFields(**values),
            expected_version=1,
        )
    assert raised.value.message_dict[field][0].startswith(message)
    held.refresh_from_db()
    assert (TrainingAttendance.objects.count(), TrainingAttendee.objects.count()) == (1, 1)
    assert held.version == 1


def test_a_person_of_another_intervention_is_refused(world: Any, held: Training) -> None:
    other = Training.objects.create(
        intervention=world.other_intervention, title="Annan", held_on=D(2025, 3, 1)
    )
    stranger = make_person(other, world.other_party, "chef", "Okänd")
    with pytest.raises(ValidationError) as raised:
        attendance_add(
            actor=world["admin"],
            training=held,
            fields=AttendeeFields(attendee=stranger),
            expected_version=1,
        )
    assert raised.value.message_dict["attendee"] == ["Välj en person i listan."]


def test_rename_a_person(world: Any, held: Training) -> None:
    (row,) = attend(held, world.kommun, "chef", 1)
    make_person(held, world.kommun, "chef", "Karin Lind")
    renamed = attendee_rename(
        actor=world["insatsansvarig"], attendee=row.attendee, name=" Per  Holm "
    )
    assert (renamed.name, renamed.name_key) == ("Per Holm", "per holm")
    with pytest.raises(ValidationError) as raised:
        attendee_rename(actor=world["admin"], attendee=row.attendee, name="KARIN LIND")
    assert raised.value.message_dict["name"] == ["Parten har redan en person med det namnet."]
    with pytest.raises(ValidationError):
        attendee_rename(actor=world["admin"], attendee=row.attendee, name=" ")
    for persona in ("coach", "styrgrupp", "handlaggare", "outsider"):
        with pytest.raises(Http404):
            attendee_rename(actor=world[persona], attendee=row.attendee, name="X")
    row.attendee.refresh_from_db()
    assert row.attendee.name == "Per Holm"
    audited = AuditEvent.objects.filter(object_type="interventions.TrainingAttendee")
    assert [(e.action, e.role) for e in audited] == [("update", "insatsansvarig")]


@pytest.mark.parametrize("persona", ["coach", "handlaggare", "styrgrupp", "granskare", "outsider"])
def test_others_cannot_manage(world: Any, held: Training, persona: str) -> None:
    actor = world[persona]
    with pytest.raises(Http404):
        training_create(actor=actor, intervention=world.intervention, fields=fields())
    with pytest.raises(Http404):
        training_update(actor=actor, training=held, fields=fields(title="X"), expected_version=1)
    with pytest.raises(Http404):
        attendance_add(actor=actor, training=held, fields=new_person(world), expected_version=1)
    with pytest.raises(Http404):
        training_delete(actor=actor, training=held, expected_version=1)
    assert Training.objects.get().title == "IPS grundkurs"


def test_deleting_a_training_keeps_people_who_attended_another(world: Any, held: Training) -> None:
    other = training_create(
        actor=world["admin"], intervention=world.intervention, fields=fields(title="Uppföljning")
    )
    attend(held, world.kommun, "chef", 3)  # chef 1–3
    attend(other, world.kommun, "chef", 2, first=3)  # chef 3–4
    training_delete(actor=world["admin"], training=held, expected_version=1)
    names = sorted(TrainingAttendee.objects.values_list("name", flat=True))
    assert names == ["chef 3", "chef 4"]
