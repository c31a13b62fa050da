"""The förbund's budget per year over all its interventions and its own administration
(docs/forbund-budget.md):

- intäkter: the members' contributions (``interventions.ForbundIncome``);
- beviljat till insatser: the year's grants (``interventions.Grant``) of all interventions;
- administration: the förbund's own administration, budget and outcome
  (``interventions.AdministrationCost``);
- ej fördelat (unallocated): income − granted − administration budget; negative when the
  förbund has promised more than the year's income (then it draws on its equity);
- actual use: the förbund-funded actual costs of the interventions, and the approved and paid
  claims of the year.

Every figure is one SQL aggregate grouped by year: the page runs the same number of queries
for any number of interventions, claims and years. Readers: the förbund's staff and
styrgrupp (``decision_reader_forbund_ids``); everyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.access import decision_reader_forbund_ids, is_staff_of
from samsyn.applications.selectors.utilisation import DECIDED_STATUSES
from samsyn.core.models import Forbund, User
from samsyn.interventions.models import ActualCost, AdministrationCost, FundingSource, Grant
from samsyn.interventions.selectors.forbund_income import income_totals

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetYear:
    year: int
    income: Decimal
    granted: Decimal
    administration_budget: Decimal
    administration_outcome: Decimal
    forbund_costs: Decimal
    approved: Decimal
    paid: Decimal

    @property
    def allocated(self) -> Decimal:
        return self.granted + self.administration_budget

    @property
    def unallocated(self) -> Decimal:
        return self.income - self.allocated

    @property
    def used(self) -> Decimal:
        """What the förbund's money actually paid for: paid claims plus administration."""
        return self.paid + self.administration_outcome


@dataclass(frozen=True)
class ForbundBudget:
    forbund: Forbund
    years: list[BudgetYear]
    # The förbund's staff may change the income; the styrgrupp reads.
    can_manage: bool


def budget_forbund_get(*, actor: User, forbund_id: int) -> Forbund:
    forbunds = Forbund.objects.filter(id__in=decision_reader_forbund_ids(actor))
    return get_object_or_404(forbunds, pk=forbund_id)


def _by_year(rows: object) -> dict[int, Decimal]:
    return {year: total or ZERO for year, total in rows}  # type: ignore[attr-defined]


def _claims_by_year(forbund: Forbund) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    rows = (
        PaymentClaim.objects.filter(intervention__forbund=forbund)
        .order_by()
        .values("year")
        .annotate(
            approved=Sum("approved_amount", filter=Q(status__in=DECIDED_STATUSES)),
            paid=Sum("paid_amount", filter=Q(status=ClaimStatus.PAID)),
        )
    )
    approved: dict[int, Decimal] = {}
    paid: dict[int, Decimal] = {}
    for row in rows:
        approved[row["year"]] = row["approved"] or ZERO
        paid[row["year"]] = row["paid"] or ZERO
    return approved, paid


def forbund_budget(*, actor: User, forbund_id: int) -> ForbundBudget:
    forbund = budget_forbund_get(actor=actor, forbund_id=forbund_id)
    income = {year: total for (_f, year), total in income_totals(forbund_ids=[forbund.pk]).items()}
    granted = _by_year(
        Grant.objects.filter(intervention__forbund=forbund)
        .order_by()
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    administration = {
        year: (budget, amount)
        for year, budget, amount in AdministrationCost.objects.filter(forbund=forbund)
        .order_by()
        .values_list("year", "budget", "amount")
    }
    costs = _by_year(
        ActualCost.objects.filter(intervention__forbund=forbund, funder=FundingSource.FORBUND)
        .order_by()
        .annotate(cost_year=ExtractYear("month"))
        .values("cost_year")
        .annotate(total=Sum("amount"))
        .values_list("cost_year", "total")
    )
    approved, paid = _claims_by_year(forbund)
    years = sorted(set(income) | set(granted) | set(administration) | set(costs) | set(approved))
    rows = [
        BudgetYear(
            year=year,
            income=income.get(year, ZERO),
            granted=granted.get(year, ZERO),
            administration_budget=administration.get(year, (ZERO, ZERO))[0],
            administration_outcome=administration.get(year, (ZERO, ZERO))[1],
            forbund_costs=costs.get(year, ZERO),
            approved=approved.get(year, ZERO),
            paid=paid.get(year, ZERO),
        )
        for year in reversed(years)
    ]
    return ForbundBudget(forbund, rows, is_staff_of(actor, forbund.pk))
