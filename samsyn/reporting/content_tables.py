"""Figures made ready for a report's audience: exact for those who may see personal data,
small numbers suppressed for the rest (samsyn/stats/suppression.py).

A *cell* of report content is JSON: an ``int`` or ``float``, ``None`` (an undefined share,
shown as "—") or a ``str`` ("< 5" / "dolt") for a hidden count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from samsyn.participants.metrics import METRICS
from samsyn.reporting.breakdowns import BreakdownRow
from samsyn.reporting.content_types import BreakdownRowContent, Cell, GenderCells
from samsyn.stats.metrics import (
    COLUMNS,
    GENDERS,
    TOTAL,
    GenderValues,
    Kind,
    MetricDefinition,
    Value,
)
from samsyn.stats.suppression import (
    Suppressed,
    is_small,
    maybe_suppress_gender,
    suppress_share,
    suppress_statistic,
    suppress_table,
)


def _cell(shown: Any) -> Cell:
    return str(shown) if isinstance(shown, Suppressed) else shown


def _gender(cells: Sequence[Any]) -> GenderCells:
    kvinna, man, total = (_cell(value) for value in cells)
    return {"kvinna": kvinna, "man": man, "total": total}


def _triple(values: Mapping[str, Value]) -> tuple[int, int, int]:
    return (int(values["kvinna"] or 0), int(values["man"] or 0), int(values[TOTAL] or 0))


def suppressed_metric_values(
    values: dict[str, GenderValues],
    counts: dict[str, dict[str, int]],
    *,
    suppress: bool,
) -> dict[str, GenderCells]:
    """Every metric's kvinna / man / total cells for the audience.

    ``counts`` are the counts behind the metrics (``evaluate_with_counts``). Counts are
    suppressed per metric (the triple adds up); a share is hidden when its numerator or
    denominator is; a median over 1–4 people is hidden.
    """
    if not suppress:
        return {
            metric_id: {"kvinna": cells["kvinna"], "man": cells["man"], "total": cells[TOTAL]}
            for metric_id, cells in values.items()
        }
    raw = {key: _triple(triple) for key, triple in counts.items()}
    shown_counts = {
        key: maybe_suppress_gender(*triple, suppress=True) for key, triple in raw.items()
    }
    return {metric.id: _shown_metric(metric, values, raw, shown_counts) for metric in METRICS}


def _shown_metric(
    metric: MetricDefinition,
    values: dict[str, GenderValues],
    raw: dict[str, tuple[int, int, int]],
    counts: dict[str, tuple[Any, Any, Any]],
) -> GenderCells:
    if metric.kind is Kind.COUNT:
        return _gender(counts[metric.id])
    if metric.kind is Kind.MEDIAN:
        ended = raw.get("ended", (0, 0, 0))
        return _gender(
            [
                suppress_statistic(values[metric.id][column], ended[index])
                for index, column in enumerate(COLUMNS)
            ]
        )
    numerator = counts[metric.numerator_key]
    denominator = counts[metric.denominator_key]
    return _gender(
        [
            suppress_share(values[metric.id][column], numerator[i], denominator[i])
            for i, column in enumerate(COLUMNS)
        ]
    )


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
        total_row = list(_triple(totals))
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
    data: BreakdownRowContent = {"label": row.label, "values": _gender(cells)}
    if row.places is not None:
        data["places"] = row.places
    return data


def gender_cells(kvinna: int, man: int, total: int, *, suppress: bool) -> GenderCells:
    return _gender(maybe_suppress_gender(kvinna, man, total, suppress=suppress))


__all__ = ["GENDERS", "Cell", "breakdown_rows", "gender_cells", "suppressed_metric_values"]
