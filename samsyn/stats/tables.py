"""Figures made ready for their audience: exact for those who may see personal data, small
numbers suppressed for the rest (samsyn/stats/suppression.py). Used by the reports, the
assessments' distribution and the IPS outcomes alike.

A *cell* is JSON: an ``int`` or ``float``, ``None`` (an undefined share or median, shown as
"—") or a ``str`` ("< 5" / "dolt") for a hidden count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

from samsyn.stats.metrics import COLUMNS, TOTAL, GenderValues, Kind, MetricDefinition, Value
from samsyn.stats.suppression import (
    Suppressed,
    maybe_suppress_gender,
    suppress_share,
    suppress_statistic,
)

Cell = int | float | str | None


class GenderCells(TypedDict):
    """One figure's cells for the columns kvinna, man and total (``COLUMNS``)."""

    kvinna: Cell
    man: Cell
    total: Cell


def gender_of(cells: Sequence[Any]) -> GenderCells:
    """kvinna, man and total cells from three shown values in ``COLUMNS`` order."""
    kvinna, man, total = (cell(value) for value in cells)
    return {"kvinna": kvinna, "man": man, "total": total}


def cell(shown: Any) -> Cell:
    """A shown value as JSON: a hidden one as its text."""
    return str(shown) if isinstance(shown, Suppressed) else shown


def triple(values: Mapping[str, Value]) -> tuple[int, int, int]:
    """kvinna, man and total of ``values`` as counts (None counts 0)."""
    return (int(values["kvinna"] or 0), int(values["man"] or 0), int(values[TOTAL] or 0))


def suppressed_metric_values(
    definitions: Iterable[MetricDefinition],
    values: Mapping[str, Mapping[str, Value]],
    counts: Mapping[str, Mapping[str, int]],
    *,
    suppress: bool,
) -> dict[str, GenderCells]:
    """The kvinna / man / total cells of ``definitions`` for the audience.

    ``counts`` are the counts behind the metrics (a source's ``evaluate_with_counts``).
    Counts are suppressed per metric (the triple adds up); a share is hidden when its
    numerator or denominator is; a median is hidden when it is taken over 1–4 (its
    ``denominator_key`` count). Without ``suppress`` the values are returned as they are.
    """
    definitions = tuple(definitions)
    if not suppress:
        return {
            metric.id: gender_of([values[metric.id][column] for column in COLUMNS])
            for metric in definitions
        }
    raw = {key: triple(by_gender) for key, by_gender in counts.items()}
    shown = {key: maybe_suppress_gender(*counted, suppress=True) for key, counted in raw.items()}
    return {metric.id: _shown_metric(metric, values, raw, shown) for metric in definitions}


def _shown_metric(
    metric: MetricDefinition,
    values: Mapping[str, Mapping[str, Value]],
    raw: Mapping[str, tuple[int, int, int]],
    counts: Mapping[str, tuple[Any, Any, Any]],
) -> GenderCells:
    if metric.kind is Kind.COUNT:
        return gender_of(counts[metric.id])
    if metric.kind is Kind.MEDIAN:
        base = raw.get(metric.denominator_key, (0, 0, 0))
        return gender_of(
            [
                suppress_statistic(values[metric.id][column], base[index])
                for index, column in enumerate(COLUMNS)
            ]
        )
    numerator = counts[metric.numerator_key]
    denominator = counts[metric.denominator_key]
    return gender_of(
        [
            suppress_share(values[metric.id][column], numerator[i], denominator[i])
            for i, column in enumerate(COLUMNS)
        ]
    )


def gender_cells(kvinna: int, man: int, total: int, *, suppress: bool) -> GenderCells:
    return gender_of(maybe_suppress_gender(kvinna, man, total, suppress=suppress))


__all__ = [
    "Cell",
    "GenderCells",
    "GenderValues",
    "cell",
    "gender_cells",
    "gender_of",
    "suppressed_metric_values",
    "triple",
]
