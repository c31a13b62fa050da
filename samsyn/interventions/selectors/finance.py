"""Budget, financing and outcome (utfall) summed in SQL, and cost per participant.

Definitions (docs/money.md):

- The **budget** of a period is the sum of the budget lines of the calendar years the period
  touches (budgets are decided per year; a quarter is compared with its year's budget).
- The **outcome** of a period is the sum of the actual costs whose month lies in the period.
- **Cost per participant** is the outcome of the period divided by the number of
  registrations active in the period (the metric ``active``, total); ``None`` when nobody was
  active.
- Every budget line and actual cost names its **funder** (issue #12): the **förbund's money**
  (förbundets medel) is what the lines with funder ``forbund`` add up to; the **total project
  cost** (total projektkostnad) is every line whatever its funder. Both are computed in the
  same ``GROUP BY`` (a filtered ``Sum``), so knowing whose money costs no extra query.

Every function takes one intervention, a queryset or a list of them and runs a constant
number of queries (one ``GROUP BY`` each).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from samsyn.interventions.models import (
    ActualCost,
    BudgetLine,
    CostCategory,
    Financing,
    FundingSource,
    Grant,
    Intervention,
)
from samsyn.stats.periods import Period

ZERO = Decimal("0.00")
# The förbund's own money: the lines whose funder is the förbund.
FORBUND_FUNDED = Q(funder=FundingSource.FORBUND)
# An intervention without an end date plans money this many years after its start year.
OPEN_ENDED_YEARS = 10
Interventions = Intervention | QuerySet[Intervention] | Iterable[Intervention]


def intervention_ids(interventions: Interventions) -> list[int]:
    if isinstance(interventions, Intervention):
        return [interventions.pk]
    if isinstance(interventions, QuerySet):
        return list(interventions.order_by().values_list("pk", flat=True))
    return [intervention.pk for intervention in interventions]


def period_years(period: Period) -> list[int]:
    return list(range(period.start.year, period.end.year + 1))


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def intervention_years(intervention: Intervention) -> list[int]:
    """The years an intervention's money may be planned and booked in: its start year to its
    end year, or ten years on when it has no end date."""
    first = intervention.start_date.year
    last = intervention.end_date.year if intervention.end_date else first + OPEN_ENDED_YEARS
    return list(range(first, max(first, last) + 1))


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@dataclass(frozen=True)
class CategoryRow:
    category: str
    label: str
    # The total project cost (every funder) and, beside it, the förbund's money.
    budget: Decimal
    outcome: Decimal
    forbund_budget: Decimal = ZERO
    forbund_outcome: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.outcome

    @property
    def used_share(self) -> float | None:
        """Outcome as a share (0–1) of the budget; ``None`` without a budget."""
        return float(self.outcome / self.budget) if self.budget else None


@dataclass(frozen=True)
class BudgetOutcome:
    period: Period
    rows: list[CategoryRow]
    budget_total: Decimal
    outcome_total: Decimal
    forbund_budget_total: Decimal = ZERO
    forbund_outcome_total: Decimal = ZERO

    @property
    def used_share(self) -> float | None:
        return float(self.outcome_total / self.budget_total) if self.budget_total else None

    @property
    def forbund_remaining(self) -> Decimal:
        return self.forbund_budget_total - self.forbund_outcome_total

    @property
    def forbund_used_share(self) -> float | None:
        if not self.forbund_budget_total:
            return None
        return float(self.forbund_outcome_total / self.forbund_budget_total)


def _by_category(queryset: QuerySet[Any]) -> dict[str, tuple[Decimal, Decimal]]:
    """(total, förbund's part) per category, one query."""
    rows = (
        queryset.order_by()
        .values("category")
        .annotate(total=Sum("amount"), forbund=Sum("amount", filter=FORBUND_FUNDED))
        .values_list("category", "total", "forbund")
    )
    return {category: (total or ZERO, forbund or ZERO) for category, total, forbund in rows}


def budget_vs_outcome(interventions: Interventions, period: Period) -> BudgetOutcome:
    """Budget (the period's years) and outcome (the period's months) per cost category, in
    the order of ``CostCategory``, each as the total project cost and the förbund's part;
    categories with neither budget nor outcome are left out. Two queries."""
    ids = intervention_ids(interventions)
    budget = _by_category(
        BudgetLine.objects.filter(intervention_id__in=ids, year__in=period_years(period))
    )
    outcome = _by_category(
        ActualCost.objects.filter(
            intervention_id__in=ids,
            month__gte=_first_of_month(period.start),
            month__lte=period.end,
        )
    )
    none = (ZERO, ZERO)
    rows = [
        CategoryRow(
            code,
            str(label),
            budget.get(code, none)[0],
            outcome.get(code, none)[0],
            budget.get(code, none)[1],
            outcome.get(code, none)[1],
        )
        for code, label in CostCategory.choices
        if code in budget or code in outcome
    ]
    return BudgetOutcome(
        period=period,
        rows=rows,
        budget_total=sum((row.budget for row in rows), ZERO),
        outcome_total=sum((row.outcome for row in rows), ZERO),
        forbund_budget_total=sum((row.forbund_budget for row in rows), ZERO),
        forbund_outcome_total=sum((row.forbund_outcome for row in rows), ZERO),
    )


@dataclass(frozen=True)
class FunderRow:
    """Budget, outcome and what remains of one funder (and party) in a period."""

    funder: str
    label: str
    party_id: int | None
    party_name: str
    budget: Decimal
    outcome: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.outcome

    @property
    def is_forbund(self) -> bool:
        return self.funder == FundingSource.FORBUND


FunderKey = tuple[str, int | None]


def _by_funder(queryset: QuerySet[Any]) -> dict[FunderKey, tuple[str, Decimal]]:
    rows = (
        queryset.order_by()
        .values("funder", "funder_party_id", "funder_party__name")
        .annotate(total=Sum("amount"))
        .values_list("funder", "funder_party_id", "funder_party__name", "total")
    )
    return {(funder, party): (name or "", total or ZERO) for funder, party, name, total in rows}


def budget_by_funder(interventions: Interventions, period: Period) -> list[FunderRow]:
    """Budget and outcome per funder (and financing party), in the order of
    ``FundingSource`` then party name. Two queries."""
    ids = intervention_ids(interventions)
    budget = _by_funder(
        BudgetLine.objects.filter(intervention_id__in=ids, year__in=period_years(period))
    )
    outcome = _by_funder(
        ActualCost.objects.filter(
            intervention_id__in=ids,
            month__gte=_first_of_month(period.start),
            month__lte=period.end,
        )
    )
    labels = dict(FundingSource.choices)
    order = {code: index for index, code in enumerate(FundingSource.values)}
    rows = [
        FunderRow(
            funder=funder,
            label=str(labels.get(funder, funder)),
            party_id=party_id,
            party_name=(budget.get((funder, party_id)) or outcome[(funder, party_id)])[0],
            budget=budget.get((funder, party_id), ("", ZERO))[1],
            outcome=outcome.get((funder, party_id), ("", ZERO))[1],
        )
        for funder, party_id in set(budget) | set(outcome)
    ]
    return sorted(rows, key=lambda row: (order.get(row.funder, 99), row.party_name))


def monthly_outcome(
    interventions: Interventions, period: Period
) -> list[tuple[datetime.date, Decimal]]:
    """The outcome per month of the period (months without costs are 0), for the chart."""
    ids = intervention_ids(interventions)
    sums = dict(
        ActualCost.objects.filter(
            intervention_id__in=ids,
            month__gte=_first_of_month(period.start),
            month__lte=period.end,
        )
        .order_by()
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    firsts = [_first_of_month(month.start) for month in period.months()]
    return [(month, sums.get(month) or ZERO) for month in firsts]


def outcome_by_month_and_category(
    interventions: Interventions, period: Period
) -> dict[tuple[datetime.date, str], Decimal]:
    """The outcome per (month, cost category) of the period, for the month table; missing
    keys are 0. One ``GROUP BY``."""
    rows = (
        ActualCost.objects.filter(
            intervention_id__in=intervention_ids(interventions),
            month__gte=_first_of_month(period.start),
            month__lte=period.end,
        )
        .order_by()
        .values("month", "category")
        .annotate(total=Sum("amount"))
        .values_list("month", "category", "total")
    )
    return {(month, category): total for month, category, total in rows}


# (month, category, funder, funder party id) -> (party name, amount)
CostCells = dict[tuple[datetime.date, str, str, int | None], tuple[str, Decimal]]


def outcome_by_month_category_and_funder(interventions: Interventions, period: Period) -> CostCells:
    """The outcome per (month, cost category, funder, party) of the period, for the month
    table whose rows are a category paid by one funder. One ``GROUP BY``."""
    rows = (
        ActualCost.objects.filter(
            intervention_id__in=intervention_ids(interventions),
            month__gte=_first_of_month(period.start),
            month__lte=period.end,
        )
        .order_by()
        .values("month", "category", "funder", "funder_party_id", "funder_party__name")
        .annotate(total=Sum("amount"))
        .values_list(
            "month", "category", "funder", "funder_party_id", "funder_party__name", "total"
        )
    )
    return {
        (month, category, funder, party_id): (name or "", total)
        for month, category, funder, party_id, name, total in rows
    }


@dataclass(frozen=True)
class FinancingRow:
    source: str
    label: str
    party_id: int | None
    party_name: str
    amount: Decimal


@dataclass(frozen=True)
class FinancingSummary:
    years: list[int]
    rows: list[FinancingRow] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.rows), ZERO)


def financing_by_source(interventions: Interventions, years: Iterable[int]) -> FinancingSummary:
    """Financing of ``years`` per source, and per party for the parties' own financing."""
    years = sorted(set(years))
    sums = (
        Financing.objects.filter(
            intervention_id__in=intervention_ids(interventions), year__in=years
        )
        .order_by()
        .values("source", "party_id", "party__name")
        .annotate(total=Coalesce(Sum("amount"), ZERO))
    )
    labels = dict(FundingSource.choices)
    order = {code: index for index, (code, _label) in enumerate(FundingSource.choices)}
    rows = sorted(
        (
            FinancingRow(
                source=row["source"],
                label=str(labels.get(row["source"], row["source"])),
                party_id=row["party_id"],
                party_name=row["party__name"] or "",
                amount=row["total"],
            )
            for row in sums
        ),
        key=lambda row: (order.get(row.source, 99), row.party_name),
    )
    return FinancingSummary(years=years, rows=rows)


def granted_by_intervention_and_year(
    interventions: Interventions, years: Iterable[int]
) -> dict[tuple[int, int], Decimal]:
    """The förbund's granted maximum (``Grant``, written by a decision) per (intervention id,
    year) of ``years`` that has one; one query. A key missing here has no recorded decision."""
    rows = Grant.objects.filter(
        intervention_id__in=intervention_ids(interventions), year__in=years
    ).values_list("intervention_id", "year", "amount")
    return {(pk, year): amount for pk, year, amount in rows}


def granted_by_intervention(
    interventions: Interventions, years: Iterable[int]
) -> dict[int, Decimal]:
    """The förbund's granted maximum (``Grant``) summed over ``years``, per intervention that
    has a grant in them; one query. An intervention missing here has no recorded decision for
    those years."""
    totals: dict[int, Decimal] = {}
    for (pk, _year), amount in granted_by_intervention_and_year(interventions, years).items():
        totals[pk] = totals.get(pk, ZERO) + amount
    return totals


def cost_per_participant(outcome_total: Decimal, active_total: int | None) -> Decimal | None:
    """Outcome divided by active participants, rounded to whole kronor; ``None`` for 0."""
    if not active_total:
        return None
    return (outcome_total / active_total).quantize(Decimal("1"))
