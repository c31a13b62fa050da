"""The metric registry (samsyn/stats/metrics.py): which sources apply to an intervention,
evaluating only the sources a caller needs, and the values computed from counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import pytest

from samsyn.stats import metrics as registry
from samsyn.stats.metrics import COLUMNS, Counts, GenderValues, Kind, MetricDefinition
from samsyn.stats.periods import Period
from samsyn.stats.tables import suppressed_metric_values

PERIOD = Period(datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))


@dataclass(frozen=True)
class Intervention:
    """Stands in for a model instance: one object, not iterable."""

    method: str


@dataclass(eq=False)
class FakeSource:
    definitions: tuple[MetricDefinition, ...]
    method: str = ""  # "" applies to every intervention
    calls: list[Any] = field(default_factory=list)

    def applies_to(self, intervention: Any) -> bool:
        return not self.method or intervention.method == self.method

    def evaluate_with_counts(
        self, interventions: Any, period: Period
    ) -> tuple[dict[str, GenderValues], Counts]:
        self.calls.append(interventions)
        counts = {metric.id: {"kvinna": 1, "man": 2, "total": 3} for metric in self.definitions}
        return registry.shares_from(self.definitions, counts), counts


def count(metric_id: str) -> MetricDefinition:
    return MetricDefinition(metric_id, metric_id, "", "", Kind.COUNT)


@pytest.fixture
def sources(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeSource, FakeSource]:
    everyone = FakeSource((count("started"), count("ended")))
    method = FakeSource((count("jobs"),), method="ips")
    monkeypatch.setattr(registry, "_SOURCES", [])
    for source in (everyone, method, everyone):  # a second registration is a no-op
        registry.register_source(source)
    return everyone, method


def test_metrics_of_an_intervention_are_those_of_the_sources_that_apply(sources) -> None:
    assert [m.id for m in registry.metrics()] == ["started", "ended", "jobs"]
    assert [m.id for m in registry.metrics(Intervention("ips"))] == ["started", "ended", "jobs"]
    assert [m.id for m in registry.metrics(Intervention("other"))] == ["started", "ended"]
    assert registry.metric_get("jobs").kind is Kind.COUNT
    with pytest.raises(KeyError):
        registry.metric_get("nothing")


def test_one_intervention_is_evaluated_by_the_sources_that_apply_only(sources) -> None:
    _everyone, method = sources
    assert list(registry.evaluate(Intervention("other"), PERIOD)) == ["started", "ended"]
    assert method.calls == []
    assert list(registry.evaluate(Intervention("ips"), PERIOD)) == ["started", "ended", "jobs"]
    assert len(method.calls) == 1


def test_several_interventions_go_to_every_source(sources) -> None:
    _everyone, method = sources
    several = [Intervention("other"), Intervention("ips")]
    values, counts = registry.evaluate_with_counts(several, PERIOD)
    assert set(values) == set(counts) == {"started", "ended", "jobs"}
    assert method.calls == [several]


def test_metric_ids_skip_the_sources_not_needed(sources) -> None:
    everyone, method = sources
    values = registry.evaluate(Intervention("ips"), PERIOD, metric_ids={"ended"})
    assert values == {
        "started": {"kvinna": 1, "man": 2, "total": 3},
        "ended": {"kvinna": 1, "man": 2, "total": 3},
    }
    assert method.calls == [] and len(everyone.calls) == 1
    assert list(registry.evaluate(Intervention("ips"), PERIOD, metric_ids={"jobs"})) == ["jobs"]


def test_shares_and_medians_from_counts() -> None:
    definitions = (
        count("ended"),
        count("to_work"),
        MetricDefinition("share", "", "", "", Kind.SHARE, "to_work", "ended"),
        MetricDefinition("median", "", "", "", Kind.MEDIAN, denominator_key="ended"),
    )
    counts = {
        "ended": {"kvinna": 4, "man": 6, "total": 10},
        "to_work": {"kvinna": 0, "man": 3, "total": 3},
    }
    median: GenderValues = {"kvinna": 20.0, "man": 9.0, "total": 12.5}
    values = registry.shares_from(definitions, counts, median)
    assert values["share"] == {"kvinna": 0.0, "man": 0.5, "total": 0.3}
    assert values["median"] == median
    shown = suppressed_metric_values(definitions, values, counts, suppress=True)
    # 4 women ended: "< 5", so the men's 6 is hidden too (10 − 6 would give the 4 back)
    assert shown["ended"] == {"kvinna": "< 5", "man": "dolt", "total": 10}
    assert shown["to_work"] == {"kvinna": 0, "man": "< 5", "total": "< 5"}
    # a share is hidden with its numerator or its denominator: a derived figure, not a count
    too_few = "för få för att visa"
    assert shown["share"] == {"kvinna": too_few, "man": too_few, "total": too_few}
    # a median over 1–4 (its denominator_key count, not what is shown of it) is hidden
    assert shown["median"] == {"kvinna": too_few, "man": 9.0, "total": 12.5}
    exact = suppressed_metric_values(definitions, values, counts, suppress=False)
    assert exact == {metric.id: values[metric.id] for metric in definitions}
    assert tuple(exact["ended"]) == COLUMNS


@dataclass(frozen=True)
class SavedIntervention:
    """Stands in for a saved model instance: it has a primary key."""

    pk: int
    method: str = "ips"


def test_within_the_memo_a_source_answers_an_intervention_and_period_once(sources) -> None:
    everyone, _method = sources
    first, second = SavedIntervention(1), SavedIntervention(2)
    later = Period(datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    with registry.evaluation_memo():
        values = registry.evaluate(first, PERIOD, metric_ids={"started"})
        values["started"]["total"] = 99  # a caller changing its copy changes no other's
        with registry.evaluation_memo():  # a nested block shares the outer memory
            again = registry.evaluate(first, PERIOD, metric_ids={"ended"})
        assert registry.evaluate(first, PERIOD)["started"]["total"] == 3
        registry.evaluate(second, PERIOD)
        registry.evaluate(first, later)
        registry.evaluate([first], PERIOD)  # several interventions are never remembered
        registry.evaluate([first], PERIOD)
    assert again["ended"] == {"kvinna": 1, "man": 2, "total": 3}
    assert everyone.calls == [first, second, first, [first], [first]]
    registry.evaluate(first, PERIOD)  # outside the block nothing is remembered
    assert everyone.calls[-1] == first and len(everyone.calls) == 6
