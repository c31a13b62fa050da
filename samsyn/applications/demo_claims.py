"""Demo of the förbund's money for Exempeldalen (docs/applications-claims.md,
docs/forbund-budget.md):

- a grant per year for each demo intervention that has none, equal to its förbund-funded
  budget of that year (what a decision would have granted);
- payment claims over the latest whole year (or the latest year with complete quarters),
  one per quarter against the förbund-funded actual costs — paid, adjusted (approved with
  a lower amount and a reason), approved, submitted — each within the cost basis and the
  year's grant;
- the members' income per year (Försäkringskassan half, the region a quarter, the
  municipalities a quarter split 40/35/25 by the demo förbund's agreement).

Idempotent: grants are looked up by their year, claims are only made for an intervention
that has none, income only for a year without; a second run changes nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum
from django.utils import timezone

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.claims import forbund_cost_basis
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.demo_data import JOURNEY_INTERVENTIONS, SEED_ACTOR
from samsyn.core.models import Forbund, Membership, Party, PartyKind, User
from samsyn.core.roles import Role
from samsyn.interventions.models import (
    BudgetLine,
    ForbundIncome,
    FundingSource,
    Grant,
    Intervention,
    MunicipalityShare,
)

KRONA = Decimal(1)
# The demo förbund's agreement on the municipalities' quarter, largest first.
MUNICIPALITY_SPLIT = (Decimal(40), Decimal(35), Decimal(25))
# Each quarter's claim in turn; a year with fewer complete quarters uses the first ones.
QUARTER_STATUSES = (
    ClaimStatus.PAID,
    ClaimStatus.ADJUSTED,
    ClaimStatus.APPROVED,
    ClaimStatus.SUBMITTED,
)
ADJUSTMENT = Decimal("0.9")
ADJUSTMENT_REASON = "Resor utanför den beviljade budgeten ingår inte."


def _seed_grants(intervention: Intervention, created: Counter[str]) -> None:
    budgets = (
        BudgetLine.objects.filter(intervention=intervention, funder=FundingSource.FORBUND)
        .order_by()
        .values_list("year")
        .annotate(total=Sum("amount"))
    )
    for year, total in budgets:
        if total and not Grant.objects.filter(intervention=intervention, year=year).exists():
            Grant.objects.create(
                intervention=intervention,
                year=year,
                amount=total,
                decided_on=datetime.date(year - 1, 11, 20),
                reference=f"Styrelsen {year - 1}-11-20 § 12 (demo)",
            )
            created["grants"] += 1


def _quarter(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * number - 2, 1)
    following = datetime.date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return start, following - datetime.timedelta(days=1)


def _claim_quarters(
    intervention: Intervention, today: datetime.date
) -> tuple[Grant, list[tuple[datetime.date, datetime.date, Decimal]]] | None:
    """The latest grant year whose four quarters are over and have förbund-funded costs, or
    failing that the latest year with any such quarter."""
    found = []
    for grant in intervention.grants.filter(year__lte=today.year).order_by("-year"):
        quarters = []
        for number in range(1, 5):
            start, end = _quarter(grant.year, number)
            basis = forbund_cost_basis(
                intervention_id=intervention.pk, period_from=start, period_to=end
            )
            if end < today and basis > 0:
                quarters.append((start, end, basis))
        if len(quarters) == 4:
            return grant, quarters
        if quarters:
            found.append((grant, quarters))
    return found[0] if found else None


def _claimant(intervention: Intervention) -> User | None:
    memberships = Membership.objects.filter(
        forbund=intervention.forbund, is_active=True, role=Role.INSATSANSVARIG
    ).select_related("user")
    own = memberships.filter(interventions=intervention).first() or memberships.first()
    return own.user if own else None


def _decider(forbund: Forbund) -> User | None:
    admin = Membership.objects.filter(
        forbund=forbund, is_active=True, role=Role.FORBUNDSADMIN
    ).first()
    return admin.user if admin else None


def _claim(
    grant: Grant,
    quarter: tuple[datetime.date, datetime.date, Decimal],
    status: str,
    users: tuple[User, User | None],
    left: Decimal,
) -> PaymentClaim:
    start, end, basis = quarter
    claimant, decider = users
    claimed = min(basis, left).quantize(KRONA, rounding=ROUND_DOWN)
    submitted = end + datetime.timedelta(days=10)
    decided = submitted + datetime.timedelta(days=14)
    approved: Decimal | None = {
        str(ClaimStatus.PAID): claimed,
        str(ClaimStatus.APPROVED): claimed,
        str(ClaimStatus.ADJUSTED): (claimed * ADJUSTMENT).quantize(KRONA, rounding=ROUND_DOWN),
    }.get(status)
    return PaymentClaim.objects.create(
        intervention=grant.intervention,
        year=grant.year,
        period_from=start,
        period_to=end,
        cost_basis=basis,
        claimed_amount=claimed,
        status=status,
        approved_amount=approved,
        adjustment_reason=ADJUSTMENT_REASON if status == ClaimStatus.ADJUSTED else "",
        paid_amount=claimed if status == ClaimStatus.PAID else None,
        paid_on=decided + datetime.timedelta(days=7) if status == ClaimStatus.PAID else None,
        created_by=claimant,
        submitted_on=submitted,
        decided_by=decider if approved is not None else None,
        decided_on=decided if approved is not None else None,
    )


def _seed_claims(intervention: Intervention, today: datetime.date, created: Counter[str]) -> None:
    if intervention.payment_claims.exists():
        return
    found = _claim_quarters(intervention, today)
    claimant = _claimant(intervention)
    if found is None or claimant is None:
        return
    grant, quarters = found
    users = (claimant, _decider(intervention.forbund))
    left = grant.amount
    for quarter, status in zip(quarters, QUARTER_STATUSES, strict=False):
        if left <= 0:
            break
        claim = _claim(grant, quarter, status, users, left)
        left -= claim.approved_amount if claim.approved_amount is not None else claim.claimed_amount
        created["payment_claims"] += 1


def _seed_income(forbund: Forbund, created: Counter[str]) -> None:
    years = set(Grant.objects.filter(intervention__forbund=forbund).values_list("year", flat=True))
    municipalities = list(
        Party.objects.filter(forbund=forbund, kind=PartyKind.KOMMUN).order_by("name")[:3]
    )
    if not municipalities:
        return
    shares = list(MUNICIPALITY_SPLIT[: len(municipalities)])
    shares[-1] += Decimal(100) - sum(shares)
    for year in sorted(years):
        if ForbundIncome.objects.filter(forbund=forbund, year=year).exists():
            continue
        granted = Grant.objects.filter(intervention__forbund=forbund, year=year).aggregate(
            total=Sum("amount")
        )["total"]
        # Income a little above what is granted, leaving room for the administration.
        total = ((granted or Decimal(0)) * Decimal("1.25")).quantize(Decimal(1000))
        income = ForbundIncome.objects.create(
            forbund=forbund, year=year, total_amount=total, reference="Förbundsordning (demo)"
        )
        MunicipalityShare.objects.bulk_create(
            MunicipalityShare(income=income, party=party, share_percent=share)
            for party, share in zip(municipalities, shares, strict=True)
        )
        created["member_incomes"] += 1


def seed_claims(forbund: Forbund, today: datetime.date | None = None) -> Counter[str]:
    """Create whatever is missing; returns the number of rows created per kind."""
    today = today or timezone.localdate()
    created: Counter[str] = Counter()
    interventions = Intervention.objects.filter(forbund=forbund, slug__in=JOURNEY_INTERVENTIONS)
    for intervention in interventions.select_related("forbund"):
        before = sum(created.values())
        _seed_grants(intervention, created)
        _seed_claims(intervention, today, created)
        if sum(created.values()) > before:
            audit_record(
                actor=None,
                actor_username=SEED_ACTOR,
                action=AuditAction.CREATE,
                intervention=intervention,
                detail=f"Demodata: beviljade medel och rekvisitioner "
                f"({sum(created.values()) - before} rader)",
            )
    before = sum(created.values())
    _seed_income(forbund, created)
    if sum(created.values()) > before:
        audit_record(
            actor=None,
            actor_username=SEED_ACTOR,
            action=AuditAction.CREATE,
            forbund=forbund,
            detail="Demodata: medlemsbidrag",
        )
    return created
