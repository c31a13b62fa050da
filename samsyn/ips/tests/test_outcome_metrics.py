"""The IPS outcomes in the one registry of samsyn.stats (samsyn/ips/metrics.py, registered
in IpsConfig.ready): the same values as the outcomes page, for IPS interventions only, and
usable as goals there."""

from __future__ import annotations

import pytest

from samsyn.conftest import World
from samsyn.interventions.models import Goal, Intervention
from samsyn.interventions.selectors.goals import evaluate_goals, goal_metric_get, metric_choices
from samsyn.ips.metrics import IPS_METRICS
from samsyn.ips.selectors.outcomes_summary import ips_outcomes_summary
from samsyn.ips.tests.outcomes_setup import Q1, D, ips, job, reg, touch
from samsyn.participants.models import Registration
from samsyn.stats import metrics as registry

__all__ = ["ips"]  # fixtures
IPS_IDS = [metric.id for metric in IPS_METRICS]


def test_ids_names_and_kinds_are_those_of_the_outcomes_page(ips: Intervention) -> None:
    figures = ips_outcomes_summary(ips, Q1, suppress=False)["figures"]
    assert [figure["id"] for figure in figures] == IPS_IDS
    assert IPS_IDS == [
        "caseload_active",
        "out_of_work_active",
        "in_competitive_job",
        "employment_rate",
        "job_starts",
        "job_starts_first",
        "job_starts_noncompetitive",
        "median_days_to_first_job",
        "jobs_13w_base",
        "jobs_13w_held",
        "jobs_13w_unknown",
        "jobs_13w_share",
        "follow_along",
    ]
    assert [figure["kind"] for figure in figures] == [m.kind.value for m in IPS_METRICS]
    assert {registry.metric_get(i).name for i in IPS_IDS} == {m.name for m in IPS_METRICS}


def test_the_registry_answers_the_page_s_values(world: World, ips: Intervention) -> None:
    coach = world["coach"]
    first = reg(ips, coach, D(2026, 1, 1), occupation="ingen")
    job(first, D(2026, 1, 11))  # 10 days
    second = reg(ips, coach, D(2025, 12, 1), gender="man", occupation="ingen")
    job(second, D(2026, 3, 1))  # 90 days
    reg(ips, coach, D(2025, 12, 1), occupation="ingen")  # out of work, no job
    touch(*Registration.objects.all())  # all three in the active caseload
    values = registry.evaluate(ips, Q1)
    page = ips_outcomes_summary(ips, Q1, suppress=False)["figures"]
    assert {figure["id"]: figure["values"] for figure in page} == {i: values[i] for i in IPS_IDS}
    assert values["employment_rate"]["total"] == pytest.approx(2 / 3)
    assert values["median_days_to_first_job"] == {"kvinna": 10.0, "man": 90.0, "total": 50.0}
    assert values["started"]["total"] == 1  # the registration metrics as before


def test_only_ips_interventions_have_ips_metrics(world: World) -> None:
    other = world.intervention
    other.methods = []
    other.save()
    assert not set(IPS_IDS) & {metric.id for metric in registry.metrics(other)}
    assert not set(IPS_IDS) & set(registry.evaluate(other, Q1))
    assert not set(IPS_IDS) & {choice for choice, _label in metric_choices(other)}
    assert goal_metric_get("employment_rate", other) is None


def test_an_ips_goal_is_evaluated_and_its_small_numbers_hidden(
    world: World, ips: Intervention
) -> None:
    coach = world["coach"]
    job(reg(ips, coach, D(2026, 1, 1), occupation="ingen"), D(2026, 1, 11))
    reg(ips, coach, D(2025, 12, 1), occupation="ingen")
    touch(*Registration.objects.all())
    assert "employment_rate" in {choice for choice, _label in metric_choices(ips)}
    goal = Goal.objects.create(
        intervention=ips,
        metric_id="employment_rate",
        comparison="at_least",
        target=40,
        gender="total",
    )
    median = Goal.objects.create(
        intervention=ips,
        metric_id="median_days_to_first_job",
        comparison="at_most",
        target=30,
        gender="total",
    )
    exact = evaluate_goals(ips, [goal, median], period=Q1)
    assert [(r.actual_text, r.status.value) for r in exact] == [
        ("50,0 %", "uppnått"),
        ("10,0", "uppnått"),
    ]
    hidden = evaluate_goals(ips, [goal, median], period=Q1, suppress=True)
    assert [r.hidden for r in hidden] == [True, True]  # 1 of 2, and a median over one job
