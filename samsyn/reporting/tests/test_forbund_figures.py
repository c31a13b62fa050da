"""The per-intervention figures of the förbund reports against hand counts (forbund_data.py),
against ``evaluate`` and ``budget_vs_outcome``, and their constant number of queries."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.http import Http404

from samsyn.core.roles import Role
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.interventions.selectors.finance import budget_vs_outcome
from samsyn.participants.selectors.metrics import evaluate
from samsyn.reporting.selectors.forbund import forbund_access, intervention_figures
from samsyn.reporting.selectors.forbund_tables import forbund_intervention_report, forbund_overview
from samsyn.reporting.tests.forbund_data import Q1, D, build_scenario, reg
from samsyn.stats.periods import Period
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db


def _figures(world: Any, period: Period = Q1) -> dict[str, Any]:
    access = forbund_access(actor=world["admin"], forbund_id=None)
    return {item.intervention.name: item for item in intervention_figures(access, period)}


def test_counts_per_intervention_against_hand_counts(world: Any) -> None:
    build_scenario(world)
    figures = _figures(world)
    assert list(figures) == ["Andra insatsen", "Testinsatsen"]
    a, b = figures["Testinsatsen"], figures["Andra insatsen"]
    assert a.count("active") == (3, 2, 5)
    assert a.count("started") == (2, 1, 3)
    assert a.count("ended") == (1, 1, 2)
    assert a.count("ended_work_or_studies") == (1, 1, 2)
    assert a.count("ended_step_forward") == (1, 0, 1)
    assert a.count("anonymous_started") == (1, 0, 1)
    assert b.count("active") == (1, 1, 2)
    assert b.count("started") == (1, 1, 2)
    assert b.count("ended") == (0, 1, 1)
    assert b.count("ended_work_or_studies") == (0, 0, 0)
    assert b.count("ended_step_forward") == (0, 0, 0)


def test_counts_agree_with_evaluate(world: Any) -> None:
    scenario = build_scenario(world)
    figures = _figures(world)
    for intervention in (scenario.a, scenario.b):
        expected = evaluate(intervention, Q1)
        item = figures[intervention.name]
        for key in ("active", "started", "ended", "ended_work_or_studies", "anonymous_started"):
            assert item.count(key) == tuple(expected[key][c] for c in ("kvinna", "man", "total"))


def test_money_and_plan_against_hand_counts_and_finance(world: Any) -> None:
    scenario = build_scenario(world)
    figures = _figures(world)
    a, b = figures["Testinsatsen"], figures["Andra insatsen"]
    assert (a.budget, a.outcome, a.planned) == (Decimal(100000), Decimal(25000), 40)
    assert (b.budget, b.outcome, b.planned) == (Decimal(50000), Decimal(10000), None)
    for intervention in (scenario.a, scenario.b):
        money = budget_vs_outcome(intervention, Q1)
        item = figures[intervention.name]
        assert (item.budget, item.outcome) == (money.budget_total, money.outcome_total)


def test_period_edges_other_periods(world: Any) -> None:
    build_scenario(world)
    april = _figures(world, Period(D(2026, 4, 1), D(2026, 4, 1)))["Testinsatsen"]
    # Started 2026-04-01 (k), ongoing k 2026-01-01, anonymous k 2026-03-31, man 2025-01-01.
    assert april.count("started") == (1, 0, 1)
    assert april.count("active") == (3, 1, 4)
    assert april.outcome == Decimal(7000)
    last_day_2025 = _figures(world, Period(D(2025, 12, 31), D(2025, 12, 31)))["Testinsatsen"]
    assert last_day_2025.count("ended") == (1, 0, 1)
    assert last_day_2025.count("active") == (2, 1, 3)
    assert last_day_2025.planned == 30


def test_interventions_listed_when_running_or_with_figures(world: Any) -> None:
    build_scenario(world)
    InterventionFactory(
        forbund=world.forbund, name="Gammal", start_date=D(2020, 1, 1), end_date=D(2021, 1, 1)
    )
    InterventionFactory(forbund=world.forbund, name="Kommande", start_date=D(2027, 1, 1))
    late = InterventionFactory(forbund=world.forbund, name="Sen", start_date=D(2027, 1, 1))
    reg(late, "man", D(2026, 1, 2))  # a registration dated before the intervention: counted
    names = list(_figures(world))
    assert names == ["Andra insatsen", "Sen", "Testinsatsen"]


def test_totals_rows(world: Any) -> None:
    build_scenario(world)
    access = forbund_access(actor=world["admin"], forbund_id=None)
    overview, money = forbund_overview(access, Q1).tables
    total = overview.total_rows[0]
    assert total[:10] == ("Totalt", 4, 3, 7, 3, 2, 5, 1, 2, 3)
    assert total[10] == pytest.approx(2 / 3)  # work or studies: 2 of 3 ended
    assert total[11] == pytest.approx(1 / 3)
    assert total[12:] == (40,)
    a_row = next(row for row in overview.rows if row[0] == "Testinsatsen")
    assert a_row[10:] == (1.0, 0.5, 40)
    # Every line is the förbund's and no decision is recorded: granted = the förbund's
    # budget, used = its costs; the total project cost is the same here.
    assert money.total_rows[0] == ("Totalt", 150000, 35000, 5000, 150000, 35000, 5000)
    a_money = next(row for row in money.rows if row[0] == "Testinsatsen")
    assert a_money == ("Testinsatsen", 100000, 25000, 5000, 100000, 25000, 5000)
    report = forbund_intervention_report(access, Q1).tables[0]
    # started, active, ended, anonymous_started: each in the period and since the start
    # (hand count: every registration from 2025-01-01 to 2026-03-31, felregistrering not).
    assert report.total_rows[0] == (
        "Totalt",
        *(3, 2, 5),
        *(5, 3, 8),
        *(4, 3, 7),
        *(5, 3, 8),
        *(1, 2, 3),
        *(2, 2, 4),
        *(1, 0, 1),
        *(1, 0, 1),
    )


def test_access_picks_the_forbund(world: Any) -> None:
    user = UserFactory()
    MembershipFactory(user=user, forbund=world.forbund, role=Role.STYRGRUPP)
    MembershipFactory(user=user, forbund=world.other_forbund, role=Role.FORBUNDSADMIN)
    first = forbund_access(actor=user, forbund_id=None)
    assert first.forbund == world.other_forbund  # "Annanstans" sorts before "Testdalen"
    assert not first.suppress
    chosen = forbund_access(actor=user, forbund_id=world.forbund.pk)
    assert chosen.forbund == world.forbund and chosen.suppress
    with pytest.raises(Http404):
        forbund_access(actor=user, forbund_id=world.forbund.pk + world.other_forbund.pk + 99)
    with pytest.raises(Http404):
        forbund_access(actor=world["admin"], forbund_id=world.other_forbund.pk)


def test_admin_and_styrgrupp_in_the_same_forbund_sees_exact(world: Any) -> None:
    MembershipFactory(user=world["admin"], forbund=world.forbund, role=Role.STYRGRUPP)
    assert not forbund_access(actor=world["admin"], forbund_id=None).suppress


def test_inactive_membership_gives_no_access(world: Any) -> None:
    membership = world["styrgrupp"].memberships.get()
    membership.is_active = False
    membership.save()
    with pytest.raises(Http404):
        forbund_access(actor=world["styrgrupp"], forbund_id=None)


def _populate(world: Any, interventions: int, per_intervention: int) -> None:
    for number in range(interventions):
        intervention = InterventionFactory(forbund=world.forbund, start_date=D(2025, 1, 1))
        for index in range(per_intervention):
            gender = "kvinna" if index % 2 else "man"
            end = D(2026, 3, 1) if index % 3 == 0 else None
            reg(intervention, gender, D(2026, 1, 1 + index % 28), end, outcome="arbete")
        intervention.name = f"Insats {number}"


def _overview(world: Any, persona: str, assert_query_count: QueryCount) -> None:
    access = forbund_access(actor=world[persona], forbund_id=None)
    # ``intervention_figures``, the förbund's grants (``forbund_granted``: the Grant rows of
    # the period's years, one GROUP-free query), the teams linked to an intervention and the
    # förbund's surveys in the period (one each; none of them has rows here).
    with assert_query_count(9):
        forbund_overview(access, Q1)


@pytest.mark.parametrize("persona", ["admin", "styrgrupp"])
def test_query_count_constant_in_interventions_and_participants(
    world: Any, persona: str, assert_query_count: QueryCount
) -> None:
    _populate(world, 1, 2)
    _overview(world, persona, assert_query_count)
    _populate(world, 4, 2)  # 5 interventions
    _overview(world, persona, assert_query_count)
    _populate(world, 1, 40)  # many participants
    _overview(world, persona, assert_query_count)
