"""Test helpers for trainings: named people attending a training (each person once per
intervention, identified by party and name)."""

from __future__ import annotations

from samsyn.core.models import Party
from samsyn.interventions.models import (
    Training,
    TrainingAttendance,
    TrainingAttendee,
    attendee_key,
)


def person(training: Training, party: Party, role: str, name: str) -> TrainingAttendee:
    """The intervention's person of that party and name, made when missing."""
    found, _created = TrainingAttendee.objects.get_or_create(
        intervention=training.intervention,
        party=party,
        name_key=attendee_key(name),
        defaults={"name": name, "role": role},
    )
    return found


def attend(
    training: Training, party: Party, role: str, number: int, *, first: int = 1
) -> list[TrainingAttendance]:
    """``number`` people of ``party`` in ``role`` attend, named "<role> <n>" from ``first``
    on: the same numbers in two trainings are the same people."""
    return [
        TrainingAttendance.objects.create(
            training=training, attendee=person(training, party, role, f"{role} {n}")
        )
        for n in range(first, first + number)
    ]
