"""Small-cell suppression: hand examples, and properties checked by brute force.

The brute-force checker plays the attacker: it knows the shown cells, that every line adds up,
that "< 5" is 1 to 4, that "dolt" is 0 or at least 5, and it searches for a second complete
table (non-negative integers) that shows exactly the same. A hidden cell is safe when some
such table gives it a different value. A hidden zero need not be safe: zero is not disclosive.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samsyn.stats.suppression import (
    SMALL_COUNT,
    Line,
    Position,
    Suppressed,
    cell_domains,
    determined_cells,
    linearly_determined,
    maybe_suppress_gender,
    suppress_gender,
    suppress_share,
    suppress_statistic,
    suppress_table,
    table_lines,
)


def texts(cells: Sequence[object]) -> list[str]:
    return [str(cell) for cell in cells]


def as_cells(rows: Sequence[Sequence[int]]) -> dict[Position, int]:
    return {(r, c): value for r, row in enumerate(rows) for c, value in enumerate(row)}


# --- the attacker -------------------------------------------------------------------------


def _domain(position: Position, primary: frozenset, bound: int) -> list[int]:
    if position in primary:
        return list(range(1, SMALL_COUNT))
    return [0, *range(SMALL_COUNT, bound + 1)]


def _consistent(assignment: dict[Position, int], lines: Sequence[Line]) -> bool:
    for line in lines:
        parts = [assignment.get(p) for p in line.parts]
        total = assignment.get(line.total)
        known = sum(v for v in parts if v is not None)
        if total is not None and known > total:
            return False
        if total is not None and None not in parts and known != total:
            return False
    return True


def has_other_completion(
    values: dict[Position, int], hidden: frozenset, primary: frozenset, lines, target: Position
) -> bool:
    """Is there a table showing the same where ``target`` has another value?"""
    bound = max(values.values()) + SMALL_COUNT
    order = [target, *sorted(hidden - {target})]
    assignment = {p: v for p, v in values.items() if p not in hidden}

    def search(index: int) -> bool:
        if index == len(order):
            return True
        position = order[index]
        for value in _domain(position, primary, bound):
            if position == target and value == values[target]:
                continue
            assignment[position] = value
            if _consistent(assignment, lines) and search(index + 1):
                return True
            del assignment[position]
        return False

    return search(0)


def recoverable_cells(rows, *, row_totals: bool, column_totals: bool) -> set[Position]:
    values = as_cells(rows)
    table = suppress_table(rows, row_totals=row_totals, column_totals=column_totals)
    lines = table_lines(len(rows), len(rows[0]), row_totals=row_totals, column_totals=column_totals)
    return {
        p
        for p in table.hidden
        if values[p] != 0  # a hidden zero may be worked out: zero is not disclosive
        and p not in table.unprotected  # the documented limit, reported by the table
        and not has_other_completion(values, table.hidden, table.primary, lines, p)
    }


# --- hand examples --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("triple", "expected"),
    [
        ((5, 7, 12), ["5", "7", "12"]),
        ((3, 9, 12), ["< 5", "dolt", "12"]),  # 12 - 9 would give the 3 back
        ((9, 3, 12), ["dolt", "< 5", "12"]),
        ((0, 7, 7), ["0", "7", "7"]),  # zero is shown, nothing is small
        ((0, 3, 3), ["0", "< 5", "< 5"]),  # the total is small too
        ((1, 0, 1), ["< 5", "0", "< 5"]),
        ((2, 2, 4), ["< 5", "< 5", "< 5"]),
        ((0, 0, 0), ["0", "0", "0"]),
        # both "< 5" and a total of 8: each must be 4, so the total is hidden
        ((4, 4, 8), ["< 5", "< 5", "dolt"]),
        ((3, 4, 7), ["< 5", "< 5", "7"]),  # 3 + 4 or 4 + 3: not recoverable
    ],
)
def test_gender_triples(triple, expected):
    shown = suppress_gender(*triple)
    assert texts(shown) == expected
    assert not recoverable_cells([list(triple)], row_totals=True, column_totals=False)


def test_the_marker_does_not_carry_the_value():
    kvinna, man, total = suppress_gender(3, 9, 12)
    assert kvinna == Suppressed(secondary=False)
    assert man == Suppressed(secondary=True)
    assert total == 12
    assert not hasattr(kvinna, "value")


def test_no_suppression_for_an_audience_seeing_personal_data():
    assert maybe_suppress_gender(3, 9, 12, suppress=False) == (3, 9, 12)
    assert texts(maybe_suppress_gender(3, 9, 12, suppress=True)) == ["< 5", "dolt", "12"]


def test_transition_table_with_margins():
    # before (rows) -> after (columns), last row and column the totals
    rows = [
        [3, 9, 12],
        [6, 7, 13],
        [9, 16, 25],
    ]
    table = suppress_table(rows, row_totals=True, column_totals=True)
    assert table.primary == {(0, 0)}
    # the 3 is protected by a rectangle of four hidden cells; the margins stay
    assert table.secondary == {(0, 1), (1, 0), (1, 1)}
    assert [texts(row) for row in table.cells] == [
        ["< 5", "dolt", "12"],
        ["dolt", "dolt", "13"],
        ["9", "16", "25"],
    ]
    assert not recoverable_cells(rows, row_totals=True, column_totals=True)


def test_a_zero_next_to_a_hidden_cell_with_a_known_total():
    # column 0 is 3 + 0 = 3 (small total, hidden); column 1 then gives row totals away
    rows = [
        [3, 8, 11],
        [0, 6, 6],
        [3, 14, 17],
    ]
    table = suppress_table(rows, row_totals=True, column_totals=True)
    assert {(0, 0), (2, 0)} <= table.primary
    assert table.cells[1][0] == 0 or (1, 0) in table.hidden
    assert not recoverable_cells(rows, row_totals=True, column_totals=True)


def test_rows_without_totals_only_hide_small_counts():
    table = suppress_table([[3, 9], [0, 12]], row_totals=False)
    assert table.primary == {(0, 0)}
    assert table.secondary == frozenset()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([[3, 9, 13]], "do not add up"),
        ([[-1, 2, 1]], "non-negative"),
        ([[1, 2, 3], [1, 2]], "same length"),
        ([[True, 2, 3]], "non-negative integer"),
    ],
)
def test_bad_tables_are_refused(rows, message):
    with pytest.raises(ValueError, match=message):
        suppress_table(rows, row_totals=True)


def test_two_hidden_per_line_is_not_enough():
    # two rectangles of hidden cells joined by one hidden cell: every row and column has at
    # least two hidden cells, yet the joining cell (1, 2) follows from the equations.
    lines = table_lines(4, 4, row_totals=True, column_totals=True)
    hidden = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    for line in lines:
        assert sum(p in hidden for p in line.cells) != 1
    assert linearly_determined(hidden, lines) == {(1, 2)}


def test_the_algorithm_protects_a_bridge_cell():
    rows = [
        [2, 6, 0, 8],
        [7, 9, 3, 19],
        [0, 0, 12, 12],
        [9, 15, 15, 39],
    ]
    table = suppress_table(rows, row_totals=True, column_totals=True)
    lines = table_lines(4, 4, row_totals=True, column_totals=True)
    assert not determined_cells(as_cells(rows), table.primary, table.secondary, lines)
    assert not recoverable_cells(rows, row_totals=True, column_totals=True)


def test_the_known_limit_is_reported():
    # every cell is "< 5"; four parts of at least 1 under a total of at most 4 are all 1
    rows = [[1, 1, 2], [1, 1, 2], [2, 2, 4]]
    table = suppress_table(rows, row_totals=True, column_totals=True)
    assert table.hidden == set(as_cells(rows))
    assert table.unprotected == set(as_cells(rows))
    lines = table_lines(3, 3, row_totals=True, column_totals=True)
    values = as_cells(rows)
    assert not has_other_completion(values, table.hidden, table.primary, lines, (0, 0))


def test_hidden_cells_that_add_up_to_zero_or_at_least_five():
    # "dolt" + "dolt" is 0 or at least 5, so 6 - "< 5" in row 0 gives the "< 5" away
    lines = table_lines(1, 4, row_totals=True, column_totals=False)
    values = {(0, 0): 0, (0, 1): 1, (0, 2): 5, (0, 3): 6}
    domains = cell_domains(values, {(0, 1)}, {(0, 0), (0, 2)}, lines)
    assert domains[(0, 1)] == ((1, 1),)
    rows = [[0, 1, 5, 6], [5, 1, 0, 6], [5, 2, 5, 12]]
    assert not recoverable_cells(rows, row_totals=True, column_totals=True)


def test_protected_tables_report_nothing_unprotected():
    assert suppress_table([[3, 9, 12]]).unprotected == frozenset()


def test_bounds_from_the_small_count_rule():
    lines = table_lines(1, 3, row_totals=True, column_totals=False)
    values = {(0, 0): 4, (0, 1): 4, (0, 2): 8}
    domains = cell_domains(values, {(0, 0), (0, 1)}, set(), lines)
    assert domains[(0, 0)] == ((4, 4),)
    assert determined_cells(values, {(0, 0), (0, 1)}, set(), lines) == {(0, 0), (0, 1)}


# --- properties -----------------------------------------------------------------------------


@st.composite
def tables(draw, max_rows: int, max_parts: int, max_value: int):
    n_rows = draw(st.integers(1, max_rows))
    n_parts = draw(st.integers(2, max_parts))
    small = st.integers(0, 6)
    value = st.one_of(small, st.integers(0, max_value))
    parts = [[draw(value) for _ in range(n_parts)] for _ in range(n_rows)]
    with_columns = draw(st.booleans())
    rows = [[*row, sum(row)] for row in parts]
    if with_columns:
        rows.append([sum(column) for column in zip(*rows, strict=True)])
    return rows, with_columns


def _check_lines(rows, with_columns: bool):
    table = suppress_table(rows, row_totals=True, column_totals=with_columns)
    lines = table_lines(len(rows), len(rows[0]), row_totals=True, column_totals=with_columns)
    for line in lines:
        assert sum(p in table.hidden for p in line.cells) != 1, line
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            if isinstance(cell, int):
                assert not 0 < cell < SMALL_COUNT
                assert cell == rows[r][c]
            else:
                assert (r, c) in table.hidden
    assert table.primary == {p for p, v in as_cells(rows).items() if 0 < v < SMALL_COUNT}
    return table, lines


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(max_rows=4, max_parts=4, max_value=40))
def test_property_no_line_with_one_hidden_cell_and_nothing_derivable(data):
    rows, with_columns = data
    table, lines = _check_lines(rows, with_columns)
    assert not linearly_determined(table.hidden, lines)
    determined = determined_cells(as_cells(rows), table.primary, table.secondary, lines)
    # the documented limit: a line whose cells are all hidden cannot be helped further
    nonzero = {p for p in determined if as_cells(rows)[p] != 0}
    assert nonzero == table.unprotected
    for position in table.unprotected:
        own = [line for line in lines if position in line.cells]
        assert all(all(p in table.hidden for p in line.cells) for line in own), position


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(max_rows=2, max_parts=3, max_value=12))
def test_property_brute_force_no_hidden_cell_is_recoverable(data):
    rows, with_columns = data
    _check_lines(rows, with_columns)
    assert not recoverable_cells(rows, row_totals=True, column_totals=with_columns)


def test_shares_follow_their_counts():
    kvinna, man, total = suppress_gender(3, 9, 12)
    assert suppress_share(0.25, kvinna, 12) == Suppressed.figure()
    assert suppress_share(0.75, man, 12) == Suppressed.figure()
    assert suppress_share(0.5, 6, total) == 0.5
    assert suppress_share(None, 0, 0) is None


def test_statistics_over_few_people_are_hidden():
    assert suppress_statistic(41.5, 3) == Suppressed.figure()
    assert suppress_statistic(41.5, 5) == 41.5
    assert suppress_statistic(None, 0) is None
