"""The employer's history as event rows: every type renders in Swedish and in English, the
services store a type and its parameters (the access log keeps its Swedish sentence), the
page shows the reader's language, and the migration turns old prose rows into events."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.ips.models import EmployerEvent, EmployerEventType, render_employer_event
from samsyn.ips.services.contacts import ContactFields, contact_create
from samsyn.ips.services.employers import (
    AgreementFields,
    ContactPersonFields,
    agreement_create,
    agreement_update,
    contact_person_create,
    contact_person_update,
    employer_remove,
    employer_update,
)
from samsyn.ips.tests.employer_events_migration import OLD_ROWS
from samsyn.ips.tests.employer_setup import HAGFORS, fields, ips_world, make_employer

__all__ = ["ips_world"]
T = EmployerEventType
PROJECT_ROOT = Path(settings.BASE_DIR)

# (event type, parameters, Swedish, English)
RENDERED: list[tuple[str, dict[str, Any], str, str]] = [
    (T.CREATED, {"name": "Ekeby Café AB"}, "Arbetsgivaren lades till: Ekeby Café AB",
     "Employer added: Ekeby Café AB"),
    (T.DEMO_CREATED, {}, "Tillagd (demodata)", "Added (demo data)"),
    (T.UPDATED, {"fields": ["name", "sni_section", "added_on"]},
     "Uppgifterna ändrades: namn, bransch, tillagd",
     "Details changed: name, industry, date added"),
    (T.UPDATED, {"fields": []}, "Uppgifterna ändrades: inga ändringar",
     "Details changed: no changes"),
    (T.REMOVED, {"removed_on": "2025-06-01"}, "Borttagen ur företagsbanken från 2025-06-01",
     "Removed from the employer bank from 2025-06-01"),
    (T.CONTACT_PERSON_ADDED, {"title": "HR", "is_active": True},
     "Kontaktperson tillagd (HR)", "Contact person added (HR)"),
    (T.CONTACT_PERSON_ADDED, {"title": "", "is_active": True},
     "Kontaktperson tillagd (utan roll)", "Contact person added (no role)"),
    (T.CONTACT_PERSON_CHANGED, {"title": "HR", "is_active": True},
     "Kontaktperson ändrad (HR)", "Contact person changed (HR)"),
    (T.CONTACT_PERSON_CHANGED, {"title": "HR", "is_active": False},
     "Kontaktperson ändrad (HR, inaktiv)", "Contact person changed (HR, inactive)"),
    (T.CONTACT_PERSON_CHANGED, {"title": "", "is_active": True},
     "Kontaktperson ändrad (utan roll)", "Contact person changed (no role)"),
    (T.CONTACT_PERSON_CHANGED, {"title": "", "is_active": False},
     "Kontaktperson ändrad (utan roll, inaktiv)", "Contact person changed (no role, inactive)"),
    (T.AGREEMENT_ADDED, {"status": "tecknad", "agreed_on": "2025-03-01"},
     "Överenskommelse tillagd: Tecknad 2025-03-01", "Agreement added: Signed 2025-03-01"),
    (T.AGREEMENT_ADDED, {"status": "diskuterad", "agreed_on": None},
     "Överenskommelse tillagd: Diskuterad", "Agreement added: Discussed"),
    (T.AGREEMENT_CHANGED, {"status": "avslutad", "agreed_on": "2025-03-01"},
     "Överenskommelse ändrad: Avslutad 2025-03-01", "Agreement changed: Ended 2025-03-01"),
    (T.AGREEMENT_CHANGED, {"status": "tecknad", "agreed_on": None},
     "Överenskommelse ändrad: Tecknad", "Agreement changed: Signed"),
    (T.CONTACT_LOGGED,
     {"contact_kind": "telefon", "contacted_on": "2025-02-03", "purpose": "Presentera IPS"},
     "Kontakt (Telefon) 2025-02-03: Presentera IPS",
     "Contact (Phone) 2025-02-03: Presentera IPS"),
    (T.NOTE, {"note": "Skrivet för hand"}, "Skrivet för hand", "Skrivet för hand"),
]  # fmt: skip


@pytest.mark.parametrize(("event_type", "parameters", "swedish", "english"), RENDERED)
def test_event_renders_in_swedish_and_english(
    event_type: str, parameters: dict[str, Any], swedish: str, english: str
) -> None:
    with translation.override("sv"):
        assert render_employer_event(event_type, parameters) == swedish
    with translation.override("en"):
        assert render_employer_event(event_type, parameters) == english


def test_every_event_type_has_a_rendering_test() -> None:
    assert {row[0] for row in RENDERED} == set(T.values)


def test_unknown_codes_are_shown_as_stored() -> None:
    parameters = {"status": "okand", "agreed_on": None}
    assert render_employer_event(T.AGREEMENT_ADDED, parameters) == "Överenskommelse tillagd: okand"
    assert render_employer_event("no_such_type", {"note": "x"}) == "x"


def _history(employer_id: int) -> list[tuple[str, dict[str, Any]]]:
    rows = EmployerEvent.objects.filter(employer_id=employer_id).order_by("id")
    return [(event.event_type, event.parameters) for event in rows]


@pytest.mark.django_db
def test_employer_services_store_type_and_parameters(ips_world: World) -> None:
    actor = ips_world["admin"]
    employer = make_employer(ips_world)
    employer_update(
        actor=actor,
        employer=employer,
        fields=fields(1, name="Nytt namn AB", municipality_code=HAGFORS),
        expected_version=1,
    )
    person = contact_person_create(
        actor=actor, employer=employer, fields=ContactPersonFields(name="Maja", title="HR")
    )
    contact_person_update(
        actor=actor,
        person=person,
        fields=ContactPersonFields(name="Maja", is_active=False),
        expected_version=1,
    )
    agreement = agreement_create(
        actor=actor, employer=employer, fields=AgreementFields(status="diskuterad")
    )
    signed = AgreementFields(status="tecknad", agreed_on=datetime.date(2025, 3, 1))
    agreement_update(actor=actor, agreement=agreement, fields=signed, expected_version=1)
    employer.refresh_from_db()
    employer_remove(
        actor=actor,
        employer=employer,
        removed_on=datetime.date(2025, 6, 1),
        expected_version=employer.version,
    )
    assert _history(employer.pk) == [
        (T.CREATED, {"name": "Arbetsgivare 1 AB"}),
        (T.UPDATED, {"fields": ["name", "municipality_code"]}),
        (T.CONTACT_PERSON_ADDED, {"title": "HR", "is_active": True}),
        (T.CONTACT_PERSON_CHANGED, {"title": "", "is_active": False}),
        (T.AGREEMENT_ADDED, {"status": "diskuterad", "agreed_on": None}),
        (T.AGREEMENT_CHANGED, {"status": "tecknad", "agreed_on": "2025-03-01"}),
        (T.REMOVED, {"removed_on": "2025-06-01"}),
    ]


@pytest.mark.django_db
def test_contact_is_stored_as_event(ips_world: World) -> None:
    employer = make_employer(ips_world)
    contact_create(
        actor=ips_world["coach"],
        fields=ContactFields(
            employer_id=employer.pk,
            intervention_id=ips_world.intervention.pk,
            contacted_on=datetime.date(2025, 3, 3),
            kind="telefon",
            purpose="Presentera IPS",
        ),
    )
    assert _history(employer.pk)[-1] == (
        T.CONTACT_LOGGED,
        {"contact_kind": "telefon", "contacted_on": "2025-03-03", "purpose": "Presentera IPS"},
    )


@pytest.mark.django_db
def test_access_log_keeps_swedish_whatever_the_language(ips_world: World) -> None:
    with translation.override("en"):
        employer = make_employer(ips_world)
        agreement_create(
            actor=ips_world["admin"],
            employer=employer,
            fields=AgreementFields(status="tecknad", agreed_on=datetime.date(2025, 3, 1)),
        )
    details = AuditEvent.objects.filter(
        object_type="ips.Employer", object_id=str(employer.pk)
    ).values_list("detail", flat=True)
    assert sorted(details) == [
        "Arbetsgivaren lades till: Arbetsgivare 1 AB",
        "Överenskommelse tillagd: Tecknad 2025-03-01",
    ]


@pytest.mark.django_db
def test_history_on_the_page_follows_the_language(
    ips_world: World, as_persona: Callable[[str], Client]
) -> None:
    employer = make_employer(ips_world)
    url = reverse("ips:employer_detail", args=[employer.pk])
    client = as_persona("coach")
    assert "Arbetsgivaren lades till: Arbetsgivare 1 AB" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    body = client.get(url).content.decode()
    assert "Employer added: Arbetsgivare 1 AB" in body
    assert "Arbetsgivaren lades till" not in body


# --- the migration of old prose rows -----------------------------------------------------


def _postgres_scratch(database: dict[str, Any]) -> Iterator[str]:
    import psycopg

    name = f"samsyn_migration_{uuid.uuid4().hex[:12]}"
    params = {
        "dbname": "postgres",
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
        host = database["HOST"] or "localhost"
        yield f"postgres://{auth}@{host}:{database['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator[str]:
    """An empty database of the engine the suite runs on."""
    if connection.vendor == "postgresql":
        yield from _postgres_scratch(connection.settings_dict)
    else:
        yield f"sqlite:///{tmp_path / 'migration.sqlite3'}"


def test_migration_turns_old_prose_into_events_and_back(scratch_database: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        "DJANGO_SETTINGS_MODULE": "samsyn.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "samsyn.ips.tests.employer_events_migration"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    events = [(row["event_type"], row["parameters"]) for row in found["forwards"]]
    assert events[0] == (T.CREATED, {"name": "Älvby Bygg AB"})
    assert events[2] == (T.UPDATED, {"fields": ["name", "municipality_code", "added_on"]})
    assert events[9] == (T.AGREEMENT_CHANGED, {"status": "tecknad", "agreed_on": None})
    assert events[-2] == (T.NOTE, {"note": "Uppgifterna ändrades: hemlig kolumn"})
    with translation.override("sv"):
        swedish = [render_employer_event(kind, parameters) for kind, parameters in events]
    # Every old sentence reads as it did, except one written by an English-speaking user.
    expected = [text for _kind, text in OLD_ROWS]
    expected[9] = "Överenskommelse ändrad: Tecknad"
    assert swedish == expected
    with translation.override("en"):
        assert render_employer_event(*events[0]) == "Employer added: Älvby Bygg AB"
        assert render_employer_event(*events[-1]) == "Något som skrevs för hand"
    assert [text for _kind, text in found["backwards"]] == expected
