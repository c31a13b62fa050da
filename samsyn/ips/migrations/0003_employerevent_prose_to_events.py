"""Employer history rows get an event type and parameters (step 2 of 3: the data).

Every row written so far holds a Swedish sentence from a fixed set of patterns; each is read
back into its event type and parameters. A row matching no pattern keeps its text as the
``note`` parameter and is shown as it was written. The patterns and labels are copied here
rather than imported, so this migration keeps working whatever the app's code becomes.
Backwards, the Swedish sentences are written again.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

DAY = r"\d{4}-\d{2}-\d{2}"
FIELD_NAMES = {
    "namn": "name",
    "organisationsnummer": "organisationsnummer",
    "bransch": "sni_section",
    "kommun": "municipality_code",
    "adress": "address",
    "beskrivning": "description",
    "tillagd": "added_on",
    "team": "team_id",
}
# Statuses and contact kinds were written with their display label in the writer's language.
AGREEMENT_STATUSES = {
    "Diskuterad": "diskuterad",
    "Tecknad": "tecknad",
    "Avslutad": "avslutad",
    "Discussed": "diskuterad",
    "Signed": "tecknad",
    "Ended": "avslutad",
}
CONTACT_KINDS = {
    "Personligt möte": "besok",
    "Telefon": "telefon",
    "Digitalt": "digitalt",
    "Face-to-face meeting": "besok",
    "Phone": "telefon",
    "Digital": "digitalt",
}
NO_ROLE = "utan roll"
PATTERNS = [
    ("demo_created", re.compile(r"Tillagd \(demodata\)")),
    ("created", re.compile(r"Arbetsgivaren lades till: (?P<name>.*)", re.S)),
    ("updated", re.compile(r"Uppgifterna ändrades: (?P<labels>.+)", re.S)),
    ("removed", re.compile(rf"Borttagen ur företagsbanken från (?P<day>{DAY})")),
    ("contact_person_added", re.compile(r"Kontaktperson tillagd \((?P<title>.*)\)", re.S)),
    (
        "contact_person_changed",
        re.compile(r"Kontaktperson ändrad \((?P<title>.*?)(?P<inactive>, inaktiv)?\)", re.S),
    ),
    (
        "agreement",
        re.compile(
            rf"Överenskommelse (?P<verb>tillagd|ändrad): (?P<status>\w+)(?: (?P<day>{DAY}))?"
        ),
    ),
    (
        "contact_logged",
        re.compile(rf"Kontakt \((?P<kind>[^)]*)\) (?P<day>{DAY}): (?P<purpose>.*)", re.S),
    ),
]


def _parameters(event_type: str, found: re.Match[str]) -> tuple[str, dict[str, Any]] | None:
    """The event for a matched sentence, or None when its parts are not known values."""
    if event_type == "demo_created":
        return event_type, {}
    if event_type == "created":
        return event_type, {"name": found["name"]}
    if event_type == "updated":
        if found["labels"] == "inga ändringar":
            return event_type, {"fields": []}
        labels = found["labels"].split(", ")
        if not all(label in FIELD_NAMES for label in labels):
            return None
        return event_type, {"fields": [FIELD_NAMES[label] for label in labels]}
    if event_type == "removed":
        return event_type, {"removed_on": found["day"]}
    if event_type in ("contact_person_added", "contact_person_changed"):
        title = "" if found["title"] == NO_ROLE else found["title"]
        return event_type, {"title": title, "is_active": not found.groupdict().get("inactive")}
    if event_type == "agreement":
        if found["status"] not in AGREEMENT_STATUSES:
            return None
        kind = "agreement_added" if found["verb"] == "tillagd" else "agreement_changed"
        return kind, {"status": AGREEMENT_STATUSES[found["status"]], "agreed_on": found["day"]}
    if found["kind"] not in CONTACT_KINDS:
        return None
    return event_type, {
        "contact_kind": CONTACT_KINDS[found["kind"]],
        "contacted_on": found["day"],
        "purpose": found["purpose"],
    }


def prose_to_event(description: str) -> tuple[str, dict[str, Any]]:
    """(event type, parameters) for an old history sentence."""
    for event_type, pattern in PATTERNS:
        found = pattern.fullmatch(description)
        if found is not None:
            event = _parameters(event_type, found)
            if event is not None:
                return event
    return "note", {"note": description}


def _swedish_label(labels: dict[str, str], code: Any) -> str:
    return next((label for label, value in labels.items() if value == code), str(code or ""))


def event_to_prose(event_type: str, parameters: dict[str, Any]) -> tuple[str, str]:
    """(old ``kind``, old ``description``) for an event row, for migrating backwards."""
    p = parameters or {}
    if event_type == "demo_created":
        return "create", "Tillagd (demodata)"
    if event_type == "created":
        return "create", f"Arbetsgivaren lades till: {p.get('name', '')}"
    if event_type == "updated":
        labels = {value: label for label, value in FIELD_NAMES.items()}
        names = [labels.get(name, name) for name in p.get("fields") or []]
        return "update", "Uppgifterna ändrades: " + (", ".join(names) or "inga ändringar")
    if event_type == "removed":
        return "delete", f"Borttagen ur företagsbanken från {p.get('removed_on', '')}"
    if event_type in ("contact_person_added", "contact_person_changed"):
        label = p.get("title") or NO_ROLE
        if event_type == "contact_person_added":
            return "create", f"Kontaktperson tillagd ({label})"
        state = "" if p.get("is_active", True) else ", inaktiv"
        return "update", f"Kontaktperson ändrad ({label}{state})"
    if event_type in ("agreement_added", "agreement_changed"):
        verb, kind = (
            ("tillagd", "create") if event_type == "agreement_added" else ("ändrad", "update")
        )
        day = f" {p['agreed_on']}" if p.get("agreed_on") else ""
        status = _swedish_label(AGREEMENT_STATUSES, p.get("status"))
        return kind, f"Överenskommelse {verb}: {status}{day}"
    if event_type == "contact_logged":
        contact_kind = _swedish_label(CONTACT_KINDS, p.get("contact_kind"))
        text = f"Kontakt ({contact_kind}) {p.get('contacted_on', '')}: {p.get('purpose', '')}"
        return "contact", text
    return "note", str(p.get("note", ""))


def forwards(apps, schema_editor):
    EmployerEvent = apps.get_model("ips", "EmployerEvent")
    batch = []
    for event in EmployerEvent.objects.order_by("pk").iterator(chunk_size=500):
        event.event_type, event.parameters = prose_to_event(event.description)
        batch.append(event)
        if len(batch) == 500:
            EmployerEvent.objects.bulk_update(batch, ["event_type", "parameters"])
            batch = []
    EmployerEvent.objects.bulk_update(batch, ["event_type", "parameters"])


def backwards(apps, schema_editor):
    EmployerEvent = apps.get_model("ips", "EmployerEvent")
    batch = []
    for event in EmployerEvent.objects.order_by("pk").iterator(chunk_size=500):
        kind, text = event_to_prose(event.event_type, event.parameters)
        event.kind, event.description = kind, text[:300]
        batch.append(event)
        if len(batch) == 500:
            EmployerEvent.objects.bulk_update(batch, ["kind", "description"])
            batch = []
    EmployerEvent.objects.bulk_update(batch, ["kind", "description"])


class Migration(migrations.Migration):
    dependencies = [
        ("ips", "0002_employerevent_event_type"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
