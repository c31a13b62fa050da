"""Turn the attendance counts (party × role × number) into people.

The counts never said who came back to a second training, so the fewest people consistent
with them is assumed: per intervention, party and role, as many people as the largest count
of any one training ("Namnlös chef 1", …, to be renamed), and a training with the count n
is attended by the first n of them. Counts summed over trainings are what this issue calls
wrong (seed 000 counts people trained, not attendances); the fewest people never claims a
goal reached that the old counts could not prove.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations

ROLE_NAMES = {
    "coach": "coach",
    "chef": "chef",
    "handlaggare": "handläggare",
    "annan": "i annan yrkesroll",
}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def counts_to_people(apps: Any, schema_editor: Any) -> None:
    attendance_model = apps.get_model("interventions", "TrainingAttendance")
    attendee_model = apps.get_model("interventions", "TrainingAttendee")
    rows = list(
        attendance_model.objects.select_related("training")
        .order_by("training__intervention_id", "party_id", "role", "id")
        .only("id", "training_id", "party_id", "role", "attendees", "training__intervention_id")
    )
    largest: dict[tuple[int, int, str], int] = defaultdict(int)
    for row in rows:
        group = (row.training.intervention_id, row.party_id, row.role)
        largest[group] = max(largest[group], row.attendees)
    people: dict[tuple[int, int, str], list[Any]] = {}
    for (intervention_id, party_id, role), number in largest.items():
        people[(intervention_id, party_id, role)] = [
            attendee_model.objects.create(
                intervention_id=intervention_id,
                party_id=party_id,
                role=role,
                name=(name := f"Namnlös {ROLE_NAMES.get(role, role)} {n}"),
                name_key=_key(name),
            )
            for n in range(1, number + 1)
        ]
    for row in rows:
        group = people[(row.training.intervention_id, row.party_id, row.role)]
        row.attendee = group[0]
        row.save(update_fields=["attendee"])
        attendance_model.objects.bulk_create(
            attendance_model(
                training_id=row.training_id,
                party_id=row.party_id,
                role=row.role,
                attendees=1,
                attendee=person,
            )
            for person in group[1 : row.attendees]
        )


class Migration(migrations.Migration):
    dependencies = [("interventions", "0005_training_attendees_and_evidence")]

    operations = [migrations.RunPython(counts_to_people, migrations.RunPython.noop)]
