"""The metric primitives and the one registry every report, goal, dashboard and the API read.

A metric (nyckeltal) has an id, a Swedish name, a definition and a denominator (shown to
users on the report) and a kind: a *count*, a *share* of two counts (``None`` when the
denominator is 0, shown as "—"), or a *median*. Every value is given for ``kvinna``, ``man``
and ``total``.

This module knows no domain model. The app that owns the rows a metric counts defines the
metric and registers a :class:`MetricSource` in its ``AppConfig.ready`` (participants: the
registration metrics, docs/metrics.md; ips: the IPS outcomes, docs/ips-outcomes.md, which
apply to IPS and Supported Employment interventions only); a lower app such as
interventions (goals, money) reads every metric through :func:`evaluate` without importing
the app that counts it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, cast

from django.utils.functional import Promise

from samsyn.stats.periods import Period

# The two legal genders a registration is counted under (participants' ``Gender`` values).
GENDERS: tuple[str, ...] = ("kvinna", "man")
TOTAL = "total"
COLUMNS: tuple[str, ...] = (*GENDERS, TOTAL)

Value = int | float | None
GenderValues = dict[str, Value]
Counts = dict[str, dict[str, int]]


class Kind(StrEnum):
    COUNT = "count"
    SHARE = "share"
    MEDIAN = "median"


@dataclass(frozen=True)
class MetricDefinition:
    id: str
    name: str | Promise
    definition: str | Promise
    denominator: str | Promise
    kind: Kind
    # For shares: the count keys divided (see the source's counts).
    numerator_key: str = ""
    denominator_key: str = ""


def share(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``; None (shown as "—") when the denominator is 0."""
    return numerator / denominator if denominator else None


def with_total(by_gender: dict[str, int]) -> dict[str, int]:
    """kvinna, man and their total; a gender without rows counts 0."""
    counts = {gender: by_gender.get(gender, 0) for gender in GENDERS}
    counts[TOTAL] = sum(by_gender.values())
    return counts


class MetricSource(Protocol):
    """What an app registers: its metric definitions, which interventions they apply to
    (a method app's metrics only to interventions running the method) and how to compute
    them in SQL. Given several interventions, a source counts only those it applies to."""

    definitions: tuple[MetricDefinition, ...]

    def applies_to(self, intervention: Any) -> bool: ...

    def evaluate_with_counts(
        self, interventions: Any, period: Period
    ) -> tuple[dict[str, GenderValues], Counts]: ...


class GroupedMetricSource(MetricSource, Protocol):
    """A source that can also count by intervention in one query (the förbund's reports)."""

    def counts_by_intervention(
        self, interventions: Any, period: Period, keys: Iterable[str]
    ) -> dict[int, Counts]: ...


class PeriodGroupedMetricSource(MetricSource, Protocol):
    """A source that evaluates several interventions, each over its own period, with a
    constant number of queries (the start page's goals; ``samsyn.stats.grouped``). Only the
    interventions it applies to are in the answer. A dynamic source may also have
    ``prepare(interventions)``, remembering its definitions of each intervention in one
    query (called first by ``evaluate_by_intervention``)."""

    def evaluate_by_intervention(
        self, interventions: Any, periods: dict[int, Period]
    ) -> dict[int, tuple[dict[str, GenderValues], Counts]]: ...


class DynamicMetricSource(MetricSource, Protocol):
    """A source whose metrics are rows of the database, not constants (the surveys app: the
    share positive of each indicator of each instrument). Its static ``definitions`` may be
    empty; ``definition_of`` answers an id it owns from the id alone (no query), and
    ``definitions_for`` lists what applies to one intervention (may query)."""

    def definition_of(self, metric_id: str) -> MetricDefinition | None: ...

    def definitions_for(self, intervention: Any) -> tuple[MetricDefinition, ...]: ...


_SOURCES: list[MetricSource] = []


def _owns(source: MetricSource, metric_id: str) -> bool:
    if any(metric.id == metric_id for metric in source.definitions):
        return True
    definition_of = getattr(source, "definition_of", None)
    return definition_of is not None and definition_of(metric_id) is not None


def _definitions(source: MetricSource, intervention: Any) -> tuple[MetricDefinition, ...]:
    """The source's definitions; a dynamic source's rows too, given one intervention."""
    definitions_for = getattr(source, "definitions_for", None)
    if intervention is None or definitions_for is None:
        return source.definitions
    return (*source.definitions, *definitions_for(intervention))


def register_source(source: MetricSource) -> None:
    """Called from an ``AppConfig.ready``; registering the same source twice is a no-op."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def _sources(interventions: Any, metric_ids: Iterable[str] | None) -> list[MetricSource]:
    """The sources to evaluate: for one intervention those that apply to it; only those
    defining one of ``metric_ids`` when given."""
    wanted = None if metric_ids is None else frozenset(metric_ids)
    single = not isinstance(interventions, Iterable)
    return [
        source
        for source in _SOURCES
        if (not single or source.applies_to(interventions))
        and (wanted is None or any(_owns(source, metric_id) for metric_id in wanted))
    ]


def metrics(intervention: Any = None, *, dynamic: bool = True) -> tuple[MetricDefinition, ...]:
    """Every registered metric in registration order; given an intervention, only those
    that apply to it, with the dynamic sources' rows for it (DynamicMetricSource) unless
    ``dynamic`` is False (a report lists only the constant metrics: no query)."""
    sources = _SOURCES if intervention is None else _sources(intervention, None)
    wanted = intervention if dynamic else None
    return tuple(definition for source in sources for definition in _definitions(source, wanted))


def metric_get(metric_id: str) -> MetricDefinition:
    """The definition of ``metric_id``; KeyError for an unknown id."""
    for definition in metrics():
        if definition.id == metric_id:
            return definition
    for source in _SOURCES:
        definition_of = getattr(source, "definition_of", None)
        found = definition_of(metric_id) if definition_of is not None else None
        if found is not None:
            return cast(MetricDefinition, found)
    raise KeyError(metric_id)


def evaluate_with_counts(
    interventions: Any, period: Period, *, metric_ids: Iterable[str] | None = None
) -> tuple[dict[str, GenderValues], Counts]:
    """The registered metrics for ``interventions`` (one, a queryset or a list) and
    ``period``, with the underlying counts (suppression needs a share's numerator).

    For one intervention only the sources that apply to it are evaluated. With
    ``metric_ids`` only the sources defining one of them are (each source answers all its
    metrics), so a caller that needs one figure does not pay for every app's queries."""
    values: dict[str, GenderValues] = {}
    counts: Counts = {}
    for source in _sources(interventions, metric_ids):
        source_values, source_counts = _evaluate_source(source, interventions, period)
        values.update(source_values)
        counts.update(source_counts)
    return values, counts


# One pass per report: within ``evaluation_memo()`` each source answers one intervention and
# period once, however many parts of the report (metrics, goals, lead figures, method
# sections) ask for it (docs/performance.md, "Reports").
_MEMO: ContextVar[dict[tuple[int, int, Period], tuple[dict[str, GenderValues], Counts]] | None] = (
    ContextVar("samsyn_metric_memo", default=None)
)


@contextmanager
def evaluation_memo() -> Iterator[None]:
    """Remember every source's answer for one intervention and period until the block
    ends; nested blocks share the outer one's memory. Only for reads of one request: a
    write inside the block would not be seen by a later evaluation."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _evaluate_source(
    source: MetricSource, interventions: Any, period: Period
) -> tuple[dict[str, GenderValues], Counts]:
    memo = _MEMO.get()
    pk = getattr(interventions, "pk", None)
    if memo is None or isinstance(interventions, Iterable) or pk is None:
        return source.evaluate_with_counts(interventions, period)
    key = (id(source), pk, period)
    if key not in memo:
        memo[key] = source.evaluate_with_counts(interventions, period)
    # Callers may change what they get: each gets its own copy.
    return copy.deepcopy(memo[key])


def counts_by_intervention(
    interventions: Any, period: Period, metric_ids: Iterable[str]
) -> dict[int, Counts]:
    """``{intervention id: {metric id: {"kvinna": n, "man": n, "total": n}}}`` for count
    metrics, one query per source that defines them: a förbund report's table of every
    intervention. A source without ``counts_by_intervention`` cannot answer this; asking it
    is a programming error (KeyError names the metric)."""
    wanted = tuple(metric_ids)
    by_intervention: dict[int, Counts] = {}
    answered: set[str] = set()
    for source in _sources(interventions, wanted):
        keys = [metric.id for metric in source.definitions if metric.id in wanted]
        if not hasattr(source, "counts_by_intervention"):
            continue
        grouped = cast(GroupedMetricSource, source)
        for intervention_id, counts in grouped.counts_by_intervention(
            interventions, period, keys
        ).items():
            by_intervention.setdefault(intervention_id, {}).update(counts)
        answered.update(keys)
    missing = [key for key in wanted if key not in answered]
    if missing:
        raise KeyError(f"No source counts {missing} by intervention.")
    return by_intervention


def evaluate(
    interventions: Any, period: Period, *, metric_ids: Iterable[str] | None = None
) -> dict[str, GenderValues]:
    """``{metric id: {"kvinna": v, "man": v, "total": v}}`` in registry order."""
    return evaluate_with_counts(interventions, period, metric_ids=metric_ids)[0]


def shares_from(
    definitions: Iterable[MetricDefinition], counts: Counts, median: GenderValues | None = None
) -> dict[str, GenderValues]:
    """The values of ``definitions`` from their counts: counts as they are, shares divided,
    medians from ``median`` (a median's ``denominator_key`` names the count it is taken
    over)."""
    result: dict[str, GenderValues] = {}
    for metric in definitions:
        if metric.kind is Kind.COUNT:
            result[metric.id] = dict(counts[metric.id])
        elif metric.kind is Kind.SHARE:
            numerator = counts[metric.numerator_key]
            denominator = counts[metric.denominator_key]
            result[metric.id] = {
                column: share(numerator[column], denominator[column]) for column in COLUMNS
            }
        else:
            result[metric.id] = dict(median or dict.fromkeys(COLUMNS))
    return result


def groups_by_intervention(metric_ids: Iterable[str]) -> bool:
    """Whether every source defining one of ``metric_ids`` has ``evaluate_by_intervention``
    (no query: a dynamic source answers ``definition_of`` from the id alone)."""
    wanted = tuple(metric_ids)
    return all(
        hasattr(source, "evaluate_by_intervention")
        for source in _SOURCES
        if any(_owns(source, metric_id) for metric_id in wanted)
    )


def evaluate_by_intervention(
    interventions: Iterable[Any], periods: dict[int, Period], *, metric_ids: Iterable[str]
) -> dict[int, tuple[dict[str, GenderValues], Counts]]:
    """``evaluate_with_counts`` of each intervention over its own period (``periods``:
    intervention id → period), a constant number of queries per source whatever the number
    of interventions. Each source answers only the interventions it applies to, so an
    intervention's values hold exactly what ``evaluate_with_counts(intervention, period)``
    would give. A source defining one of ``metric_ids`` without ``evaluate_by_intervention``
    is a programming error (KeyError; check with :func:`groups_by_intervention`)."""
    interventions = list(interventions)
    result: dict[int, tuple[dict[str, GenderValues], Counts]] = {
        intervention.pk: ({}, {}) for intervention in interventions
    }
    for source in _sources(interventions, tuple(metric_ids)):
        if not hasattr(source, "evaluate_by_intervention"):
            raise KeyError(f"{type(source).__name__} cannot evaluate by intervention.")
        grouped = cast(PeriodGroupedMetricSource, source)
        prepare = getattr(source, "prepare", None)
        if prepare is not None:
            prepare(interventions)  # a dynamic source's definitions of all, at once
        for pk, (values, counts) in grouped.evaluate_by_intervention(
            interventions, periods
        ).items():
            result[pk][0].update(values)
            result[pk][1].update(counts)
    return result


def grouped_definition(metric_id: str, intervention: Any) -> MetricDefinition | None:
    """The definition of ``metric_id`` when a source with ``evaluate_by_intervention``
    defines it and applies to ``intervention``; None otherwise, as ``metrics(intervention)``
    would say. Such sources know whether they apply from the intervention's own fields, and
    a dynamic one's definitions of the intervention are remembered on it by its ``prepare``
    (called by :func:`evaluate_by_intervention`): no query after that."""
    for source in _SOURCES:
        if not hasattr(source, "evaluate_by_intervention") or not _owns(source, metric_id):
            continue
        if not source.applies_to(intervention):
            return None
        for definition in _definitions(source, intervention):
            if definition.id == metric_id:
                return definition
        return None
    return None
