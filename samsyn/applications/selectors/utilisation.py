"""Utilisation of the förbund's grants per intervention and year (docs/applications-claims.md):

- beviljat (granted): the year's ``interventions.Grant``;
- rekvirerat (claimed): the claimed amounts of the year's claims that are submitted or
  decided, not refused (drafts are not yet claims to the förbund);
- godkänt (approved): the approved amounts of approved, adjusted and paid claims;
- utbetalt (paid): the paid amounts;
- återstår (remaining): granted − (approved amount of every decided claim + claimed amount of
  every claim still waiting for a decision). An adjustment frees the difference; a refused
  claim uses nothing. It is exactly what may still be claimed (services/claims.py);
- förbundsfinansierat utfall: the förbund-funded actual costs recorded for the year.

Each figure is a SQL aggregate; a page with any number of interventions runs three queries
(grants, claims grouped by intervention and year, actual costs grouped likewise).

Who reads it: the förbund's staff and the styrgrupp every intervention of their förbund; the
insatsansvarig and the owner party's applicants their own (``claimable_interventions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.http import Http404

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.access import (
    claimable_interventions,
    decision_reader_forbund_ids,
)
from samsyn.core.models import User
from samsyn.interventions.models import ActualCost, FundingSource, Grant, Intervention

ZERO = Decimal("0.00")
# Claims that count as claimed: sent to the förbund and not refused.
CLAIMED_STATUSES = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.APPROVED,
    ClaimStatus.ADJUSTED,
    ClaimStatus.PAID,
)
DECIDED_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.ADJUSTED, ClaimStatus.PAID)


def _sum(field: str, condition: Q) -> Coalesce:
    money = DecimalField(max_digits=14, decimal_places=2)
    return Coalesce(Sum(field, filter=condition), Value(ZERO), output_field=money)


@dataclass(frozen=True)
class UtilisationRow:
    intervention: Intervention
    year: int
    granted: Decimal
    claimed: Decimal
    approved: Decimal
    paid: Decimal
    # Claimed amounts still waiting for a decision.
    pending: Decimal
    forbund_costs: Decimal

    @property
    def committed(self) -> Decimal:
        """What the year's claims hold of the grant: approved plus still undecided."""
        return self.approved + self.pending

    @property
    def remaining(self) -> Decimal:
        return self.granted - self.committed


@dataclass(frozen=True)
class UtilisationTotals:
    granted: Decimal
    claimed: Decimal
    approved: Decimal
    paid: Decimal
    remaining: Decimal
    forbund_costs: Decimal


def utilisation_interventions(user: User) -> QuerySet[Intervention]:
    """Interventions whose utilisation the user reads."""
    return Intervention.objects.filter(
        Q(forbund_id__in=decision_reader_forbund_ids(user))
        | Q(id__in=claimable_interventions(user).values("id"))
    )


def claim_sums(interventions: QuerySet[Any], year: int | None = None) -> dict[tuple, dict]:
    """``{(intervention id, year): {claimed, approved, paid, pending}}`` in one query."""
    claims = PaymentClaim.objects.filter(intervention__in=interventions)
    if year is not None:
        claims = claims.filter(year=year)
    rows = (
        claims.order_by()
        .values("intervention_id", "year")
        .annotate(
            claimed=_sum("claimed_amount", Q(status__in=CLAIMED_STATUSES)),
            approved=_sum("approved_amount", Q(status__in=DECIDED_STATUSES)),
            paid=_sum("paid_amount", Q(status=ClaimStatus.PAID)),
            pending=_sum("claimed_amount", Q(status=ClaimStatus.SUBMITTED)),
        )
    )
    return {
        (row["intervention_id"], row["year"]): {
            name: row[name] for name in ("claimed", "approved", "paid", "pending")
        }
        for row in rows
    }


def forbund_cost_sums(
    interventions: QuerySet[Any], year: int | None = None
) -> dict[tuple, Decimal]:
    """``{(intervention id, year): förbund-funded actual costs}`` in one query."""
    costs = ActualCost.objects.filter(intervention__in=interventions, funder=FundingSource.FORBUND)
    if year is not None:
        costs = costs.filter(month__year=year)
    rows = (
        costs.order_by()
        .annotate(cost_year=ExtractYear("month"))
        .values("intervention_id", "cost_year")
        .annotate(total=Sum("amount"))
    )
    return {(row["intervention_id"], row["cost_year"]): row["total"] for row in rows}


def utilisation_rows(
    interventions: QuerySet[Intervention], *, year: int | None = None
) -> list[UtilisationRow]:
    """One row per granted intervention year, ordered by intervention name and year."""
    grants = Grant.objects.filter(intervention__in=interventions).select_related("intervention")
    if year is not None:
        grants = grants.filter(year=year)
    claims = claim_sums(interventions, year)
    costs = forbund_cost_sums(interventions, year)
    rows = []
    for grant in grants.order_by("intervention__name", "intervention_id", "year"):
        key = (grant.intervention_id, grant.year)
        sums = claims.get(key, {})
        rows.append(
            UtilisationRow(
                intervention=grant.intervention,
                year=grant.year,
                granted=grant.amount,
                claimed=sums.get("claimed", ZERO),
                approved=sums.get("approved", ZERO),
                paid=sums.get("paid", ZERO),
                pending=sums.get("pending", ZERO),
                forbund_costs=costs.get(key) or ZERO,
            )
        )
    return rows


def utilisation_totals(rows: list[UtilisationRow]) -> UtilisationTotals:
    """The sum of already aggregated rows (one per intervention and year)."""

    def total(name: str) -> Decimal:
        return sum((getattr(row, name) for row in rows), ZERO)

    return UtilisationTotals(
        granted=total("granted"),
        claimed=total("claimed"),
        approved=total("approved"),
        paid=total("paid"),
        remaining=total("remaining"),
        forbund_costs=total("forbund_costs"),
    )


@dataclass(frozen=True)
class UtilisationPage:
    rows: list[UtilisationRow]
    totals: UtilisationTotals
    year: int | None
    years: list[int]


def utilisation_page(*, actor: User, year: int | None) -> UtilisationPage:
    """Every intervention the actor reads; 404 for an actor who reads none."""
    interventions = utilisation_interventions(actor)
    if not interventions.exists():
        raise Http404
    years = sorted(
        set(
            Grant.objects.filter(intervention__in=interventions)
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        ),
        reverse=True,
    )
    rows = utilisation_rows(interventions, year=year)
    return UtilisationPage(rows, utilisation_totals(rows), year, years)


def intervention_utilisation(*, actor: User, intervention_id: int) -> list[UtilisationRow] | None:
    """The intervention's rows, or None when the actor does not read its utilisation."""
    interventions = utilisation_interventions(actor).filter(pk=intervention_id)
    if not interventions.exists():
        return None
    return utilisation_rows(interventions)
