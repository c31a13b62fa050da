"""Figures made ready for a report's audience: exact for those who may see personal data,
small numbers suppressed for the rest (samsyn/stats/suppression.py, samsyn/stats/tables.py).

A *cell* of report content is JSON: an ``int`` or ``float``, ``None`` (an undefined share,
shown as "—") or a ``str`` ("< 5" / "dolt") for a hidden count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from samsyn.participants.selectors.metrics import METRICS
from samsyn.reporting.content_types import BreakdownRowContent
from samsyn.reporting.selectors.breakdowns import BreakdownRow
from samsyn.stats import tables
from samsyn.stats.metrics import COLUMNS, GENDERS, GenderValues
from samsyn.stats.suppression import is_small, suppress_table
from samsyn.stats.tables import Cell, GenderCells, gender_cells, gender_of, triple


def suppressed_metric_values(
    values: dict[str, GenderValues],
    counts: dict[str, dict[str, int]],
    *,
    suppress: bool,
) -> dict[str, GenderCells]:
    """Every registration metric's kvinna / man / total cells for the audience
    (``samsyn.stats.tables.suppressed_metric_values`` over participants' ``METRICS``)."""
    return tables.suppressed_metric_values(METRICS, values, counts, suppress=suppress)


def breakdown_rows(
    rows: Sequence[BreakdownRow], *, suppress: bool, totals: GenderValues | None = None
) -> tuple[list[BreakdownRowContent], bool]:
    """Rows as JSON, and whether the breakdown is withheld.

    With ``totals`` (the rows are a partition of a population whose kvinna / man / total is
    shown elsewhere in the report), the table is suppressed with its margins; if that would
    have to hide one of the totals the report shows elsewhere, or a hidden cell cannot be
    protected, the whole breakdown is withheld (only the totals are shown).
    """
    if not suppress:
        return [_row_json(row, [row.counts[c] for c in COLUMNS]) for row in rows], False
    if not rows:
        return [], False
    matrix = [[row.counts[c] for c in COLUMNS] for row in rows]
    if totals is None:
        table = suppress_table(matrix, row_totals=True)
        shown_rows = table.cells
    else:
        total_row = list(triple(totals))
        if any(sum(row[i] for row in matrix) != total_row[i] for i in range(len(COLUMNS))):
            raise ValueError("The rows of a partition must add up to its totals.")
        table = suppress_table([*matrix, total_row], row_totals=True, column_totals=True)
        hidden_totals = [
            (len(matrix), i) for i in range(len(COLUMNS)) if (len(matrix), i) in table.hidden
        ]
        if table.unprotected or any(not is_small(total_row[i]) for _r, i in hidden_totals):
            return [], True
        shown_rows = table.cells[:-1]
    return [_row_json(row, shown) for row, shown in zip(rows, shown_rows, strict=True)], False


def _row_json(row: BreakdownRow, cells: Sequence[Any]) -> BreakdownRowContent:
    data: BreakdownRowContent = {"label": row.label, "values": gender_of(cells)}
    if row.places is not None:
        data["places"] = row.places
    return data


__all__ = ["GENDERS", "Cell", "breakdown_rows", "gender_cells", "suppressed_metric_values"]
