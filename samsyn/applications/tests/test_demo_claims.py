"""The claims demo: grants equal to the förbund-funded budget, a year of quarterly claims
within the cost basis and the grant, member income split 50/25/25, and a second run that
changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from samsyn.applications.demo_claims import seed_claims
from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.utilisation import utilisation_rows
from samsyn.conftest import World
from samsyn.core.demo_data import IPS_SLUG
from samsyn.core.roles import Role
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.interventions.demo_money import seed_money
from samsyn.interventions.models import (
    BudgetLine,
    ForbundIncome,
    FundingSource,
    Grant,
    Intervention,
)
from samsyn.interventions.selectors.forbund_income import income_split

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 10)


def test_demo_claims_are_believable_and_idempotent(world: World) -> None:
    forbund = world.forbund
    ips = InterventionFactory(
        forbund=forbund,
        slug=IPS_SLUG,
        owner_party=world.kommun,
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    user = UserFactory(username="demo_ia")
    MembershipFactory(user=user, forbund=forbund, role=Role.INSATSANSVARIG, interventions=[ips])
    seed_money(forbund, today=TODAY)
    created = seed_claims(forbund, today=TODAY)
    assert created["grants"] >= 1 and created["payment_claims"] == 4
    budget = sum(
        line.amount
        for line in BudgetLine.objects.filter(
            intervention=ips, year=2026, funder=FundingSource.FORBUND
        )
    )
    assert Grant.objects.get(intervention=ips, year=2026).amount == budget
    claims = list(PaymentClaim.objects.filter(intervention=ips).order_by("period_from"))
    assert [claim.status for claim in claims] == [
        ClaimStatus.PAID,
        ClaimStatus.ADJUSTED,
        ClaimStatus.APPROVED,
        ClaimStatus.SUBMITTED,
    ]
    # The whole year 2025 (the latest with four quarters over).
    assert {claim.year for claim in claims} == {2025}
    assert all(claim.claimed_amount <= claim.cost_basis for claim in claims)
    assert (claims[1].approved_amount or 0) < claims[1].claimed_amount
    (row,) = utilisation_rows(Intervention.objects.filter(pk=ips.pk), year=2025)
    assert Decimal(0) <= row.remaining <= row.granted
    income = ForbundIncome.objects.get(forbund=forbund, year=2026)
    split = income_split(income, list(income.municipality_shares.select_related("party")))
    assert split.state == income.total_amount / 2
    assert sum(part.amount for part in split.municipality_parts) == split.municipalities
    counts = (Grant.objects.count(), PaymentClaim.objects.count(), ForbundIncome.objects.count())
    assert sum(seed_claims(forbund, today=TODAY).values()) == 0
    assert counts == (
        Grant.objects.count(),
        PaymentClaim.objects.count(),
        ForbundIncome.objects.count(),
    )
