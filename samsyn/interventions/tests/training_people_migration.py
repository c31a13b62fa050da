"""Run the migration of attendance counts into people, in a process of its own.

``python -m samsyn.interventions.tests.training_people_migration`` against an empty database
(from ``DATABASE_URL``): migrates to interventions 0004, writes attendance counts the way the
old code did, migrates forwards to the people and prints what it found as JSON. It runs
outside pytest because a schema change on SQLite cannot run inside the test's transaction
(test_training_people_migration.py starts it).
"""

from __future__ import annotations

import datetime
import json
import os

import django
from django.db.migrations.state import StateApps

FIRST = [("interventions", "0004_money_trainings_plan")]
LAST = [("interventions", "0007_training_attendance_per_person")]
# (training, party, role, attendees): the introduction and a follow-up of one intervention,
# and a training of another intervention with the same party and role.
OLD_ROWS = [
    ("Introduktion", "Kommunen", "chef", 5),
    ("Introduktion", "Kommunen", "coach", 2),
    ("Introduktion", "FK", "chef", 3),
    ("Uppföljning", "Kommunen", "chef", 4),
    ("Uppföljning", "Kommunen", "coach", 2),
    ("Annan insats", "Kommunen", "chef", 1),
]


def _write_old_rows(apps: StateApps) -> None:
    forbund = apps.get_model("core", "Forbund").objects.create(name="Migrering", slug="migrering")
    party_model = apps.get_model("core", "Party")
    parties = {
        name: party_model.objects.create(forbund=forbund, kind=kind, name=name)
        for name, kind in (("Kommunen", "kommun"), ("FK", "forsakringskassan"))
    }
    intervention_model = apps.get_model("interventions", "Intervention")
    interventions = [
        intervention_model.objects.create(
            forbund=forbund,
            owner_party=parties["Kommunen"],
            name=name,
            slug=name.lower(),
            start_date=datetime.date(2025, 1, 1),
        )
        for name in ("Första", "Andra")
    ]
    training_model = apps.get_model("interventions", "Training")
    trainings = {
        title: training_model.objects.create(
            intervention=interventions[1 if title == "Annan insats" else 0],
            title=title,
            held_on=datetime.date(2025, 3, 1),
        )
        for title in ("Introduktion", "Uppföljning", "Annan insats")
    }
    attendance_model = apps.get_model("interventions", "TrainingAttendance")
    for title, party, role, attendees in OLD_ROWS:
        attendance_model.objects.create(
            training=trainings[title], party=parties[party], role=role, attendees=attendees
        )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samsyn.settings")
    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(FIRST)
    _write_old_rows(MigrationExecutor(connection).loader.project_state(FIRST).apps)
    executor = MigrationExecutor(connection)
    executor.migrate(LAST)
    apps = executor.loader.project_state(LAST).apps
    people = apps.get_model("interventions", "TrainingAttendee").objects.order_by("id")
    attendance = apps.get_model("interventions", "TrainingAttendance").objects.order_by("id")
    print(
        json.dumps(
            {
                "people": [
                    [p.intervention.name, p.party.name, p.role, p.name, p.name_key]
                    for p in people.select_related("intervention", "party")
                ],
                "attendance": [
                    [row.training.title, row.attendee.name, row.attendee.party.name]
                    for row in attendance.select_related("training", "attendee__party")
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
