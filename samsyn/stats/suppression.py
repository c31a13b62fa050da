"""Small-cell suppression for tables shown to an audience without access to personal data.

Styrgrupp (and every export made for it) sees counts, never people. A count from 1 to 4 could
point at a person, so it is shown as "< 5" (*primary* suppression). Zero is shown as 0: in
these reports zero is not disclosive on its own. Hiding the small counts is not enough when
the table also shows totals: kvinna 3, man 9, total 12 would give the 3 back as 12 − 9. So
more cells are hidden (*secondary* suppression, shown as "dolt") until no hidden count can be
worked out from the shown cells, the totals and the "< 5" rule itself.

The algorithm (docs/small-numbers.md):

1. Primary: every cell, totals included, with a value from 1 to 4 is hidden.
2. Secondary, repeated until nothing changes:
   a. every *line* (a row or column of parts with its total) with exactly one hidden cell
      gets a second one: the smallest visible non-zero part, else its total, else a zero;
   b. every hidden non-zero cell that can still be worked out (see ``determined_cells``: the
      linear equations of the lines; narrowing with "< 5" = 1..4, "dolt" = 0 or at least 5
      and non-negative counts; and a search for a second table showing the same) gets one
      more cell hidden in one of its lines, chosen as in (a) and preferring one that makes it
      undeterminable (anywhere in the table when its lines are all hidden).

A hidden zero that can be worked out is left so: zero is not disclosive.

A known limit: when every cell of a cell's lines is already hidden, it can still be worked out
and no other cell helps (a "< 5" total over four "< 5" parts can only be 4 = 1 + 1 + 1 + 1),
nothing more can be done. Such cells are reported in ``SuppressedTable.unprotected``; a page
should then not show that breakdown (show the total only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from samsyn.stats.disclosure import (
    Line,
    Position,
    cell_domains,
    determined_cells,
    linearly_determined,
    validate_lines,
)
from samsyn.stats.small_numbers import (
    ALLOWED_LIMITS,
    DERIVED_REASON,
    DERIVED_TEXT,
    PRIMARY_TEXT,
    SECONDARY_TEXT,
    SMALL_COUNT,
    SMALL_NUMBERS_RULE,
    SMALL_NUMBERS_RULE_LIMIT,
    check_limit,
    derived_text,
    hidden_reasons,
    primary_text,
    small_numbers_rule,
)

# Re-exported: callers import the rule, its texts and the disclosure check from here, with
# the algorithm (samsyn/stats/small_numbers.py, samsyn/stats/disclosure.py).
__all__ = [
    "ALLOWED_LIMITS",
    "DERIVED_REASON",
    "DERIVED_TEXT",
    "PRIMARY_TEXT",
    "SECONDARY_TEXT",
    "SMALL_COUNT",
    "SMALL_NUMBERS_RULE",
    "SMALL_NUMBERS_RULE_LIMIT",
    "Line",
    "Position",
    "Shown",
    "Suppressed",
    "SuppressedTable",
    "cell_domains",
    "check_limit",
    "derived_text",
    "determined_cells",
    "hidden_reasons",
    "is_small",
    "linearly_determined",
    "maybe_suppress_gender",
    "primary_text",
    "small_numbers_rule",
    "suppress_cells",
    "suppress_gender",
    "suppress_share",
    "suppress_statistic",
    "suppress_table",
    "table_lines",
]


@dataclass(frozen=True)
class Suppressed:
    """A hidden value. It deliberately does not carry the value, only the limit it was
    hidden under and what it is: a count (shown as "< limit", or "dolt" when hidden to
    protect another cell) or a ``derived`` figure — a median, mean, share or cost per
    participant — shown as "för få för att visa" (a "< 5" median would read as "under five
    days"). This is the one place that decides the text, for pages and documents alike."""

    secondary: bool = False
    limit: int = SMALL_COUNT
    derived: bool = False

    @classmethod
    def figure(cls, limit: int = SMALL_COUNT) -> Suppressed:
        """A hidden derived figure (a median, a mean, a share, a cost per participant)."""
        return cls(limit=limit, derived=True)

    @property
    def reason(self) -> str:
        """Why the value is hidden, for a footnote or a title."""
        if self.derived:
            return str(DERIVED_REASON)
        return small_numbers_rule(self.limit)

    def __str__(self) -> str:
        if self.derived:
            return derived_text()
        if self.secondary:
            return str(SECONDARY_TEXT)
        return primary_text(self.limit)


Shown = int | Suppressed


@dataclass(frozen=True)
class SuppressedTable:
    cells: tuple[tuple[Shown, ...], ...]
    primary: frozenset[Position]
    secondary: frozenset[Position]
    unprotected: frozenset[Position] = frozenset()

    @property
    def hidden(self) -> frozenset[Position]:
        return self.primary | self.secondary


def is_small(value: int, limit: int = SMALL_COUNT) -> bool:
    return 0 < value < limit


def table_lines(n_rows: int, n_cols: int, *, row_totals: bool, column_totals: bool) -> list[Line]:
    """The relations of a table whose last column (row) holds the row (column) totals."""
    lines: list[Line] = []
    if row_totals:
        if n_cols < 2:
            raise ValueError("A table with row totals needs at least two columns.")
        for r in range(n_rows):
            parts = tuple((r, c) for c in range(n_cols - 1))
            lines.append(Line(parts=parts, total=(r, n_cols - 1)))
    if column_totals:
        if n_rows < 2:
            raise ValueError("A table with column totals needs at least two rows.")
        for c in range(n_cols):
            parts = tuple((r, c) for r in range(n_rows - 1))
            lines.append(Line(parts=parts, total=(n_rows - 1, c)))
    return lines


# --- the algorithm ------------------------------------------------------------------------


def _candidates(
    values: Mapping[Position, int], hidden: set[Position], lines: Iterable[Line]
) -> list[Position]:
    """Visible cells of ``lines``, best first: small non-zero parts, then totals, then zeros."""
    keys: dict[Position, tuple[bool, bool, int, Position]] = {}
    for line in lines:
        for position in line.cells:
            if position in hidden:
                continue
            key = (values[position] == 0, position == line.total, values[position], position)
            keys[position] = min(key, keys.get(position, key))
    return sorted(keys, key=keys.__getitem__)


def _lone_hidden_lines(hidden: set[Position], lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if sum(p in hidden for p in line.cells) == 1]


def _protect(
    position: Position,
    values: Mapping[Position, int],
    primary: set[Position],
    secondary: set[Position],
    lines: Sequence[Line],
    limit: int = SMALL_COUNT,
) -> Position | None:
    """The cell to hide so that ``position`` can no longer be worked out (best effort).

    First a cell of its own lines (the first that helps, else the first); when its lines are
    all hidden already, the first cell anywhere in the table that helps; else None.
    """
    own_lines = [line for line in lines if position in line.cells]
    candidates = _candidates(values, primary | secondary, own_lines)
    if not candidates:
        for candidate in _candidates(values, primary | secondary, lines):
            if _helps(position, candidate, values, primary, secondary, lines, limit):
                return candidate
        return None
    for candidate in candidates:
        if _helps(position, candidate, values, primary, secondary, lines, limit):
            return candidate
    return candidates[0]


def _helps(
    position: Position,
    candidate: Position,
    values: Mapping[Position, int],
    primary: set[Position],
    secondary: set[Position],
    lines: Sequence[Line],
    limit: int = SMALL_COUNT,
) -> bool:
    trial = secondary | {candidate}
    return position not in determined_cells(values, primary, trial, lines, limit=limit)


def suppress_cells(
    values: Mapping[Position, int], lines: Sequence[Line], *, limit: int = SMALL_COUNT
) -> tuple[frozenset[Position], frozenset[Position], frozenset[Position]]:
    """The primary and secondary hidden cells of a table given as cells and lines.

    The third set holds the hidden cells that could not be protected (the known limit).
    """
    validate_lines(values, lines)
    check_limit(limit)
    primary = {p for p, value in values.items() if is_small(value, limit)}
    secondary: set[Position] = set()
    hopeless: set[Position] = set()
    while True:
        hidden = primary | secondary
        lone = _lone_hidden_lines(hidden, lines)
        if lone:
            chosen = _candidates(values, hidden, lone[:1])
            secondary.add(chosen[0])
            continue
        determined = {
            p
            for p in determined_cells(values, primary, secondary, lines, limit=limit)
            if values[p] != 0
        }
        open_cells = sorted(determined - hopeless)
        if not open_cells:
            hopeless &= determined
            break
        extra = _protect(open_cells[0], values, primary, secondary, lines, limit)
        if extra is None:
            hopeless.add(open_cells[0])
        else:
            secondary.add(extra)
    return frozenset(primary), frozenset(secondary), frozenset(hopeless)


def suppress_table(
    values: Sequence[Sequence[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = False,
    limit: int = SMALL_COUNT,
) -> SuppressedTable:
    """Suppress a rectangular table; its last column/row may hold the row/column totals.

    A kvinna / man / total table per metric is ``row_totals=True``; a transition table with
    margins is ``row_totals=True, column_totals=True``.
    """
    n_rows = len(values)
    n_cols = len(values[0]) if n_rows else 0
    if any(len(row) != n_cols for row in values):
        raise ValueError("All rows of the table must have the same length.")
    cells = {(r, c): values[r][c] for r in range(n_rows) for c in range(n_cols)}
    lines = table_lines(n_rows, n_cols, row_totals=row_totals, column_totals=column_totals)
    primary, secondary, unprotected = suppress_cells(cells, lines, limit=limit)
    shown = tuple(
        tuple(_shown(cells[(r, c)], (r, c), primary, secondary, limit) for c in range(n_cols))
        for r in range(n_rows)
    )
    return SuppressedTable(
        cells=shown, primary=primary, secondary=secondary, unprotected=unprotected
    )


def _shown(
    value: int,
    position: Position,
    primary: frozenset[Position],
    secondary: frozenset[Position],
    limit: int = SMALL_COUNT,
) -> Shown:
    if position in primary:
        return Suppressed(limit=limit)
    if position in secondary:
        return Suppressed(secondary=True, limit=limit)
    return value


def suppress_gender(
    kvinna: int, man: int, total: int, *, limit: int = SMALL_COUNT
) -> tuple[Shown, Shown, Shown]:
    """The common kvinna / man / total triple of one count."""
    table = suppress_table([[kvinna, man, total]], row_totals=True, limit=limit)
    first, second, third = table.cells[0]
    return first, second, third


def maybe_suppress_gender(
    kvinna: int, man: int, total: int, *, suppress: bool, limit: int = SMALL_COUNT
) -> tuple[Shown, Shown, Shown]:
    """The triple as is for an audience that may see personal data, suppressed otherwise."""
    if not suppress:
        validate_lines({(0, 0): kvinna, (0, 1): man, (0, 2): total}, [])
        return kvinna, man, total
    return suppress_gender(kvinna, man, total, limit=limit)


def suppress_share(
    share: float | None, numerator: Shown, denominator: Shown
) -> float | Shown | None:
    """A share is hidden when its numerator or denominator is: 3 / 12 would give the 3 back.
    It is a derived figure, shown as "för få för att visa" (not as a count).

    ``None`` (an undefined share, denominator 0) stays ``None`` and is shown as "—".
    """
    for hidden in (numerator, denominator):
        if isinstance(hidden, Suppressed):
            return Suppressed.figure(hidden.limit)
    return share


def suppress_statistic(
    value: float | None, count: int, *, limit: int = SMALL_COUNT
) -> float | Shown | None:
    """A statistic over 1 to 4 people (a median, a mean) would describe them: it is hidden,
    shown as "för få för att visa" (a derived figure, not a count)."""
    if is_small(count, limit):
        return Suppressed.figure(limit)
    return value
