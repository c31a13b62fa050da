"""Which metrics a report lists follows the metric registry's "applies to" rule
(docs/metrics.md, docs/dashboard.md): the resource inventory's recommendation shares only for
interventions that use resursinventering, with the national wording of the recommendations
(docs/resource-inventory.md); the IPS outcomes in their own section, not twice."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import Intervention, Method
from samsyn.participants.models.choices import Recommendation
from samsyn.participants.selectors.metrics import (
    RECOMMENDATION_METRICS,
    REGISTRATION_METRIC_DEFINITIONS,
)
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.selectors.content import report_content, report_metrics
from samsyn.reporting.selectors.forbund import FIGURE_KEYS
from samsyn.stats import metrics as registry
from samsyn.stats.periods import Period
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
D = datetime.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))
TODAY = D(2026, 4, 15)
RECOMMENDATION_IDS = {metric.id for metric in RECOMMENDATION_METRICS}
Persona = Callable[[str], Client]


def _ended(intervention: Intervention, gender: str, recommendation: str = "") -> None:
    person = PersonFactory(forbund=intervention.forbund, gender=gender)
    RegistrationFactory(
        intervention=intervention,
        person=person,
        start_date=D(2025, 10, 1),
        end_date=D(2026, 2, 1),
        exit_reason="fullfoljt",
        outcome="ovrigt",
        recommendation=recommendation,
    )


def _with_methods(world: World, *methods: str) -> Intervention:
    world.intervention.methods = list(methods)
    world.intervention.save()
    return world.intervention


def test_the_national_wording_of_the_recommendations() -> None:
    """Seed 004 names the four tracks; "AMA" is Jönköping's arbetsmarknadsavdelning, a local
    unit, so the label is the national "Arbetsförberedande insatser"."""
    labels = dict(Recommendation.choices)
    assert str(labels["arbetsforberedande"]) == "Arbetsförberedande insatser"
    assert not any("AMA" in str(label) for label in labels.values())


def test_recommendation_shares_apply_to_resursinventering_only() -> None:
    ips = InterventionFactory(methods=[Method.IPS])
    rebus = InterventionFactory(methods=[Method.MI_STEGFORFLYTTNING, Method.BIP])
    inventory = InterventionFactory(methods=[Method.RESURSINVENTERING])
    for intervention in (ips, rebus):
        assert not RECOMMENDATION_IDS & {metric.id for metric in registry.metrics(intervention)}
        assert not RECOMMENDATION_IDS & {metric.id for metric in report_metrics(intervention)}
    assert {metric.id for metric in report_metrics(inventory)} >= RECOMMENDATION_IDS


def test_the_ips_outcomes_are_not_listed_twice() -> None:
    ips = InterventionFactory(methods=[Method.IPS])
    listed = [metric.id for metric in report_metrics(ips)]
    assert listed == [metric.id for metric in REGISTRATION_METRIC_DEFINITIONS]


def test_ips_report_content_has_no_recommendation_rows(world: World) -> None:
    ips = _with_methods(world, Method.IPS)
    _ended(ips, "kvinna")
    content = report_content(ips, Q1, suppress=False, today=TODAY)
    ids = {metric["id"] for metric in content["metrics"]}
    assert not ids & RECOMMENDATION_IDS
    assert "ips_outcomes" in {section["id"] for section in content["sections"]}


def test_resource_inventory_content_has_the_shares_with_national_labels(world: World) -> None:
    inventory = _with_methods(world, Method.RESURSINVENTERING)
    _ended(inventory, "kvinna", "arbetsforberedande")
    _ended(inventory, "man", "aktivitet")
    _ended(inventory, "man", "aktivitet")
    _ended(inventory, "kvinna", "sjukersattning")
    content = report_content(inventory, Q1, suppress=False, today=TODAY)
    by_id = {metric["id"]: metric for metric in content["metrics"]}
    first = by_id["share_recommendation_arbetsforberedande"]
    assert first["name"] == "Andel med rekommendationen Arbetsförberedande insatser"
    assert first["values"] == {"kvinna": 0.5, "man": 0.0, "total": 0.25}
    assert by_id["share_recommendation_aktivitet"]["values"]["total"] == 0.5
    assert by_id["share_recommendation_fortsatt_rehabilitering"]["values"]["total"] == 0.0


def test_several_interventions_count_only_the_resursinventering_ones(world: World) -> None:
    inventory = _with_methods(world, Method.RESURSINVENTERING)
    _ended(inventory, "kvinna", "arbetsforberedande")
    other = world.other_intervention
    other.methods = [Method.IPS]
    other.save()
    _ended(other, "kvinna", "sjukersattning")  # an old row: not counted for an IPS insats
    values = registry.evaluate([inventory, other], Q1)
    assert values["share_recommendation_arbetsforberedande"]["total"] == 1.0
    assert values["share_recommendation_sjukersattning"]["total"] == 0.0


def test_ips_dashboard_shows_no_recommendation_row(as_persona: Persona, world: World) -> None:
    _with_methods(world, Method.IPS)
    page = as_persona("admin").get(
        reverse("reporting:dashboard", args=[world.intervention.pk]),
        {"fran": "2026-01-01", "till": "2026-03-31"},
    )
    html = page.content.decode()
    assert "rekommendationen" not in html
    assert "(AMA)" not in html


def test_resource_inventory_dashboard_shows_the_rows(as_persona: Persona, world: World) -> None:
    _with_methods(world, Method.RESURSINVENTERING)
    _ended(world.intervention, "kvinna", "arbetsforberedande")
    page = as_persona("admin").get(
        reverse("reporting:dashboard", args=[world.intervention.pk]),
        {"fran": "2026-01-01", "till": "2026-03-31"},
    )
    html = page.content.decode()
    assert "Andel med rekommendationen Arbetsförberedande insatser" in html
    assert "(AMA)" not in html


# One of them asks whether a team is linked to the intervention (collaboration figures).
@pytest.mark.parametrize(("method", "queries"), [(Method.IPS, 30), (Method.RESURSINVENTERING, 21)])
def test_query_count_is_constant_per_method(
    world: World, method: str, queries: int, assert_query_count: QueryCount
) -> None:
    intervention = _with_methods(world, method)
    _ended(intervention, "kvinna", "")
    # Once before counting: what a process or the instance learns once (content types, the
    # sources' definitions) is not the report's own cost and must not depend on test order.
    report_content(intervention, Q1, suppress=True, today=TODAY)
    with assert_query_count(queries):
        report_content(intervention, Q1, suppress=True, today=TODAY)
    for index in range(12):
        _ended(intervention, "man" if index % 2 else "kvinna", "aktivitet")
    with assert_query_count(queries):
        report_content(intervention, Q1, suppress=True, today=TODAY)


def test_the_forbund_reports_show_only_metrics_that_apply_to_every_intervention() -> None:
    """The förbund tables count FIGURE_KEYS for every intervention in one grouped query, so
    each must be a metric of the registration source, which applies to every intervention
    (a method's metric, such as a recommendation share, must not be counted for all)."""
    everywhere = {metric.id for metric in REGISTRATION_METRIC_DEFINITIONS}
    assert set(FIGURE_KEYS) <= everywhere
    for key in FIGURE_KEYS:
        assert registry.metric_get(key).name


def test_the_forbund_reports_count_through_the_registry_as_each_intervention_does(
    world: World, assert_query_count: QueryCount
) -> None:
    """#9: the förbund tables read the registry's grouped counts; each intervention's row is
    what the registry gives that intervention alone, in one query for all of them."""
    other = InterventionFactory(forbund=world.forbund, owner_party=world.intervention.owner_party)
    for intervention, genders in (
        (world.intervention, ["kvinna", "man", "man"]),
        (other, ["kvinna"]),
    ):
        for gender in genders:
            _ended(intervention, gender)
    both = Intervention.objects.filter(pk__in=[world.intervention.pk, other.pk])
    with assert_query_count(1):
        grouped = registry.counts_by_intervention(both, Q1, FIGURE_KEYS)
    for intervention in (world.intervention, other):
        _values, alone = registry.evaluate_with_counts(intervention, Q1, metric_ids=FIGURE_KEYS)
        for key in FIGURE_KEYS:
            assert grouped[intervention.pk][key] == alone[key], key
    assert grouped[world.intervention.pk]["ended"] == {"kvinna": 1, "man": 2, "total": 3}


def test_a_metric_no_source_can_count_by_intervention_is_refused() -> None:
    with pytest.raises(KeyError):
        registry.counts_by_intervention(Intervention.objects.none(), Q1, ["share_work_or_studies"])
