"""Helpers of the claims tests: grants, actual costs with a funder, an applicant of the owner
party, and the persona world of ``samsyn/conftest.py`` (the intervention is owned by the
kommun; the insatsansvarig is limited to it)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from samsyn.applications.models import PaymentClaim
from samsyn.conftest import World
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.interventions.models import ActualCost, CostCategory, Grant, Intervention

YEAR = 2026


def grant(intervention: Intervention, amount: str, year: int = YEAR) -> Grant:
    return Grant.objects.create(intervention=intervention, year=year, amount=Decimal(amount))


PARTY_FUNDERS = ("part", "part_natura")


def cost(
    intervention: Intervention,
    month: int,
    amount: str,
    *,
    funder: str = "forbund",
    year: int = YEAR,
    category: str = CostCategory.SALARIES,
) -> ActualCost:
    return ActualCost.objects.create(
        intervention=intervention,
        month=datetime.date(year, month, 1),
        category=category,
        amount=Decimal(amount),
        funder=funder,
        # A party's own financing names the party (docs/money.md): here the owner.
        funder_party=intervention.owner_party if funder in PARTY_FUNDERS else None,
    )


def applicant(world: World, username: str = "sokande") -> User:
    """A handläggare of the owner party (the kommun) with the "sökande" right."""
    user = UserFactory(username=username, first_name="Sökande")
    MembershipFactory(
        user=user, forbund=world.forbund, role=Role.HANDLAGGARE, party=world.kommun, may_apply=True
    )
    return user


def quarter(q: int, year: int = YEAR) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * q - 2, 1)
    end_month = 3 * q
    end = (
        datetime.date(year, 12, 31)
        if end_month == 12
        else datetime.date(year, end_month + 1, 1) - datetime.timedelta(days=1)
    )
    return start, end


def claim_row(
    world: World, q: int, claimed: str, *, status: str = "inskickad", **extra: object
) -> PaymentClaim:
    """A claim written straight to the database (for reads and query counts)."""
    start, end = quarter(q)
    intervention: Any = extra.pop("intervention", world.intervention)
    return PaymentClaim.objects.create(
        intervention=intervention,
        year=start.year,
        period_from=start,
        period_to=end,
        cost_basis=Decimal(claimed),
        claimed_amount=Decimal(claimed),
        status=status,
        created_by=world["insatsansvarig"],
        **extra,
    )
