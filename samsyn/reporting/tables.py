"""Report tables shared by pages and exports, and the suppressed gender table helper.

A ``ReportTable`` is what a report page shows and what its CSV and XLSX downloads hold: the
same cells, so a page and its export never disagree (and never show a small count that the
other hides). Cells keep their type — ``int`` counts, ``Decimal`` kronor, ``float`` shares
(0–1), ``Suppressed`` markers, ``None`` for "no value" — and are turned into text only when
shown (``display_rows``) or written (``samsyn/reporting/spreadsheet.py``).

``suppressed_gender_table`` hides small counts of a kvinna / man / total table with a totals
row for an audience without access to personal data (styrgrupp): the same rule as
``samsyn/stats/suppression.py``, with the totals row as one more line, so a hidden count
can be recovered neither from its row's total nor from its column's total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.formats import number_format
from django.utils.functional import Promise

from samsyn.stats.numbers import percent_text
from samsyn.stats.suppression import (
    SMALL_COUNT,
    Line,
    Position,
    Shown,
    Suppressed,
    is_small,
    suppress_cells,
    suppress_table,
    table_lines,
)

Cell = str | int | float | Decimal | Suppressed | None
Triple = tuple[int, int, int]
ShownTriple = tuple[Shown, Shown, Shown]
NO_VALUE = "—"


@dataclass(frozen=True)
class Definition:
    """A figure's name and what it counts, listed under a report's tables."""

    name: str | Promise
    text: str | Promise


class CellKind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    SHARE = "share"  # a float 0–1, shown and exported as a percentage
    MONEY = "money"  # Decimal kronor, shown without öre


@dataclass(frozen=True)
class Column:
    label: str | Promise
    kind: CellKind = CellKind.COUNT
    # The heading above a group of columns ("Aktiva" above kvinnor / män / totalt).
    group: str | Promise = ""
    # The heading in a CSV or XLSX file, where there is only one header row.
    export_label: str | Promise = ""

    @property
    def heading(self) -> str:
        if self.export_label:
            return str(self.export_label)
        if self.group:
            return f"{self.group}, {str(self.label).lower()}"
        return str(self.label)

    @property
    def numeric(self) -> bool:
        return self.kind is not CellKind.TEXT


@dataclass(frozen=True)
class HeaderGroup:
    """A cell of the first header row: a group over ``span`` columns, or (``column`` set) a
    column without a group, which spans both header rows."""

    label: str
    span: int
    column: Column | None = None


@dataclass
class ReportTable:
    """A table: the first column names the row (a row header), the rest are figures."""

    key: str
    caption: str | Promise
    columns: Sequence[Column]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    # Rows shown after a rule, e.g. "Totalt".
    total_rows: list[tuple[Cell, ...]] = field(default_factory=list)
    # A short name for the XLSX sheet (at most 31 characters); the caption otherwise.
    sheet_name: str | Promise = ""

    @property
    def has_groups(self) -> bool:
        return any(column.group for column in self.columns)

    @property
    def header_groups(self) -> list[HeaderGroup]:
        """The first header row when the table has groups (consecutive equal groups merge)."""
        groups: list[HeaderGroup] = []
        for column in self.columns:
            label = str(column.group)
            if not column.group:
                groups.append(HeaderGroup(str(column.label), 1, column))
            elif groups and groups[-1].column is None and groups[-1].label == label:
                groups[-1] = HeaderGroup(label, groups[-1].span + 1)
            else:
                groups.append(HeaderGroup(label, 1))
        return groups

    @property
    def grouped_columns(self) -> list[Column]:
        return [column for column in self.columns if column.group]

    @property
    def display_rows(self) -> list[list[tuple[str, bool]]]:
        return [self._display(row) for row in self.rows]

    @property
    def display_total_rows(self) -> list[list[tuple[str, bool]]]:
        return [self._display(row) for row in self.total_rows]

    def _display(self, row: tuple[Cell, ...]) -> list[tuple[str, bool]]:
        """(text, is a number) per cell; numbers are right-aligned by the stylesheet."""
        return [
            (format_cell(cell, column.kind), column.numeric)
            for cell, column in zip(row, self.columns, strict=True)
        ]

    @property
    def all_rows(self) -> list[tuple[Cell, ...]]:
        return [*self.rows, *self.total_rows]

    def hidden_counts(self) -> tuple[int, int, int]:
        """(counts below the limit, counts hidden to protect another, derived figures hidden)
        of the table."""
        hidden = [cell for row in self.all_rows for cell in row if isinstance(cell, Suppressed)]
        derived = sum(cell.derived for cell in hidden)
        secondary = sum(cell.secondary and not cell.derived for cell in hidden)
        return len(hidden) - secondary - derived, secondary, derived


def format_cell(value: Cell, kind: CellKind) -> str:
    """The text of one cell on a page (Swedish number format in Swedish)."""
    if value is None:
        return NO_VALUE
    if isinstance(value, Suppressed):
        return str(value)
    # The one rule for shares (samsyn/stats/numbers.py), as in the files (spreadsheet.py).
    if kind is CellKind.SHARE and isinstance(value, float):
        return percent_text(value)
    if kind is CellKind.MONEY and isinstance(value, Decimal | int):
        kronor = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return number_format(kronor, decimal_pos=0, use_l10n=True, force_grouping=True)
    return str(value)


def triple_sum(rows: Sequence[Triple]) -> Triple:
    return (
        sum(row[0] for row in rows),
        sum(row[1] for row in rows),
        sum(row[2] for row in rows),
    )


def suppressed_gender_table(
    rows: Sequence[Triple], *, with_total_row: bool, suppress: bool, limit: int = SMALL_COUNT
) -> list[ShownTriple]:
    """Kvinna / man / total per row (and a last totals row when ``with_total_row``).

    Without ``suppress`` the counts come back as they are. With it, counts 1–4 are "< 5" and
    more cells are hidden ("dolt") until no hidden count can be worked out from a row total,
    the totals row or the other gender.
    """
    table: list[Triple] = [(a, b, c) for a, b, c in rows]
    if with_total_row:
        table.append(triple_sum(table))
    if not suppress or not table:
        return [(a, b, c) for a, b, c in table]
    column_totals = with_total_row and len(table) >= 2
    shown = suppress_table(table, row_totals=True, column_totals=column_totals, limit=limit)
    return [(row[0], row[1], row[2]) for row in shown.cells]


def suppressed_column(
    values: Sequence[int], *, suppress: bool, limit: int = SMALL_COUNT
) -> list[Shown]:
    """One column of counts whose last value is the sum of the others (a totals row)."""
    if not suppress:
        return list(values)
    if len(values) < 2:
        return [Suppressed(limit=limit) if is_small(value, limit) else value for value in values]
    shown = suppress_table(
        [[value] for value in values], row_totals=False, column_totals=True, limit=limit
    )
    return [row[0] for row in shown.cells]


def suppressed_before_after_table(
    before: Sequence[Triple],
    after: Sequence[Triple],
    *,
    suppress: bool,
    limit: int = SMALL_COUNT,
) -> list[tuple[Shown, ...]]:
    """Two kvinna / man / total tables over the same people side by side (status at start,
    status at exit), one row per category and a last totals row common to both.

    Suppressed as one table: besides each row's and each column's total, the two halves'
    totals rows are the same people, so a total hidden in one half is hidden in the other.
    """
    if len(before) != len(after):
        raise ValueError("Both halves need the same rows.")
    table = [(*b, *a) for b, a in zip(before, after, strict=True)]
    table.append((*triple_sum(before), *triple_sum(after)))
    if not suppress:
        return [tuple(row) for row in table]
    values: dict[Position, int] = {
        (r, c): value for r, row in enumerate(table) for c, value in enumerate(row)
    }
    last = len(table) - 1
    lines = [
        *table_lines(len(table), 6, row_totals=False, column_totals=True),
        *_half_row_lines(len(table)),
        *(Line(parts=((last, c),), total=(last, c + 3)) for c in range(3)),
    ]
    primary, secondary, _unprotected = suppress_cells(values, lines, limit=limit)
    return [
        tuple(
            Suppressed(secondary=(r, c) in secondary, limit=limit)
            if (r, c) in primary or (r, c) in secondary
            else value
            for c, value in enumerate(row)
        )
        for r, row in enumerate(table)
    ]


def _half_row_lines(n_rows: int) -> list[Line]:
    return [
        Line(parts=((r, offset), (r, offset + 1)), total=(r, offset + 2))
        for r in range(n_rows)
        for offset in (0, 3)
    ]


__all__ = [
    "NO_VALUE",
    "Cell",
    "CellKind",
    "Column",
    "HeaderGroup",
    "ReportTable",
    "ShownTriple",
    "Triple",
    "format_cell",
    "suppressed_before_after_table",
    "suppressed_column",
    "suppressed_gender_table",
    "triple_sum",
]
