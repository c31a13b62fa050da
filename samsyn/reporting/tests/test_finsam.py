"""The Uppföljning Finsam export: the page, CSV and XLSX read back, suppression for
styrgrupp, the year parameter and the audit event."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samsyn.audit.models import AuditEvent
from samsyn.core.tests.factories import InterventionFactory
from samsyn.reporting.selectors.finsam import finsam_report
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.tests.forbund_data import D, build_scenario, reg
from samsyn.stats.suppression import Suppressed

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
URL = reverse("reporting:forbund_finsam")
HEADER = [
    "Insats",
    "Deltagare kvinnor",
    "Deltagare män",
    "Deltagare totalt",
    "Planerat antal deltagare",
    "Budget (kr)",
    "Utfall (kr)",
]


def _csv(response: Any) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_year_figures_against_hand_counts(world: Any) -> None:
    build_scenario(world)
    report = finsam_report(forbund_access(actor=world["admin"], forbund_id=None), 2026)
    table = report.tables[0]
    rows = {row[0]: row[1:] for row in table.rows}
    # Active some day in 2026: A — k 2026-01-01, k ended 2026-01-01, k anonymous 2026-03-31,
    # k 2026-04-01, man 2026-01-10, man 2025-01-01 (felregistrering never); B — both.
    assert rows["Testinsatsen"] == (4, 2, 6, 40, Decimal(100000), Decimal(32000))
    assert rows["Andra insatsen"] == (1, 1, 2, None, Decimal(50000), Decimal(10000))
    assert table.total_rows[0] == ("Totalt", 5, 3, 8, 40, Decimal(150000), Decimal(42000))
    earlier = finsam_report(forbund_access(actor=world["admin"], forbund_id=None), 2025)
    rows_2025 = {row[0]: row[1:] for row in earlier.tables[0].rows}
    assert rows_2025 == {
        "Testinsatsen": (2, 1, 3, 30, Decimal(5000), Decimal(0)),
        "Andra insatsen": (0, 0, 0, None, Decimal(0), Decimal(0)),  # runs since 2025-01-01
    }


def test_csv_reads_back(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    response = as_persona("admin").get(URL, {"ar": "2026", "format": "csv"})
    assert 'filename="uppfoljning-finsam-testdalen-2026.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows == [
        HEADER,
        ["Andra insatsen", "1", "1", "2", "", "50000", "10000"],
        ["Testinsatsen", "4", "2", "6", "40", "100000", "32000"],
    ]


def test_xlsx_reads_back_with_numbers(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    response = as_persona("admin").get(URL, {"ar": "2026", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert sheet["A1"].font.bold
    assert rows[1:] == [
        ("Andra insatsen", 1, 1, 2, None, 50000, 10000),
        ("Testinsatsen", 4, 2, 6, 40, 100000, 32000),
    ]
    assert all(isinstance(value, int | float) for value in rows[2][1:])


def test_styrgrupp_export_is_suppressed(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    client = as_persona("styrgrupp")
    rows = _csv(client.get(URL, {"ar": "2026", "format": "csv"}))
    counts = [cell for row in rows[1:] for cell in row[1:4]]
    assert not {"1", "2", "3", "4"} & set(counts)
    assert "< 5" in counts
    sheet = load_workbook(
        io.BytesIO(client.get(URL, {"ar": "2026", "format": "xlsx"}).content)
    ).active
    values = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row[1:4]]
    assert not {1, 2, 3, 4} & {value for value in values if isinstance(value, int)}
    # The page and the file agree: the page's totals row is part of the suppression.
    report = finsam_report(forbund_access(actor=world["styrgrupp"], forbund_id=None), 2026)
    assert all(isinstance(cell, Suppressed) for cell in report.tables[0].total_rows[0][1:3])


def test_page_shows_table_and_links(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    html = as_persona("admin").get(URL, {"ar": "2026"}).content.decode()
    assert "<h1>Uppföljning Finsam 2026</h1>" in html
    assert 'href="?ar=2026&amp;format=csv"' in html
    assert 'href="?ar=2026&amp;format=xlsx"' in html
    assert "Testinsatsen" in html and "100 000" in html.replace("\xa0", " ")


@pytest.mark.parametrize("value", ["1999", "2101", "abc", "２０２６", "2026.5", "-2026", "9" * 40])
def test_bad_year_gives_a_message(as_persona: Persona, world: Any, value: str) -> None:
    response = as_persona("admin").get(URL, {"ar": value, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "är inget giltigt år; ange ett år mellan 2000 och 2100" in html
    assert not AuditEvent.objects.filter(action="export").exists()


def test_export_audit_event(as_persona: Persona, world: Any) -> None:
    as_persona("styrgrupp").get(URL, {"ar": "2025", "format": "xlsx"})
    event = AuditEvent.objects.get(action="export")
    assert event.detail == "Finsam 2025 xlsx (undertryckta antal)"
    assert event.forbund == world.forbund and event.role == "styrgrupp"


def test_formula_names_stay_text(as_persona: Persona, world: Any) -> None:
    evil = InterventionFactory(forbund=world.forbund, name='=HYPERLINK("http://x","klicka")')
    reg(evil, "man", D(2026, 5, 1))
    client = as_persona("admin")
    rows = _csv(client.get(URL, {"ar": "2026", "format": "csv"}))
    assert rows[1][0] == '\'=HYPERLINK("http://x","klicka")'
    sheet = load_workbook(
        io.BytesIO(client.get(URL, {"ar": "2026", "format": "xlsx"}).content)
    ).active
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://x","klicka")'
