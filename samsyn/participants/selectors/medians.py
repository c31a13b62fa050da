"""The median length of the ended registrations, per gender and in total, in SQL.

There is no portable median aggregate (PostgreSQL has ``percentile_cont``, SQLite has
nothing), so window functions number the ended registrations by their length within each
group and only the middle one or two rows of each group leave the database; Python averages
those (docs/metrics.md, "How they are computed"). The work and the memory do not grow with
the registrations.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from samsyn.participants.models import Registration
from samsyn.stats.grouped import PeriodBounds
from samsyn.stats.metrics import COLUMNS, TOTAL, GenderValues
from samsyn.stats.periods import Period


def _length() -> ExpressionWrapper:
    return ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField())


def _middle(position: str, size: str) -> Q:
    """The middle row (odd size) or the two middle rows (even size) of a numbered group:
    2·position ∈ [size, size + 2]."""
    return Q(**{f"{position}2__gte": F(size), f"{position}2__lte": F(size) + 2})


def _median_rows(registrations: QuerySet[Registration], by: list[str]) -> Iterable[tuple[Any, ...]]:
    """The middle rows of the ended ``registrations`` by length, numbered within each
    ``by`` + gender group and within each ``by`` group: (*by, gender, length, is the
    gender group's middle, is the whole group's middle). One query; at most two rows per
    group leave the database."""
    length = _length()
    order = [length.asc(), F("id").asc()]
    gender_group = [*(F(name) for name in by), F("person__gender")]
    whole_group = [F(name) for name in by]
    numbered = registrations.annotate(
        length=length,
        in_gender=Window(RowNumber(), partition_by=gender_group, order_by=order),
        genders=Window(Count("id"), partition_by=gender_group),
        in_whole=Window(RowNumber(), partition_by=whole_group or None, order_by=order),
        whole=Window(Count("id"), partition_by=whole_group or None),
    ).annotate(in_gender2=F("in_gender") * 2, in_whole2=F("in_whole") * 2)
    middle_of_gender = _middle("in_gender", "genders")
    middle_of_whole = _middle("in_whole", "whole")
    return (
        numbered.filter(middle_of_gender | middle_of_whole)
        .annotate(
            gender_middle=Case(When(middle_of_gender, then=Value(True)), default=Value(False)),
            whole_middle=Case(When(middle_of_whole, then=Value(True)), default=Value(False)),
        )
        .values_list(*by, "person__gender", "length", "gender_middle", "whole_middle")
    )


def _medians(middles: Mapping[str, list[int]]) -> GenderValues:
    return {
        column: float(statistics.median(middles[column])) if middles[column] else None
        for column in COLUMNS
    }


def median_days(registrations: QuerySet[Registration], period: Period) -> GenderValues:
    """Median of (end − start) in days per gender; see the module docstring for how."""
    middles: dict[str, list[int]] = {column: [] for column in COLUMNS}
    ended = registrations.filter(end_date__range=(period.start, period.end))
    for gender, length, gender_middle, whole_middle in _median_rows(ended, []):
        if gender_middle and gender in middles:
            middles[gender].append(length.days)
        if whole_middle:
            middles[TOTAL].append(length.days)
    return _medians(middles)


def median_days_by_intervention(
    registrations: QuerySet[Registration], bounds: PeriodBounds
) -> dict[int, GenderValues]:
    """``median_days`` per intervention, each over its own period: one query."""
    ended = registrations.filter(end_date__gte=bounds.start, end_date__lte=bounds.end)
    middles: dict[int, dict[str, list[int]]] = {}
    for pk, gender, length, gender_middle, whole_middle in _median_rows(ended, ["intervention_id"]):
        by_column = middles.setdefault(pk, {column: [] for column in COLUMNS})
        if gender_middle and gender in by_column:
            by_column[gender].append(length.days)
        if whole_middle:
            by_column[TOTAL].append(length.days)
    return {pk: _medians(by_column) for pk, by_column in middles.items()}
