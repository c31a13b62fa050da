"""Figures made ready for their audience: exact for those who may see personal data, small
numbers suppressed for the rest (samsyn/stats/suppression.py). Used by the reports, the
assessments' distribution and the IPS outcomes alike.

A *cell* is JSON: an ``int`` or ``float``, ``None`` (an undefined share or median, shown as
"—") or a ``str`` for a hidden value: "< 5" / "dolt" for a count, "för få för att visa" for a
hidden share or median (``Suppressed`` decides the text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypedDict, TypeVar

from samsyn.stats.metrics import TOTAL, GenderValues, Kind, MetricDefinition, Value
from samsyn.stats.suppression import (
    SMALL_COUNT,
    Shown,
    Suppressed,
    suppress_share,
    suppress_statistic,
    suppress_table,
)

Cell = int | float | str | None
T = TypeVar("T", covariant=True)


class GenderCells(TypedDict):
    """One figure's cells for the columns kvinna, man and total (``COLUMNS``)."""

    kvinna: Cell
    man: Cell
    total: Cell


@dataclass(frozen=True)
class ByGender(Generic[T]):
    """kvinna, man and total of one figure, paired by name: the suppression helpers take and
    give these, so a reordered column can never be suppressed against the wrong total."""

    kvinna: T
    man: T
    total: T

    def of(self, column: str) -> T:
        """The value of ``column`` ("kvinna", "man" or "total")."""
        if column not in ("kvinna", "man", TOTAL):
            raise KeyError(column)
        value: T = getattr(self, column)
        return value


GenderCount = ByGender[int]
ShownGender = ByGender[Shown]


def gender_count(values: Mapping[str, Value]) -> GenderCount:
    """kvinna, man and total of ``values`` as counts (None counts 0)."""
    return ByGender(
        kvinna=int(values["kvinna"] or 0),
        man=int(values["man"] or 0),
        total=int(values[TOTAL] or 0),
    )


def suppress_gender_count(
    count: GenderCount, *, suppress: bool, limit: int = SMALL_COUNT
) -> ShownGender:
    """The count as is for an audience that may see personal data, suppressed otherwise
    (kvinna + man = total is one line of the table, the total in its last column)."""
    if min(count.kvinna, count.man, count.total) < 0:
        raise ValueError(f"A count is negative: {count!r}.")
    if not suppress:
        return ByGender[Shown](kvinna=count.kvinna, man=count.man, total=count.total)
    table = suppress_table([[count.kvinna, count.man, count.total]], row_totals=True, limit=limit)
    kvinna, man, total = table.cells[0]
    return ByGender[Shown](kvinna=kvinna, man=man, total=total)


def gender_json(shown: ByGender[Any]) -> GenderCells:
    """The cells as JSON, by name: a hidden one as its text."""
    return {"kvinna": cell(shown.kvinna), "man": cell(shown.man), "total": cell(shown.total)}


def cell(shown: Any) -> Cell:
    """A shown value as JSON: a hidden one as its text."""
    return str(shown) if isinstance(shown, Suppressed) else shown


def triple(values: Mapping[str, Value]) -> tuple[int, int, int]:
    """kvinna, man and total of ``values`` as counts (None counts 0)."""
    count = gender_count(values)
    return (count.kvinna, count.man, count.total)


def suppressed_metric_values(
    definitions: Iterable[MetricDefinition],
    values: Mapping[str, Mapping[str, Value]],
    counts: Mapping[str, Mapping[str, int]],
    *,
    suppress: bool,
    limit: int = SMALL_COUNT,
) -> dict[str, GenderCells]:
    """The kvinna / man / total cells of ``definitions`` for the audience.

    ``counts`` are the counts behind the metrics (a source's ``evaluate_with_counts``).
    Counts are suppressed per metric (the triple adds up); a share is hidden when its
    numerator or denominator is; a median is hidden when it is taken over fewer than
    ``limit`` (its ``denominator_key`` count). Without ``suppress`` the values are returned
    as they are.
    """
    definitions = tuple(definitions)
    if not suppress:
        return {
            metric.id: gender_json(
                ByGender[Value](
                    kvinna=values[metric.id]["kvinna"],
                    man=values[metric.id]["man"],
                    total=values[metric.id][TOTAL],
                )
            )
            for metric in definitions
        }
    raw = {key: gender_count(by_gender) for key, by_gender in counts.items()}
    shown = {
        key: suppress_gender_count(count, suppress=True, limit=limit) for key, count in raw.items()
    }
    return {metric.id: _shown_metric(metric, values, raw, shown, limit) for metric in definitions}


_ZERO = ByGender(kvinna=0, man=0, total=0)


def _shown_metric(
    metric: MetricDefinition,
    values: Mapping[str, Mapping[str, Value]],
    raw: Mapping[str, GenderCount],
    counts: Mapping[str, ShownGender],
    limit: int,
) -> GenderCells:
    value = values[metric.id]
    if metric.kind is Kind.COUNT:
        return gender_json(counts[metric.id])
    if metric.kind is Kind.MEDIAN:
        base = raw.get(metric.denominator_key, _ZERO)
        return gender_json(
            ByGender[Any](
                kvinna=suppress_statistic(value["kvinna"], base.kvinna, limit=limit),
                man=suppress_statistic(value["man"], base.man, limit=limit),
                total=suppress_statistic(value[TOTAL], base.total, limit=limit),
            )
        )
    numerator = counts[metric.numerator_key]
    denominator = counts[metric.denominator_key]
    return gender_json(
        ByGender[Any](
            kvinna=suppress_share(value["kvinna"], numerator.kvinna, denominator.kvinna),
            man=suppress_share(value["man"], numerator.man, denominator.man),
            total=suppress_share(value[TOTAL], numerator.total, denominator.total),
        )
    )


def gender_cells(
    kvinna: int, man: int, total: int, *, suppress: bool, limit: int = SMALL_COUNT
) -> GenderCells:
    count = ByGender(kvinna=kvinna, man=man, total=total)
    return gender_json(suppress_gender_count(count, suppress=suppress, limit=limit))


__all__ = [
    "ByGender",
    "Cell",
    "GenderCells",
    "GenderCount",
    "GenderValues",
    "ShownGender",
    "cell",
    "gender_cells",
    "gender_count",
    "gender_json",
    "suppress_gender_count",
    "suppressed_metric_values",
    "triple",
]
