"""The CSV export opens in a Swedish Excel, holds the filtered events and is itself logged."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.tests.helpers import make_event
from samsyn.audit.views import events as views
from samsyn.core.roles import Role

pytestmark = pytest.mark.django_db


def export(client, params: dict[str, str]):
    response = client.get(reverse("audit:event_export"), params)
    body = b"".join(response.streaming_content) if response.streaming else b""
    return response, body


def test_csv_is_excel_friendly_and_holds_the_filtered_events(as_persona, world) -> None:
    make_event(
        forbund=world.forbund,
        actor=world["coach"],
        role=Role.COACH,
        intervention=world.intervention,
        participant_ref="D-Åsa",
        action=AuditAction.UPDATE,
        detail="Ändrade planen; steg 2",
        ip_address="192.0.2.7",
        request_id="req-1",
    )
    make_event(forbund=world.forbund, actor=world["coach"], action=AuditAction.VIEW)
    make_event(forbund=world.other_forbund, actor=world["outsider"], action=AuditAction.UPDATE)

    response, body = export(as_persona("granskare"), {"action": "update"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="samsyn-logg-')
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Tidpunkt",
        "Användare",
        "Användar-id",
        "Roll",
        "Förbund",
        "Insats",
        "Deltagarreferens",
        "Händelse",
        "Objekttyp",
        "Objekt-id",
        "Beskrivning",
        "IP-adress",
        "Anrops-id",
    ]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Användare"] == "coach"
    assert row["Användar-id"] == str(world["coach"].pk)
    assert row["Roll"] == "Coach/handledare"
    assert row["Förbund"] == "Samordningsförbundet Testdalen"
    assert row["Insats"] == "Testinsatsen"
    assert row["Deltagarreferens"] == "D-Åsa"
    assert row["Händelse"] == "Ändring"
    assert row["Beskrivning"] == "Ändrade planen; steg 2"
    assert row["IP-adress"] == "192.0.2.7"


def test_export_writes_an_audit_event(as_persona, world) -> None:
    make_event(forbund=world.forbund, participant_ref="D-1")
    make_event(forbund=world.forbund, participant_ref="D-1")
    client = as_persona("granskare")
    response, body = export(client, {"participant": "D-1"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor == world["granskare"]
    assert event.role == Role.GRANSKARE
    assert event.forbund == world.forbund
    assert "2 händelser" in event.detail
    assert "participant_ref=D-1" in event.detail
    assert event.request_id  # tied to the request that exported
    # The file does not contain its own export event.
    assert body.decode("utf-8-sig").count("\n") == 3


def test_cells_that_look_like_formulas_are_defused(as_persona, world) -> None:
    make_event(actor_username='=HYPERLINK("http://x")', action=AuditAction.LOGIN_FAILED)
    make_event(forbund=world.forbund, detail="@SUM(A1)", participant_ref="D-9")
    _, body = export(as_persona("granskare"), {})
    text = body.decode("utf-8-sig")
    assert "'@SUM(A1)" in text
    assert "\n@SUM" not in text and ";@SUM" not in text


def test_bad_filters_export_nothing(as_persona, world) -> None:
    response = as_persona("granskare").get(reverse("audit:event_export"), {"date_to": "igår"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("audit:event_list"))
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_too_large_export_is_refused(as_persona, world, monkeypatch) -> None:
    monkeypatch.setattr(views, "EXPORT_MAX_ROWS", 2)
    for _ in range(3):
        make_event(forbund=world.forbund)
    client = as_persona("granskare")
    response = client.get(reverse("audit:event_export"), {"action": "view"})
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    page = client.get(response["Location"]).content.decode()
    assert "en export rymmer högst 2" in page
