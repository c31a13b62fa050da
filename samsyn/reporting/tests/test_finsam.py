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
from samsyn.interventions.models import (
    ActualCost,
    BudgetLine,
    Grant,
    Intervention,
    Training,
)
from samsyn.interventions.tests.training_setup import attend
from samsyn.reporting.selectors.finsam import finsam_report
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.tests.forbund_data import D, Scenario, build_scenario, reg
from samsyn.stats.suppression import Suppressed

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
URL = reverse("reporting:forbund_finsam")
HEADER = [
    "Insats",
    "Inriktning",
    "Startdatum",
    "Slutdatum",
    "Nya deltagare kvinnor",
    "Nya deltagare män",
    "Nya deltagare totalt",
    "Deltagare kvinnor",
    "Deltagare män",
    "Deltagare totalt",
    "Planerat antal deltagare",
    "Förbundets medel: beviljat (kr)",
    "Förbundets medel: använt (kr)",
    "Total projektkostnad: budget (kr)",
    "Total projektkostnad: utfall (kr)",
    "Utbildade personer",
    "Nådda enheter",
]
IND = "Individinriktad"


def _whose_money(world: Any, scenario: Scenario) -> Intervention:
    """On top of the scenario: the kommun's in-kind 30 000 in A's budget and 8 000 of its
    costs, a decision granting B 45 000 for 2026, and a structural intervention whose
    trainings in 2026 reach three people of two parties (a 2025 training does not count)."""
    a, b = scenario.a, scenario.b
    kind = {"funder": "part_natura", "funder_party": world.kommun}
    BudgetLine.objects.create(
        intervention=a, year=2026, category="lokaler", amount=Decimal(30000), **kind
    )
    ActualCost.objects.create(
        intervention=a, month=D(2026, 1, 1), category="loner", amount=Decimal(8000), **kind
    )
    Grant.objects.create(intervention=b, year=2026, amount=Decimal("45000.40"))
    Grant.objects.create(intervention=b, year=2025, amount=Decimal(99))
    structural: Intervention = InterventionFactory(
        forbund=world.forbund,
        name="Strukturinsatsen",
        slug="struktur",
        orientation="strukturovergripande",
        start_date=D(2026, 1, 1),
        end_date=D(2026, 12, 31),
    )
    march = Training.objects.create(intervention=structural, title="MI", held_on=D(2026, 3, 1))
    autumn = Training.objects.create(intervention=structural, title="IPS", held_on=D(2026, 9, 1))
    old = Training.objects.create(intervention=structural, title="Old", held_on=D(2025, 12, 1))
    attend(march, world.kommun, "chef", 2)
    attend(autumn, world.kommun, "chef", 1)  # chef 1 again: counted once
    attend(autumn, world.region, "coach", 1)
    attend(old, world.fk, "coach", 4)
    return structural


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
    # Started in 2026: A — k 01-01, k anonymous 03-31, k 04-01, man 01-10; B — both.
    # Money: A has no decision, so its förbund-funded 2026 lines stand for the grant.
    assert rows["Testinsatsen"][3:] == (
        3,
        1,
        4,
        4,
        2,
        6,
        40,
        100000,
        32000,
        100000,
        32000,
        None,
        None,
    )
    assert rows["Testinsatsen"][:3] == (IND, "2025-01-01", "")
    assert rows["Andra insatsen"][3:] == (
        1,
        1,
        2,
        1,
        1,
        2,
        None,
        50000,
        10000,
        50000,
        10000,
        None,
        None,
    )
    assert table.total_rows[0][4:] == (
        4,
        2,
        6,
        5,
        3,
        8,
        40,
        150000,
        42000,
        150000,
        42000,
        None,
        None,
    )
    earlier = finsam_report(forbund_access(actor=world["admin"], forbund_id=None), 2025)
    rows_2025 = {row[0]: row[4:] for row in earlier.tables[0].rows}
    assert rows_2025 == {
        "Testinsatsen": (2, 1, 3, 2, 1, 3, 30, 5000, 0, 5000, 0, None, None),
        "Andra insatsen": (0, 0, 0, 0, 0, 0, None, 0, 0, 0, 0, None, None),
    }


def test_whose_money_and_structural_measure_against_hand_counts(world: Any) -> None:
    structural = _whose_money(world, build_scenario(world))
    report = finsam_report(forbund_access(actor=world["admin"], forbund_id=None), 2026)
    table = report.tables[0]
    rows = {row[0]: row for row in table.rows}
    # A: the förbund's 100 000 granted and 32 000 used; the total project cost adds the
    # kommun's 30 000 in kind (budget) and 8 000 (costs).
    assert rows["Testinsatsen"][11:] == (100000, 32000, 130000, 40000, None, None)
    # B: the decision's 45 000,40 in whole kronor; the 2025 grant is another year's.
    assert rows["Andra insatsen"][11:] == (45000, 10000, 50000, 10000, None, None)
    # The structural intervention: no participants, three people of two parties trained.
    assert rows["Strukturinsatsen"][1:4] == ("Strukturövergripande", "2026-01-01", "2026-12-31")
    assert rows["Strukturinsatsen"][4:11] == (None,) * 7
    assert rows["Strukturinsatsen"][11:] == (0, 0, 0, 0, 3, 2)
    assert table.total_rows[0][11:] == (145000, 42000, 180000, 50000, 3, 2)
    money = [cell for row in table.rows for cell in row[11:15]]
    assert all(isinstance(cell, Decimal) and cell == cell.to_integral_value() for cell in money)
    assert structural.pk


def test_csv_reads_back(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    response = as_persona("admin").get(URL, {"ar": "2026", "format": "csv"})
    assert 'filename="uppfoljning-finsam-testdalen-2026.csv"' in response["Content-Disposition"]
    rows = _csv(response)
    assert rows == [
        HEADER,
        [
            "Andra insatsen",
            IND,
            "2025-01-01",
            "",
            "1",
            "1",
            "2",
            "1",
            "1",
            "2",
            "",
            "50000",
            "10000",
            "50000",
            "10000",
            "",
            "",
        ],
        [
            "Testinsatsen",
            IND,
            "2025-01-01",
            "",
            "3",
            "1",
            "4",
            "4",
            "2",
            "6",
            "40",
            "100000",
            "32000",
            "100000",
            "32000",
            "",
            "",
        ],
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
        (
            "Andra insatsen",
            IND,
            "2025-01-01",
            None,
            1,
            1,
            2,
            1,
            1,
            2,
            None,
            50000,
            10000,
            50000,
            10000,
            None,
            None,
        ),
        (
            "Testinsatsen",
            IND,
            "2025-01-01",
            None,
            3,
            1,
            4,
            4,
            2,
            6,
            40,
            100000,
            32000,
            100000,
            32000,
            None,
            None,
        ),
    ]
    assert all(isinstance(value, int | float) for value in rows[2][4:15])


def test_styrgrupp_export_is_suppressed(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    client = as_persona("styrgrupp")
    rows = _csv(client.get(URL, {"ar": "2026", "format": "csv"}))
    counts = [cell for row in rows[1:] for cell in row[4:10]]
    assert not {"1", "2", "3", "4"} & set(counts)
    assert "< 5" in counts
    sheet = load_workbook(
        io.BytesIO(client.get(URL, {"ar": "2026", "format": "xlsx"}).content)
    ).active
    values = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row[4:10]]
    assert not {1, 2, 3, 4} & {value for value in values if isinstance(value, int)}
    # The page and the file agree: the page's totals row is part of the suppression.
    report = finsam_report(forbund_access(actor=world["styrgrupp"], forbund_id=None), 2026)
    assert all(isinstance(cell, Suppressed) for cell in report.tables[0].total_rows[0][7:9])


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
