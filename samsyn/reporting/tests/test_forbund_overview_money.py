"""The förbund overview's money (issue #12, item 5): the förbund's money (granted, used, per
active participant) beside the total project cost (budget, outcome, per active participant),
against hand counts; granted per year from a decision, else the förbund's budget; and the
same figures on the page, in the CSV and in the XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samsyn.interventions.models import ActualCost, BudgetLine, Grant
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_tables import forbund_overview
from samsyn.reporting.tests.forbund_data import Q1, D, Scenario, build_scenario
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Suppressed

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
URL = reverse("reporting:forbund_overview")
MONEY_HEADER = [
    "Insats",
    "Förbundets medel: beviljat (kr)",
    "Förbundets medel: använt (kr)",
    "Förbundets medel per aktiv deltagare (kr)",
    "Total projektkostnad: budget (kr)",
    "Total projektkostnad: utfall (kr)",
    "Total projektkostnad per aktiv deltagare (kr)",
]


def _whose_money(world: Any, scenario: Scenario) -> None:
    """On top of the scenario (every line the förbund's): the kommun's 30 000 in kind in A's
    2026 budget and 8 000 of its January costs, 0,50 kr of A's own costs (rounding), and
    decisions: A 4 000 for 2025 only, B 45 000,40 for 2026 and 99 for 2025."""
    a, b = scenario.a, scenario.b
    kind = {"funder": "part_natura", "funder_party": world.kommun}
    BudgetLine.objects.create(
        intervention=a, year=2026, category="lokaler", amount=Decimal(30000), **kind
    )
    ActualCost.objects.create(
        intervention=a, month=D(2026, 1, 1), category="lokaler", amount=Decimal(8000), **kind
    )
    ActualCost.objects.create(
        intervention=a, month=D(2026, 2, 1), category="resor", amount=Decimal("0.50")
    )
    Grant.objects.create(intervention=a, year=2025, amount=Decimal(4000))
    Grant.objects.create(intervention=b, year=2026, amount=Decimal("45000.40"))
    Grant.objects.create(intervention=b, year=2025, amount=Decimal(99))


def _money_rows(world: Any, period: Period, persona: str = "admin") -> dict[str, tuple[Any, ...]]:
    report = forbund_overview(forbund_access(actor=world[persona], forbund_id=None), period)
    table = report.tables[1]
    assert [column.heading for column in table.columns] == MONEY_HEADER
    return {str(row[0]): row for row in table.all_rows}


def test_forbunds_money_beside_total_project_cost(world: Any) -> None:
    _whose_money(world, build_scenario(world))
    rows = _money_rows(world, Q1)
    # A (5 active): no decision for 2026, so its 100 000 förbund budget is what is granted;
    # used: 20 000 + 5 000 + 0,50 → 25 001 (whole kronor, half up); the total project cost
    # adds the kommun's 30 000 in kind to the budget and 8 000 to the outcome.
    assert rows["Testinsatsen"][1:] == (100000, 25001, 5000, 130000, 33001, 6600)
    # B (2 active): the decision's 45 000,40 in whole kronor; all its costs are the förbund's.
    assert rows["Andra insatsen"][1:] == (45000, 10000, 5000, 50000, 10000, 5000)
    # Totals: sums of the rounded rows; per participant over the 7 active of both.
    assert rows["Totalt"][1:] == (145000, 35001, 5000, 180000, 43001, 6143)
    money = [cell for row in rows.values() for cell in row[1:]]
    assert all(isinstance(cell, Decimal) and cell == cell.to_integral_value() for cell in money)


def test_granted_is_per_year_decision_else_budget(world: Any) -> None:
    _whose_money(world, build_scenario(world))
    rows = _money_rows(world, Period(D(2025, 12, 1), D(2026, 3, 31)))
    # A: 2025 decided (4 000, not its 5 000 budget) + 2026 undecided (its 100 000 budget).
    assert rows["Testinsatsen"][1] == 104000
    # The total project budget of both years: 5 000 + 100 000 + 30 000 in kind.
    assert rows["Testinsatsen"][4] == 135000
    # B: both years decided, 99 + 45 000,40.
    assert rows["Andra insatsen"][1] == 45099


def test_styrgrupp_sees_money_but_not_per_participant_of_small_counts(world: Any) -> None:
    _whose_money(world, build_scenario(world))
    rows = _money_rows(world, Q1, persona="styrgrupp")
    b = rows["Andra insatsen"]
    # 2 active: hidden, and both costs per participant with it (cost ÷ it would give it back).
    assert isinstance(b[3], Suppressed) and isinstance(b[6], Suppressed)
    assert b[1:3] + b[4:6] == (45000, 10000, 50000, 10000)


class _Tables(HTMLParser):
    """The cells' text of every <table> on a page, by its caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._rows: list[list[str]] = []
        self._text: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables["".join(self._caption).strip()] = self._rows
            self._caption = None
        elif tag in ("td", "th") and self._text is not None:
            self._rows[-1].append("".join(self._text).strip())
            self._text = None

    def handle_data(self, data: str) -> None:
        for target in (self._text, self._caption):
            if target is not None:
                target.append(data)


def _same(value: object) -> object:
    """A cell as a comparable value: numbers as Decimal (Swedish or file notation, "%" and
    thousands spaces dropped), empty and "—" as None, other text as it is ("< 5", "dolt")."""
    if value is None or value in ("", "—"):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    text = str(value)
    number = text.replace("\xa0", "").replace(" %", "").replace(",", ".")
    try:
        return Decimal(number.replace(" ", "")).normalize()
    except InvalidOperation:
        return text


def _normalised(rows: list[list[Any]]) -> list[list[object]]:
    return [[_same(cell) for cell in row] for row in rows]


@pytest.mark.parametrize("persona", ["admin", "styrgrupp"])
def test_page_csv_and_xlsx_hold_the_same_figures(
    as_persona: Persona, world: Any, persona: str
) -> None:
    _whose_money(world, build_scenario(world))
    client = as_persona(persona)
    parser = _Tables()
    parser.feed(client.get(URL, {"fran": "2026-01-01", "till": "2026-03-31"}).content.decode())
    captions = [
        "Förbundets insatser i perioden",
        "Förbundets medel och total projektkostnad per insats",
    ]
    page_money = parser.tables[captions[1]]
    assert page_money[0] == MONEY_HEADER
    # B's two active participants: "< 5" for styrgrupp, so no cost per participant either.
    page_b = next(row for row in page_money if row[0] == "Andra insatsen")
    assert (page_b[3] == "för få för att visa") == (persona == "styrgrupp")
    if persona == "admin":
        assert [cell.replace("\xa0", " ") for cell in page_money[-1]] == [
            "Totalt",
            *("145 000", "35 001", "5 000", "180 000", "43 001", "6 143"),
        ]

    csv_text = client.get(URL, {"fran": "2026-01-01", "till": "2026-03-31", "format": "csv"})
    lines = list(csv.reader(io.StringIO(csv_text.content.decode("utf-8-sig")), delimiter=";"))
    blank = lines.index([])
    csv_tables = {lines[0][0]: lines[1:blank], lines[blank + 1][0]: lines[blank + 2 :]}
    assert list(csv_tables) == captions

    xlsx = client.get(URL, {"fran": "2026-01-01", "till": "2026-03-31", "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Deltagare", "Medel"]
    sheets = [
        [list(row) for row in book[name].iter_rows(values_only=True)] for name in book.sheetnames
    ]

    for caption, sheet in zip(captions, sheets, strict=True):
        page = parser.tables[caption]
        # The page's two header rows of grouped columns are one row in the files: compare
        # the data rows (every row after the header) cell by cell.
        data = page[len(page) - len(sheet) + 1 :]
        assert len(data) == 3  # two interventions and the totals row
        assert _normalised(data) == _normalised(csv_tables[caption][1:]) == _normalised(sheet[1:])
    assert sheets[1][0] == csv_tables[captions[1]][0] == MONEY_HEADER
