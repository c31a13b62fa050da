"""Reads of payment claims (rekvisitioner), docs/applications-claims.md.

The förbund's staff see every claim of their förbund; the intervention's claimants (its
insatsansvarig and the owner party's applicants, ``claimable_interventions``) see the
intervention's claims. Everyone else gets 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.access import claimable_interventions, staff_forbund_ids
from samsyn.applications.selectors.utilisation import UtilisationRow, utilisation_rows
from samsyn.core.models import User
from samsyn.interventions.models import ActualCost, FundingSource, Grant, Intervention

ZERO = Decimal("0.00")


def claims_visible_to(user: User) -> QuerySet[PaymentClaim]:
    return PaymentClaim.objects.filter(
        Q(intervention__forbund_id__in=staff_forbund_ids(user))
        | Q(intervention_id__in=claimable_interventions(user).values("id"))
    )


def claim_get(*, actor: User, claim_id: int) -> PaymentClaim:
    claims = claims_visible_to(actor).select_related(
        "intervention__forbund", "created_by", "decided_by"
    )
    return get_object_or_404(claims, pk=claim_id)


def claimable_intervention_get(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose money the actor claims; 404 otherwise."""
    interventions = claimable_interventions(actor).select_related("forbund")
    return get_object_or_404(interventions, pk=intervention_id)


def may_claim(actor: User, intervention_id: int) -> bool:
    return claimable_interventions(actor).filter(pk=intervention_id).exists()


def may_decide(actor: User, claim: PaymentClaim) -> bool:
    return staff_forbund_ids(actor).filter(forbund_id=claim.intervention.forbund_id).exists()


def forbund_cost_basis(
    *, intervention_id: int, period_from: datetime.date, period_to: datetime.date
) -> Decimal:
    """The förbund-funded actual costs of the months in the period (one SQL sum)."""
    total = ActualCost.objects.filter(
        intervention_id=intervention_id,
        funder=FundingSource.FORBUND,
        month__gte=period_from.replace(day=1),
        month__lte=period_to,
    ).aggregate(total=Sum("amount"))["total"]
    return total or ZERO


def monthly_forbund_costs(
    *, intervention_id: int, year: int
) -> list[tuple[datetime.date, Decimal]]:
    """The förbund-funded actual costs per month of the year, summed in SQL."""
    rows = (
        ActualCost.objects.filter(
            intervention_id=intervention_id, funder=FundingSource.FORBUND, month__year=year
        )
        .order_by("month")
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    return list(rows)


@dataclass(frozen=True)
class ClaimListPage:
    claims: list[PaymentClaim]
    # Interventions the actor may claim for (a link to a new claim for each).
    claimable: list[Intervention]
    status: str


def claim_list_page(*, actor: User, status: str = "") -> ClaimListPage:
    """The claims the actor sees, newest period first (two queries); 404 for an actor who
    neither claims nor decides."""
    claimable = list(claimable_interventions(actor).order_by("name"))
    if not claimable and not staff_forbund_ids(actor).exists():
        raise Http404
    claims = claims_visible_to(actor).select_related("intervention")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    ordered = claims.order_by("-period_from", "intervention__name", "-id")
    return ClaimListPage(list(ordered), claimable, status)


@dataclass(frozen=True)
class ClaimFormPage:
    intervention: Intervention
    year: int
    years: list[int]
    months: list[tuple[datetime.date, Decimal]]
    months_total: Decimal
    utilisation: UtilisationRow | None


def claim_form_page(*, intervention: Intervention, year: int | None) -> ClaimFormPage:
    """What the claim form shows beside the form: the grant years, the förbund-funded
    costs per month of the chosen year (the cost basis) and the year's utilisation."""
    years = list(
        Grant.objects.filter(intervention=intervention)
        .order_by("year")
        .values_list("year", flat=True)
    )
    if year not in years:
        today = datetime.date.today().year
        year = today if today in years or not years else years[-1]
    months = monthly_forbund_costs(intervention_id=intervention.pk, year=year)
    rows = utilisation_rows(Intervention.objects.filter(pk=intervention.pk), year=year)
    return ClaimFormPage(
        intervention=intervention,
        year=year,
        years=years,
        months=months,
        months_total=sum((total for _month, total in months), ZERO),
        utilisation=rows[0] if rows else None,
    )
