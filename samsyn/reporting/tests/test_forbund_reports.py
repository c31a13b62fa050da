"""The Deltagarrapport and the Kostnadsrapport against hand counts (forbund_data.py), and the
report tables and files they are written to."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from samsyn.interventions.models import ActualCost, BudgetLine
from samsyn.reporting.forms.forbund import (
    parse_forbund_id,
    parse_format,
    parse_period,
    parse_year,
    quarter_period,
    quick_periods,
)
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_status import (
    forbund_cost_report,
    forbund_participant_report,
)
from samsyn.reporting.spreadsheet import sheet_title, tables_csv
from samsyn.reporting.tables import CellKind, Column, ReportTable, format_cell
from samsyn.reporting.tests.forbund_data import Q1, D, build_scenario, reg
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Suppressed

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]


def _admin(world: Any) -> Any:
    return forbund_access(actor=world["admin"], forbund_id=None)


def test_income_transitions(world: Any) -> None:
    build_scenario(world)
    income = forbund_participant_report(_admin(world), Q1).tables[0]
    assert income.rows == [
        ("A-kassa → A-kassa", 0, 1, 1),
        ("Försörjningsstöd → Studiemedel", 0, 1, 1),
        ("Sjukpenning/rehabiliteringspenning → Lön", 1, 0, 1),
        ("Sjukpenning/rehabiliteringspenning → Studiemedel", 0, 1, 1),
    ]


def test_occupation_before_and_after(world: Any) -> None:
    build_scenario(world)
    occupation = forbund_participant_report(_admin(world), Q1).tables[1]
    rows = {row[0]: row[1:] for row in occupation.all_rows}
    # Ended in Q1: the worker (k, ingen → arbetar), the student (m, arbetssökande → studerar),
    # B's man (ingen → unknown). The felregistrering is not counted.
    assert rows["Arbetar"] == (0, 0, 0, 1, 0, 1)
    assert rows["Studerar"] == (0, 0, 0, 0, 1, 1)
    assert rows["Aktivt arbetssökande"] == (0, 1, 1, 0, 0, 0)
    assert rows["Ingen sysselsättning"] == (1, 1, 2, 0, 0, 0)
    assert rows["Uppgift saknas"] == (0, 0, 0, 0, 1, 1)
    assert rows["Totalt"] == (1, 2, 3, 1, 2, 3)
    assert [column.heading for column in occupation.columns[1:3]] == [
        "Vid start, kvinnor",
        "Vid start, män",
    ]


def test_participant_report_queries(world: Any) -> None:
    build_scenario(world)
    access = _admin(world)
    with CaptureQueriesContext(connection) as captured:
        forbund_participant_report(access, Q1)
    assert len(captured) == 2


def test_cost_report(world: Any) -> None:
    scenario = build_scenario(world)
    # The kommun's own money in A: part of the total project cost, not of the förbund's.
    own = {"funder": "part", "funder_party": world.kommun}
    BudgetLine.objects.create(
        intervention=scenario.a, year=2026, category="resor", amount=Decimal(7000), **own
    )
    ActualCost.objects.create(
        intervention=scenario.a, month=D(2026, 2, 1), category="resor", amount=Decimal(900), **own
    )
    report = forbund_cost_report(_admin(world), Q1)
    financing, interventions, administration, total = report.tables
    assert financing.rows == [
        ("Samordningsförbundet", Decimal(120000)),
        ("Parts egenfinansiering i pengar: Testby kommun", Decimal(10000)),
    ]
    assert financing.total_rows == [("Totalt", Decimal(130000))]
    assert [column.heading for column in interventions.columns][1:] == [
        "Förbundets medel: budget (kr)",
        "Förbundets medel: utfall (kr)",
        "Total projektkostnad: budget (kr)",
        "Total projektkostnad: utfall (kr)",
    ]
    assert interventions.rows == [
        ("Andra insatsen", Decimal(50000), Decimal(10000), Decimal(50000), Decimal(10000)),
        ("Testinsatsen", Decimal(100000), Decimal(25000), Decimal(107000), Decimal(25900)),
    ]
    assert interventions.total_rows == [
        ("Totalt", Decimal(150000), Decimal(35000), Decimal(157000), Decimal(35900))
    ]
    assert administration.rows == [("2026", Decimal(30000), Decimal(6000))]
    assert total.rows == [
        ("Insatskostnader, förbundets medel", Decimal(150000), Decimal(35000)),
        ("Administration", Decimal(30000), Decimal(6000)),
    ]
    assert total.total_rows == [("Totalt", Decimal(180000), Decimal(41000))]


def test_cost_report_over_two_years(world: Any) -> None:
    build_scenario(world)
    report = forbund_cost_report(_admin(world), Period(D(2025, 12, 1), D(2026, 1, 31)))
    interventions = report.tables[1]
    # Budget of both years (100 000 + 5 000), outcome of December and January (20 000).
    row = ("Testinsatsen", Decimal(105000), Decimal(20000), Decimal(105000), Decimal(20000))
    assert row in interventions.rows


def test_cost_report_is_the_same_for_styrgrupp(world: Any) -> None:
    build_scenario(world)
    styrgrupp = forbund_access(actor=world["styrgrupp"], forbund_id=None)
    exact = forbund_cost_report(_admin(world), Q1)
    shown = forbund_cost_report(styrgrupp, Q1)
    assert [t.all_rows for t in exact.tables] == [t.all_rows for t in shown.tables]


def test_participant_report_page_and_csv(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    url = reverse("reporting:forbund_participants")
    params = {"fran": "2026-01-01", "till": "2026-03-31"}
    html = as_persona("admin").get(url, params).content.decode()
    assert "Sjukpenning/rehabiliteringspenning → Lön" in html
    assert 'scope="colgroup" colspan="3" class="group">Vid start' in html
    response = as_persona("admin").get(url, {**params, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Försörjning före → efter"]
    assert ["Sjukpenning/rehabiliteringspenning → Lön", "1", "0", "1"] in rows
    assert [] in rows  # an empty row between the tables
    assert ["Totalt", "1", "2", "3", "1", "2", "3"] in rows
    xlsx = as_persona("admin").get(url, {**params, "format": "xlsx"}).content
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Försörjning", "Sysselsättning"]
    assert list(book["Sysselsättning"].iter_rows(values_only=True))[-1] == (
        "Totalt",
        1,
        2,
        3,
        1,
        2,
        3,
    )


def test_anonymous_counted_in_the_participant_report(world: Any) -> None:
    build_scenario(world)
    anonymous = reg(world.intervention, "man", D(2026, 1, 2), D(2026, 2, 2), anonymous=True)
    anonymous.occupation_after = "arbetar"
    anonymous.save()
    occupation = forbund_participant_report(_admin(world), Q1).tables[1]
    rows = {row[0]: row[1:] for row in occupation.all_rows}
    assert rows["Arbetar"] == (0, 0, 0, 1, 1, 2)


# --- parameters, cells and files ---------------------------------------------------------------


def test_parse_period() -> None:
    today = D(2026, 11, 26)
    assert parse_period({}, today).value == Period(D(2026, 1, 1), D(2026, 12, 31))
    parsed = parse_period({"fran": "2026-02-01", "till": "2026-02-28"}, today)
    assert parsed.value == Period(D(2026, 2, 1), D(2026, 2, 28)) and not parsed.errors
    assert parse_period({"fran": "2026-02-30", "till": "2026-03-01"}, today).errors
    assert parse_period({"till": "2026-03-01"}, today).errors


def test_quick_periods() -> None:
    choices = quick_periods(D(2026, 11, 26))
    assert [choice.period for choice in choices] == [
        Period(D(2026, 1, 1), D(2026, 12, 31)),
        Period(D(2025, 1, 1), D(2025, 12, 31)),
        Period(D(2026, 1, 1), D(2026, 3, 31)),
        Period(D(2026, 4, 1), D(2026, 6, 30)),
        Period(D(2026, 7, 1), D(2026, 9, 30)),
        Period(D(2026, 10, 1), D(2026, 12, 31)),
    ]
    assert quarter_period(2024, 1).end == D(2024, 3, 31)


def test_parse_year_format_forbund() -> None:
    today = D(2026, 11, 26)
    assert parse_year({"ar": " 2030 "}, today).value == 2030
    assert parse_year({"ar": "2000"}, today).value == 2000
    assert parse_year({"ar": "1999"}, today).value == 2026
    assert parse_format({"format": "XLSX"}).value == "xlsx"
    assert parse_format({"format": "docx"}).errors
    assert parse_forbund_id({"forbund": "12"}).value == 12
    assert parse_forbund_id({"forbund": "1" * 20}).errors


def test_cells_and_files() -> None:
    assert format_cell(None, CellKind.COUNT) == "—"
    assert format_cell(Suppressed(), CellKind.COUNT) == "< 5"
    assert format_cell(Suppressed(secondary=True), CellKind.COUNT) == "dolt"
    assert format_cell(Suppressed.figure(), CellKind.SHARE) == "för få för att visa"
    assert format_cell(0.4, CellKind.SHARE) == "40,0 %"
    assert format_cell(Decimal("1234567.40"), CellKind.MONEY).replace("\xa0", " ") == "1 234 567"
    table = ReportTable(
        key="t",
        caption="Test",
        columns=[Column("Namn", CellKind.TEXT), Column("Andel", CellKind.SHARE)],
        rows=[("-1+1", 0.125), ("b", None)],
    )
    text = tables_csv([table], captions=False).decode("utf-8-sig")
    assert text == "Namn;Andel\r\n'-1+1;12,5\r\nb;\r\n"
    used: set[str] = set()
    assert sheet_title("Totalt", used) == "Totalt"
    assert sheet_title("totalt", used) == "totalt (2)"
    assert sheet_title("a/b:c" + "x" * 40, used) == ("a-b-c" + "x" * 40)[:31]
