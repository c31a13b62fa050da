"""The SQL sums of selectors/finance.py against hand counts, the cost per participant, the year
chooser, the month table and the demo money."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.core.demo_data import IMPORT_TRIAL_SLUG, IPS_SLUG, STEP_SLUG
from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.demo_money import seed_money
from samsyn.interventions.models import (
    ActualCost,
    AnnualPlan,
    BudgetLine,
    Financing,
    Intervention,
)
from samsyn.interventions.selectors.finance import (
    budget_by_funder,
    budget_vs_outcome,
    cost_per_participant,
    financing_by_source,
    intervention_years,
    monthly_outcome,
    outcome_by_month_and_category,
)
from samsyn.interventions.selectors.money import choose_year, cost_table
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def counted(world: Any) -> Intervention:
    """Budget 2025: salaries 500 000 + 100 000, premises 50 000; 2026: salaries 700 000.
    Outcome: 2025-01 salaries 10 000, 2025-12 salaries 20 000 and premises 3 000,
    2026-01 salaries 40 000, 2026-12 premises 7 000; another intervention's cost never counts.
    """
    ins = world.intervention
    for year, category, amount in (
        (2025, "loner", 500_000),
        (2025, "loner", 100_000),
        (2025, "lokaler", 50_000),
        (2026, "loner", 700_000),
    ):
        BudgetLine.objects.create(intervention=ins, year=year, category=category, amount=amount)
    for month, category, amount in (
        (D(2025, 1, 1), "loner", 10_000),
        (D(2025, 12, 1), "loner", 20_000),
        (D(2025, 12, 1), "lokaler", 3_000),
        (D(2026, 1, 1), "loner", 40_000),
        (D(2026, 12, 1), "lokaler", 7_000),
    ):
        ActualCost.objects.create(intervention=ins, month=month, category=category, amount=amount)
    ActualCost.objects.create(
        intervention=world.other_intervention, month=D(2025, 12, 1), category="loner", amount=999
    )
    return ins


def test_budget_vs_outcome_of_one_year(counted: Intervention) -> None:
    result = budget_vs_outcome(counted, Period(D(2025, 1, 1), D(2025, 12, 31)))
    assert [(r.category, r.budget, r.outcome) for r in result.rows] == [
        ("loner", Decimal(600_000), Decimal(30_000)),
        ("lokaler", Decimal(50_000), Decimal(3_000)),
    ]
    assert (result.budget_total, result.outcome_total) == (Decimal(650_000), Decimal(33_000))
    assert result.rows[0].remaining == Decimal(570_000)
    assert result.rows[0].used_share == pytest.approx(0.05)
    assert result.used_share == pytest.approx(33_000 / 650_000)


def test_period_touching_two_years(counted: Intervention) -> None:
    """Dec 2025 – Jan 2026: both years' budgets, and the edge months' outcome."""
    result = budget_vs_outcome(counted, Period(D(2025, 12, 15), D(2026, 1, 1)))
    assert (result.budget_total, result.outcome_total) == (Decimal(1_350_000), Decimal(63_000))
    months = monthly_outcome(counted, Period(D(2025, 12, 15), D(2026, 1, 1)))
    assert months == [(D(2025, 12, 1), Decimal(23_000)), (D(2026, 1, 1), Decimal(40_000))]


def test_months_at_the_edges(counted: Intervention) -> None:
    # A period starting on the last day of January still includes January's outcome;
    # one ending on 30 November leaves December out.
    assert budget_vs_outcome(
        counted, Period(D(2025, 1, 31), D(2025, 11, 30))
    ).outcome_total == Decimal(10_000)
    december = budget_vs_outcome(counted, Period(D(2026, 12, 1), D(2026, 12, 1)))
    assert december.outcome_total == Decimal(7_000)


def test_empty_is_zero_and_no_share(world: Any) -> None:
    result = budget_vs_outcome(world.intervention, Period(D(2030, 1, 1), D(2030, 12, 31)))
    assert (result.rows, result.budget_total, result.outcome_total) == ([], 0, 0)
    assert result.used_share is None
    summary = financing_by_source(world.intervention, [2030])
    assert (summary.rows, summary.total) == ([], 0)
    assert (
        outcome_by_month_and_category(world.intervention, Period(D(2030, 1, 1), D(2030, 12, 31)))
        == {}
    )


def test_outcome_without_budget_has_no_share(counted: Intervention) -> None:
    result = budget_vs_outcome(counted, Period(D(2026, 12, 1), D(2026, 12, 31)))
    row = next(r for r in result.rows if r.category == "lokaler")
    assert (row.budget, row.outcome, row.used_share) == (0, Decimal(7000), None)


def test_financing_by_source(world: Any) -> None:
    ins = world.intervention
    Financing.objects.create(intervention=ins, year=2026, source="forbund", amount=800_000)
    Financing.objects.create(intervention=ins, year=2026, source="forbund", amount=50_000)
    Financing.objects.create(
        intervention=ins, year=2026, source="part", party=world.region, amount=1
    )
    Financing.objects.create(intervention=ins, year=2026, source="part", party=world.fk, amount=2)
    Financing.objects.create(intervention=ins, year=2025, source="esf", amount=7)
    summary = financing_by_source(ins, [2026])
    assert [(r.source, r.party_name, r.amount) for r in summary.rows] == [
        ("forbund", "", Decimal(850_000)),
        ("part", "Försäkringskassan", Decimal(2)),
        ("part", "Region Test", Decimal(1)),
    ]
    assert summary.total == Decimal(850_003)


def test_cost_per_participant() -> None:
    assert cost_per_participant(Decimal(105_000), 3) == Decimal(35_000)
    assert cost_per_participant(Decimal(100), 3) == Decimal(33)
    assert cost_per_participant(Decimal(100), 0) is None
    assert cost_per_participant(Decimal(100), None) is None


def test_month_table_in_one_query(counted: Intervention) -> None:
    with CaptureQueriesContext(connection) as queries:
        table = cost_table(counted, 2025)
    assert len(queries) == 1
    assert [row.category for row in table.rows] == ["loner", "lokaler"]
    assert table.rows[0].cells[0] == (D(2025, 1, 1), Decimal(10_000))
    assert table.rows[0].cells[1] == (D(2025, 2, 1), None)
    assert table.rows[0].total == Decimal(30_000)
    assert table.month_totals[11] == Decimal(23_000)
    assert table.total == Decimal(33_000)


def test_intervention_years_and_year_choice(world: Any) -> None:
    ins = world.intervention  # 2025, no end: ten more years
    assert intervention_years(ins) == list(range(2025, 2036))
    ins.end_date = D(2026, 6, 30)
    assert intervention_years(ins) == [2025, 2026]
    assert choose_year(ins, None, D(2026, 3, 1)).year == 2026
    assert choose_year(ins, "", D(2030, 3, 1)).year == 2026  # after the end: its last year
    assert choose_year(ins, "2025", D(2026, 3, 1)) == choose_year(ins, " 2025 ", D(2026, 3, 1))
    for text in ("2024", "abc", "2025.0", "-2025", "9" * 40):
        choice = choose_year(ins, text, D(2026, 3, 1))
        assert choice.year == 2026 and choice.error


# --- demo money ----------------------------------------------------------------------------


def test_demo_money_is_believable_and_idempotent(world: Any) -> None:
    forbund = world.forbund
    ips: Intervention = InterventionFactory(
        forbund=forbund, slug=IPS_SLUG, start_date=D(2025, 1, 1), end_date=D(2027, 12, 31)
    )
    step: Intervention = InterventionFactory(
        forbund=forbund, slug=STEP_SLUG, start_date=D(2025, 3, 1), end_date=D(2027, 2, 28)
    )
    trial: Intervention = InterventionFactory(forbund=forbund, slug=IMPORT_TRIAL_SLUG)
    created = seed_money(forbund, today=D(2026, 5, 10))
    # Nine budget rows each, the last salary split in three (förbund, own money, sold places).
    assert created["budget_lines"] == 2 * 2 * 11
    year = budget_vs_outcome(ips, Period(D(2026, 1, 1), D(2026, 12, 31)))
    salaries = next(row for row in year.rows if row.category == "loner")
    assert salaries.budget == Decimal(1_100_000)
    assert year.budget_total == Decimal(1_373_000)
    # The förbund pays all but the owner's 150 000 (96 000 premises in kind, 54 000 money)
    # and Karlstad's two places (128 000).
    assert year.forbund_budget_total == Decimal(1_373_000 - 150_000 - 128_000)
    funders = {
        (row.funder, row.party_id): row.budget
        for row in budget_by_funder(ips, Period(D(2026, 1, 1), D(2026, 12, 31)))
    }
    owner = ips.owner_party_id
    assert funders == {
        ("forbund", None): Decimal(1_095_000),
        ("part", owner): Decimal(54_000),
        ("part_natura", owner): Decimal(96_000),
        ("salda_platser", None): Decimal(128_000),
    }
    assert financing_by_source(ips, [2026]).total == year.budget_total
    sold = Financing.objects.get(intervention=ips, year=2026, source="salda_platser")
    assert (sold.places, sold.price_per_place, sold.amount) == (2, 64_000, 128_000)
    assert AnnualPlan.objects.get(intervention=ips, year=2026).planned_participants == 25
    months = ActualCost.objects.filter(intervention=ips).dates("month", "month")
    assert (months.first(), months.last(), months.count()) == (D(2025, 1, 1), D(2026, 5, 1), 17)
    # Actual costs carry their funder too, and each intervention has costs of its own.
    may = budget_vs_outcome(ips, Period(D(2026, 5, 1), D(2026, 5, 31)))
    assert 0 < may.forbund_outcome_total < may.outcome_total
    step_may = budget_vs_outcome(step, Period(D(2026, 5, 1), D(2026, 5, 31)))
    assert step_may.outcome_total != may.outcome_total
    # The step intervention runs from March 2025: its first year's budget is ten months.
    first_year = BudgetLine.objects.get(intervention=step, year=2025, description="Stegcoach 1")
    assert (first_year.amount, first_year.period_from) == (Decimal(433_333), D(2025, 3, 1))
    assert not ActualCost.objects.filter(intervention=trial).exists()
    counts = [model.objects.count() for model in (BudgetLine, Financing, ActualCost, AnnualPlan)]
    again = seed_money(forbund, today=D(2026, 5, 10))
    assert sum(again.values()) == 0
    assert counts == [m.objects.count() for m in (BudgetLine, Financing, ActualCost, AnnualPlan)]
