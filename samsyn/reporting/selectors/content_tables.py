"""Figures made ready for a report's audience: exact for those who may see personal data,
small numbers suppressed for the rest (samsyn/stats/suppression.py, samsyn/stats/tables.py).

A *cell* of report content is JSON: an ``int`` or ``float``, ``None`` (an undefined share,
shown as "—") or a ``str`` ("< 5" / "dolt") for a hidden count.
"""

from __future__ import annotations

from collections.abc import Sequence

from samsyn.reporting.content_types import BreakdownRowContent
from samsyn.reporting.selectors.breakdowns import BreakdownRow
from samsyn.stats.metrics import GENDERS, TOTAL, GenderValues
from samsyn.stats.suppression import SMALL_COUNT, Shown, is_small, suppress_table
from samsyn.stats.tables import (
    ByGender,
    Cell,
    GenderCount,
    gender_cells,
    gender_count,
    gender_json,
)

# The columns of a suppressed breakdown's matrix, by name; the total is the last one (a
# line's total). Rows go in and come back through this one tuple, by name.
_ORDER = ("kvinna", "man", TOTAL)


def _matrix_row(count: GenderCount) -> list[int]:
    return [count.of(column) for column in _ORDER]


def _shown_row(cells: Sequence[Shown]) -> ByGender[Shown]:
    named = dict(zip(_ORDER, cells, strict=True))
    return ByGender[Shown](kvinna=named["kvinna"], man=named["man"], total=named[TOTAL])


def breakdown_rows(
    rows: Sequence[BreakdownRow],
    *,
    suppress: bool,
    totals: GenderValues | None = None,
    limit: int = SMALL_COUNT,
) -> tuple[list[BreakdownRowContent], bool]:
    """Rows as JSON, and whether the breakdown is withheld.

    With ``totals`` (the rows are a partition of a population whose kvinna / man / total is
    shown elsewhere in the report), the table is suppressed with its margins; if that would
    have to hide one of the totals the report shows elsewhere, or a hidden cell cannot be
    protected, the whole breakdown is withheld (only the totals are shown).
    """
    counts = [gender_count(row.counts) for row in rows]
    if not suppress:
        return [_row_json(row, count) for row, count in zip(rows, counts, strict=True)], False
    if not rows:
        return [], False
    matrix = [_matrix_row(count) for count in counts]
    if totals is None:
        table = suppress_table(matrix, row_totals=True, limit=limit)
        shown_rows = [_shown_row(cells) for cells in table.cells]
    else:
        total = gender_count(totals)
        if (
            sum(c.kvinna for c in counts) != total.kvinna
            or sum(c.man for c in counts) != total.man
            or sum(c.total for c in counts) != total.total
        ):
            raise ValueError("The rows of a partition must add up to its totals.")
        total_row = _matrix_row(total)
        table = suppress_table(
            [*matrix, total_row], row_totals=True, column_totals=True, limit=limit
        )
        last = len(matrix)
        hidden_totals = [i for i in range(len(total_row)) if (last, i) in table.hidden]
        if table.unprotected or any(not is_small(total_row[i], limit) for i in hidden_totals):
            return [], True
        shown_rows = [_shown_row(cells) for cells in table.cells[:-1]]
    return [_row_json(row, shown) for row, shown in zip(rows, shown_rows, strict=True)], False


def _row_json(row: BreakdownRow, shown: ByGender[Shown]) -> BreakdownRowContent:
    data: BreakdownRowContent = {"label": row.label, "values": gender_json(shown)}
    if row.places is not None:
        data["places"] = row.places
    return data


__all__ = [
    "GENDERS",
    "Cell",
    "breakdown_rows",
    "gender_cells",
]
