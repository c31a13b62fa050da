"""The small-count limit as a parameter (issue #10, item 12): a förbund chooses 3 or 5
(``Forbund.small_count_limit``). Hand examples under 3, the texts and the rule, and the
brute-force attacker of test_suppression.py run under the limit 3."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samsyn.stats.suppression import (
    ALLOWED_LIMITS,
    Line,
    Position,
    Suppressed,
    determined_cells,
    hidden_reasons,
    is_small,
    small_numbers_rule,
    suppress_gender,
    suppress_statistic,
    suppress_table,
    table_lines,
)
from samsyn.stats.tables import ByGender, gender_cells, suppress_gender_count


def texts(cells: Sequence[object]) -> list[str]:
    return [str(cell) for cell in cells]


@pytest.mark.parametrize(
    ("triple", "expected"),
    [
        ((3, 4, 7), ["3", "4", "7"]),  # nothing below 3
        ((2, 9, 11), ["< 3", "dolt", "11"]),
        ((0, 2, 2), ["0", "< 3", "< 3"]),
        ((1, 1, 2), ["< 3", "< 3", "< 3"]),
        ((2, 2, 4), ["< 3", "< 3", "dolt"]),  # both "< 3" and 4: each must be 2
    ],
)
def test_gender_triples_under_three(triple, expected):
    assert texts(suppress_gender(*triple, limit=3)) == expected


def test_the_default_limit_is_five_and_only_three_or_five_are_allowed():
    assert ALLOWED_LIMITS == (3, 5)
    assert texts(suppress_gender(3, 4, 7)) == ["< 5", "< 5", "7"]
    with pytest.raises(ValueError, match="limit"):
        suppress_table([[1, 2, 3]], limit=4)
    assert is_small(4) and not is_small(4, 3) and is_small(2, 3)


def test_markers_and_rule_name_their_limit():
    assert str(Suppressed(limit=3)) == "< 3"
    assert str(Suppressed(secondary=True, limit=3)) == "dolt"
    assert small_numbers_rule(5).startswith("Antal från 1 till 4 visas som ”< 5”")
    assert small_numbers_rule(3).startswith("Antal från 1 till 2 visas som ”< 3”")
    assert suppress_statistic(12.5, 3, limit=3) == 12.5
    assert isinstance(suppress_statistic(12.5, 2, limit=3), Suppressed)


def test_hidden_reasons_say_how_many_and_why():
    assert hidden_reasons(0, 0) == []
    assert hidden_reasons(1, 0) == ["1 antal visas som ”< 5”: färre än 5 personer."]
    assert hidden_reasons(2, 1, 3) == [
        "2 antal visas som ”< 3”: färre än 3 personer.",
        "1 antal är dolt (”dolt”) för att skydda en annan cell.",
    ]


def test_the_gender_record_pairs_by_name():
    """#9: kvinna, man and total go in and come out by name, so an argument order cannot
    put a part in the total's place."""
    shown = suppress_gender_count(ByGender(man=9, total=12, kvinna=3), suppress=True)
    assert (str(shown.kvinna), str(shown.man), shown.total) == ("< 5", "dolt", 12)
    assert shown.of("total") == 12
    with pytest.raises(KeyError):
        shown.of("totalt")
    assert gender_cells(3, 9, 12, suppress=True, limit=3) == {"kvinna": 3, "man": 9, "total": 12}


# --- the attacker under the limit 3 ----------------------------------------------------------

LIMIT = 3


def _domain(position: Position, primary: frozenset, bound: int) -> list[int]:
    if position in primary:
        return list(range(1, LIMIT))
    return [0, *range(LIMIT, bound + 1)]


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


def _other_completion(values, hidden, primary, lines, target) -> bool:
    bound = max(values.values()) + LIMIT
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


@st.composite
def tables(draw):
    n_rows = draw(st.integers(1, 2))
    n_parts = draw(st.integers(2, 3))
    value = st.one_of(st.integers(0, 4), st.integers(0, 10))
    parts = [[draw(value) for _ in range(n_parts)] for _ in range(n_rows)]
    with_columns = draw(st.booleans())
    rows = [[*row, sum(row)] for row in parts]
    if with_columns:
        rows.append([sum(column) for column in zip(*rows, strict=True)])
    return rows, with_columns


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_property_under_three_no_hidden_cell_is_recoverable(data):
    rows, with_columns = data
    table = suppress_table(rows, row_totals=True, column_totals=with_columns, limit=LIMIT)
    lines = table_lines(len(rows), len(rows[0]), row_totals=True, column_totals=with_columns)
    values = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    assert table.primary == {p for p, v in values.items() if 0 < v < LIMIT}
    for line in lines:
        assert sum(p in table.hidden for p in line.cells) != 1
    determined = determined_cells(values, table.primary, table.secondary, lines, limit=LIMIT)
    assert {p for p in determined if values[p]} == table.unprotected
    for position in table.hidden:
        if values[position] and position not in table.unprotected:
            assert _other_completion(values, table.hidden, table.primary, lines, position)
