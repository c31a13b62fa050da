"""Small numbers in the förbund reports for styrgrupp: no count from 1 to 4 is visible, and no
hidden count can be worked out from the totals (row, column or the other half of a table)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.test import Client

from samsyn.core.tests.factories import InterventionFactory
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_status import forbund_participant_report
from samsyn.reporting.selectors.forbund_tables import forbund_intervention_report, forbund_overview
from samsyn.reporting.tables import (
    ReportTable,
    suppressed_before_after_table,
    suppressed_column,
    suppressed_gender_table,
)
from samsyn.reporting.tests.forbund_data import Q1, D, build_scenario, reg
from samsyn.stats.suppression import (
    Line,
    Position,
    Suppressed,
    determined_cells,
    table_lines,
)

pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
SMALL_CELL = re.compile(r'<td class="num">[1-4]</td>')


def _hidden(shown: Sequence[Sequence[Any]]) -> tuple[set[Position], set[Position]]:
    primary: set[Position] = set()
    secondary: set[Position] = set()
    for r, row in enumerate(shown):
        for c, cell in enumerate(row):
            if isinstance(cell, Suppressed):
                (secondary if cell.secondary else primary).add((r, c))
    return primary, secondary


def assert_protected(
    values: Sequence[Sequence[int]], shown: Sequence[Sequence[Any]], lines: list[Line]
) -> None:
    """No small count visible; no hidden non-zero count determinable from what is shown."""
    cells = {(r, c): value for r, row in enumerate(values) for c, value in enumerate(row)}
    primary, secondary = _hidden(shown)
    for position, value in cells.items():
        if 0 < value < 5:
            assert position in primary | secondary, position
        if position not in primary | secondary:
            assert shown[position[0]][position[1]] == value
    found = determined_cells(cells, primary, secondary, lines)
    assert not {p for p in found if cells[p] != 0}


def _columns(table: ReportTable, start: int, count: int = 3) -> list[list[Any]]:
    return [list(row[start : start + count]) for row in table.all_rows]


def test_overview_counts_are_protected(world: Any) -> None:
    build_scenario(world)
    exact = forbund_overview(forbund_access(actor=world["admin"], forbund_id=None), Q1)
    shown = forbund_overview(forbund_access(actor=world["styrgrupp"], forbund_id=None), Q1)
    exact_table, shown_table = exact.tables[0], shown.tables[0]
    shown_money = shown.tables[1]
    n_rows = len(exact_table.all_rows)
    for start in (1, 4, 7):  # active, started, ended
        assert_protected(
            _columns(exact_table, start),
            _columns(shown_table, start),
            table_lines(n_rows, 3, row_totals=True, column_totals=True),
        )
    for row, money in zip(shown_table.all_rows, shown_money.all_rows, strict=True):
        # Shares and cost per participant follow their counts: all hidden here.
        assert isinstance(row[10], Suppressed) and isinstance(row[11], Suppressed)
        assert isinstance(money[3], Suppressed) and isinstance(money[6], Suppressed)
        # Money and plans are not counts of people: shown.
        assert not isinstance(row[12], Suppressed)
        assert not any(isinstance(cell, Suppressed) for cell in (*money[1:3], *money[4:6]))


def test_intervention_report_is_protected(world: Any) -> None:
    build_scenario(world)
    exact = forbund_intervention_report(forbund_access(actor=world["admin"], forbund_id=None), Q1)
    shown = forbund_intervention_report(
        forbund_access(actor=world["styrgrupp"], forbund_id=None), Q1
    )
    n_rows = len(exact.tables[0].all_rows)
    for start in (1, 4, 7, 10):
        assert_protected(
            _columns(exact.tables[0], start),
            _columns(shown.tables[0], start),
            table_lines(n_rows, 3, row_totals=True, column_totals=True),
        )


def test_participant_report_is_protected(world: Any) -> None:
    build_scenario(world)
    exact = forbund_participant_report(forbund_access(actor=world["admin"], forbund_id=None), Q1)
    shown = forbund_participant_report(
        forbund_access(actor=world["styrgrupp"], forbund_id=None), Q1
    )
    for exact_table, shown_table in zip(exact.tables, shown.tables, strict=True):
        for exact_row, shown_row in zip(exact_table.all_rows, shown_table.all_rows, strict=True):
            for value, cell in zip(exact_row[1:], shown_row[1:], strict=True):
                assert isinstance(value, int)
                assert isinstance(cell, Suppressed) or not 0 < value < 5


def test_before_after_totals_hidden_in_both_halves() -> None:
    before = [(6, 7, 13), (5, 0, 5), (0, 2, 2)]
    after = [(11, 5, 16), (0, 4, 4), (0, 0, 0)]
    shown = suppressed_before_after_table(before, after, suppress=True)
    values = [(*b, *a) for b, a in zip(before, after, strict=True)]
    values.append((11, 9, 20, 11, 9, 20))
    last = len(values) - 1
    lines = [
        *table_lines(len(values), 6, row_totals=False, column_totals=True),
        *(
            Line(parts=((r, o), (r, o + 1)), total=(r, o + 2))
            for r in range(len(values))
            for o in (0, 3)
        ),
        *(Line(parts=((last, c),), total=(last, c + 3)) for c in range(3)),
    ]
    assert_protected(values, shown, lines)
    for c in range(3):  # the common totals row is hidden alike in both halves
        assert isinstance(shown[last][c], Suppressed) == isinstance(shown[last][c + 3], Suppressed)


def test_gender_table_helper() -> None:
    rows = [(3, 9, 12), (10, 8, 18), (6, 6, 12)]
    shown = suppressed_gender_table(rows, with_total_row=True, suppress=True)
    values = [*rows, (19, 23, 42)]
    assert_protected(values, shown, table_lines(4, 3, row_totals=True, column_totals=True))
    assert suppressed_gender_table(rows, with_total_row=True, suppress=False)[-1] == (19, 23, 42)
    assert suppressed_gender_table([], with_total_row=True, suppress=True) == [(0, 0, 0)]
    assert suppressed_column([3], suppress=True) == [Suppressed()]
    column = suppressed_column([3, 9, 12], suppress=True)
    assert all(isinstance(cell, Suppressed) for cell in column[:2])


def test_many_interventions_are_protected(world: Any) -> None:
    for number, (women, men) in enumerate([(1, 7), (6, 5), (0, 3), (9, 9), (2, 2), (5, 0)]):
        intervention = InterventionFactory(forbund=world.forbund, name=f"Insats {number}")
        for _ in range(women):
            reg(intervention, "kvinna", D(2026, 1, 15))
        for _ in range(men):
            reg(intervention, "man", D(2026, 1, 15))
    exact = forbund_overview(forbund_access(actor=world["admin"], forbund_id=None), Q1)
    shown = forbund_overview(forbund_access(actor=world["styrgrupp"], forbund_id=None), Q1)
    n_rows = len(exact.tables[0].all_rows)
    assert_protected(
        _columns(exact.tables[0], 1),
        _columns(shown.tables[0], 1),
        table_lines(n_rows, 3, row_totals=True, column_totals=True),
    )


@pytest.mark.parametrize(
    "path",
    [
        "/rapporter/forbund/",
        "/rapporter/forbund/deltagare/",
        "/rapporter/forbund/insatser/",
        "/rapporter/forbund/finsam/?ar=2026",
    ],
)
def test_styrgrupp_pages_show_no_small_counts(as_persona: Persona, world: Any, path: str) -> None:
    build_scenario(world)
    query = "" if "?" in path else "?fran=2026-01-01&till=2026-03-31"
    html = as_persona("styrgrupp").get(path + query).content.decode()
    assert not SMALL_CELL.search(html)
    assert "&lt; 5" in html
    assert "Antal från 1 till 4 visas som" in html
    exact = as_persona("admin").get(path + query).content.decode()
    assert SMALL_CELL.search(exact)
    assert "Antal från 1 till 4 visas som" not in exact
