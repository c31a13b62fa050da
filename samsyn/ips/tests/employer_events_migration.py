"""Run the employer-history migrations over old prose rows, in a process of its own.

``python -m samsyn.ips.tests.employer_events_migration`` against an empty database (from
``DATABASE_URL``): migrates to ips 0001, writes history rows the way the old code did,
migrates forwards to the event rows and back again, and prints what it found as JSON. It
runs outside pytest because a schema change on SQLite cannot run inside the test's
transaction (test_employer_events.py starts it).
"""

from __future__ import annotations

import datetime
import json
import os

import django
from django.db.migrations.state import StateApps

OLD_ROWS = [
    ("create", "Arbetsgivaren lades till: Älvby Bygg AB"),
    ("create", "Tillagd (demodata)"),
    ("update", "Uppgifterna ändrades: namn, kommun, tillagd"),
    ("update", "Uppgifterna ändrades: inga ändringar"),
    ("delete", "Borttagen ur företagsbanken från 2025-06-01"),
    ("create", "Kontaktperson tillagd (HR)"),
    ("create", "Kontaktperson tillagd (utan roll)"),
    ("update", "Kontaktperson ändrad (Platschef, inaktiv)"),
    ("create", "Överenskommelse tillagd: Tecknad 2025-03-01"),
    ("update", "Överenskommelse ändrad: Signed"),
    ("contact", "Kontakt (Telefon) 2025-02-03: Presentera IPS: tre platser"),
    ("update", "Uppgifterna ändrades: hemlig kolumn"),
    ("create", "Något som skrevs för hand"),
]
FIRST = [("ips", "0001_initial")]
LAST = [("ips", "0004_remove_employerevent_prose")]


def _write_old_rows(apps: StateApps) -> None:
    forbund_model = apps.get_model("core", "Forbund")
    employer_model = apps.get_model("ips", "Employer")
    event_model = apps.get_model("ips", "EmployerEvent")
    forbund = forbund_model.objects.create(name="Migreringsförbundet", slug="migrering")
    employer = employer_model.objects.create(
        forbund=forbund,
        organisationsnummer="556000-0001",
        name="Älvby Bygg AB",
        sni_section="F",
        municipality_code="1780",
        added_on=datetime.date(2025, 1, 15),
    )
    for kind, description in OLD_ROWS:
        event_model.objects.create(employer=employer, kind=kind, description=description)


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
    new = executor.loader.project_state(LAST).apps.get_model("ips", "EmployerEvent")
    forwards = list(new.objects.order_by("pk").values("event_type", "parameters"))
    executor = MigrationExecutor(connection)
    executor.migrate(FIRST)
    old = executor.loader.project_state(FIRST).apps.get_model("ips", "EmployerEvent")
    backwards = list(old.objects.order_by("pk").values_list("kind", "description"))
    print(json.dumps({"forwards": forwards, "backwards": backwards}))


if __name__ == "__main__":
    main()
