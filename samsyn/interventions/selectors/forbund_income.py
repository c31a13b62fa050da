"""Reads of the förbund's member income (docs/forbund-budget.md): the total per year and
what each member pays of it — Försäkringskassan half, the region a quarter, the
municipalities a quarter split by the förbund's agreement (§ 5 lag (2003:1210)).

Amounts are rounded to öre; the municipalities' quarter is what is left of the total after
the state's and the region's part, and the last municipality's amount is what is left of
the quarter, so the parts always add up to the total exactly."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from samsyn.core.models import Forbund, Party, PartyKind, User
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.models import (
    REGION_SHARE,
    STATE_SHARE,
    ForbundIncome,
    MunicipalityShare,
)

ORE = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MunicipalityPart:
    party: Party
    share_percent: Decimal
    amount: Decimal


@dataclass(frozen=True)
class IncomeSplit:
    income: ForbundIncome
    state: Decimal
    region: Decimal
    municipalities: Decimal
    municipality_parts: list[MunicipalityPart]


def income_split(income: ForbundIncome, shares: list[MunicipalityShare]) -> IncomeSplit:
    """The members' parts of one year's total; ``shares`` with their party loaded."""
    total = income.total_amount
    state = _round(total * STATE_SHARE)
    region = _round(total * REGION_SHARE)
    municipalities = total - state - region
    parts: list[MunicipalityPart] = []
    left = municipalities
    for index, share in enumerate(shares):
        last = index == len(shares) - 1
        amount = left if last else _round(municipalities * share.share_percent / 100)
        left -= amount
        parts.append(MunicipalityPart(share.party, share.share_percent, amount))
    return IncomeSplit(income, state, region, municipalities, parts)


@dataclass(frozen=True)
class IncomeSection:
    forbund: Forbund
    years: list[IncomeSplit]


def _with_shares() -> Prefetch:
    shares = MunicipalityShare.objects.select_related("party").order_by("-share_percent", "pk")
    return Prefetch("municipality_shares", queryset=shares, to_attr="shares_loaded")


def income_sections(*, actor: User) -> list[IncomeSection]:
    """Every administered förbund with its years' income and split (three queries)."""
    forbunds = list(forbunds_administered_by(actor).order_by("name"))
    if not forbunds:
        raise Http404
    incomes = (
        ForbundIncome.objects.filter(forbund__in=forbunds)
        .prefetch_related(_with_shares())
        .order_by("-year")
    )
    by_forbund: dict[int, list[IncomeSplit]] = {forbund.pk: [] for forbund in forbunds}
    for income in incomes:
        by_forbund[income.forbund_id].append(income_split(income, income.shares_loaded))  # type: ignore[attr-defined]
    return [IncomeSection(forbund, by_forbund[forbund.pk]) for forbund in forbunds]


def administered_forbund(*, actor: User, forbund_id: int) -> Forbund:
    return get_object_or_404(forbunds_administered_by(actor), pk=forbund_id)


def forbund_income_get(*, actor: User, forbund_id: int, year: int) -> ForbundIncome | None:
    """The year's income of a förbund the actor administers (404 otherwise); None when the
    year has none yet."""
    forbund = administered_forbund(actor=actor, forbund_id=forbund_id)
    return (
        ForbundIncome.objects.filter(forbund=forbund, year=year)
        .select_related("forbund")
        .prefetch_related(_with_shares())
        .first()
    )


def municipality_choices(forbund: Forbund) -> list[Party]:
    return list(Party.objects.filter(forbund=forbund, kind=PartyKind.KOMMUN).order_by("name", "pk"))


def income_totals(*, forbund_ids: list[int]) -> dict[tuple[int, int], Decimal]:
    """``{(förbund id, year): total member income}`` in one query, for the budget."""
    rows = ForbundIncome.objects.filter(forbund_id__in=forbund_ids).values_list(
        "forbund_id", "year", "total_amount"
    )
    return {(forbund_id, year): total for forbund_id, year, total in rows}
