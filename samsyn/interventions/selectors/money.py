"""Reads behind the money pages, each starting from the actor's scope.

The economy page is for the förbundsadministratör of the förbund, the intervention's
insatsansvarig and the styrgrupp (read only); everyone else gets a 404. Management reads are
for the first two only, and the förbund's administration costs for its administrators only.
Money is not personal data, but the number of active participants behind the cost per
participant is: an audience without access to personal data does not see a count of 1–4.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.core.models import Forbund, Party, User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.models import (
    ActualCost,
    AdministrationCost,
    AnnualPlan,
    BudgetLine,
    CostCategory,
    Financing,
    FundingSource,
    Intervention,
)
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.detail import viewer_roles
from samsyn.interventions.selectors.finance import (
    ZERO,
    BudgetOutcome,
    FinancingSummary,
    FunderRow,
    budget_by_funder,
    budget_vs_outcome,
    cost_per_participant,
    financing_by_source,
    intervention_years,
    outcome_by_month_category_and_funder,
    year_period,
)
from samsyn.interventions.services.money import MONEY_MANAGER_ROLES
from samsyn.stats.metrics import TOTAL, evaluate
from samsyn.stats.suppression import PRIMARY_TEXT, is_small

VIEW_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.STYRGRUPP)
CATEGORY_ORDER = {code: index for index, code in enumerate(CostCategory.values)}
SOURCE_ORDER = {code: index for index, code in enumerate(FundingSource.values)}


# --- the year ------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearChoice:
    year: int
    years: list[int]
    error: str | None = None


def choose_year(
    intervention: Intervention, text: str | None, today: datetime.date | None = None
) -> YearChoice:
    """The year asked for in ``?ar=``, or this year (kept within the intervention's years);
    a malformed or foreign year gives the default with a Swedish message."""
    years = intervention_years(intervention)
    this_year = (today or timezone.localdate()).year
    default = min(max(this_year, years[0]), years[-1])
    text = (text or "").strip()
    if not text:
        return YearChoice(default, years)
    if text.isascii() and text.isdigit() and int(text) in years:
        return YearChoice(int(text), years)
    error = _("Året ”%(value)s” finns inte för insatsen; välj ett av åren %(first)s–%(last)s.") % {
        "value": text[:20],
        "first": years[0],
        "last": years[-1],
    }
    return YearChoice(default, years, error)


# --- the economy page ----------------------------------------------------------------------


@dataclass(frozen=True)
class CostRow:
    """One cost category paid by one funder (and party), month by month."""

    category: str
    label: str
    cells: list[tuple[datetime.date, Decimal | None]]
    total: Decimal
    funder: str = FundingSource.FORBUND.value
    funder_label: str = ""
    party_id: int | None = None
    party_name: str = ""


@dataclass(frozen=True)
class CostTable:
    months: list[datetime.date]
    rows: list[CostRow]
    month_totals: list[Decimal]
    total: Decimal


@dataclass(frozen=True)
class ParticipantCost:
    active_text: str
    # The total project cost per participant, and the förbund's money per participant.
    cost: Decimal | None
    # Why no cost per participant is shown: nobody active, or too few to show (styrgrupp).
    hidden_small: bool
    forbund_cost: Decimal | None = None


@dataclass(frozen=True)
class EconomyPage:
    intervention: Intervention
    year: YearChoice
    can_manage: bool
    budget_lines: list[BudgetLine]
    budget_total: Decimal
    financing_rows: list[Financing]
    financing: FinancingSummary
    plan: AnnualPlan | None
    costs: CostTable
    outcome: BudgetOutcome
    per_participant: ParticipantCost
    funders: list[FunderRow]

    @property
    def remaining(self) -> Decimal:
        return self.outcome.budget_total - self.outcome.outcome_total


def _months(year: int) -> list[datetime.date]:
    return [month.start for month in year_period(year).months()]


def cost_table(intervention: Intervention, year: int) -> CostTable:
    """Outcome per category and funder × month of ``year`` from one GROUP BY; a row for each
    category and funder with any outcome, in the order of the budget template and of the
    funders."""
    sums = outcome_by_month_category_and_funder(intervention, year_period(year))
    months = _months(year)
    keys = {
        (category, funder, party): name
        for (_m, category, funder, party), (name, _a) in sums.items()
    }
    funder_labels = dict(FundingSource.choices)
    ordered = sorted(
        keys,
        key=lambda key: (
            CATEGORY_ORDER.get(key[0], 99),
            SOURCE_ORDER.get(key[1], 99),
            keys[key],
        ),
    )
    category_labels = dict(CostCategory.choices)
    rows = []
    for category, funder, party in ordered:
        cells = [(month, _amount(sums.get((month, category, funder, party)))) for month in months]
        rows.append(
            CostRow(
                category=category,
                label=str(category_labels.get(category, category)),
                cells=cells,
                total=sum((amount or ZERO for _month, amount in cells), ZERO),
                funder=funder,
                funder_label=str(funder_labels.get(funder, funder)),
                party_id=party,
                party_name=keys[(category, funder, party)],
            )
        )
    month_totals = [
        sum((row.cells[index][1] or ZERO for row in rows), ZERO) for index in range(len(months))
    ]
    return CostTable(months, rows, month_totals, sum(month_totals, ZERO))


def _amount(cell: tuple[str, Decimal] | None) -> Decimal | None:
    return None if cell is None else cell[1]


def _participant_cost(
    intervention: Intervention, year: int, outcome: BudgetOutcome, *, suppress: bool
) -> ParticipantCost:
    active = int(
        evaluate(intervention, year_period(year), metric_ids={"active"})["active"][TOTAL] or 0
    )
    if suppress and active and is_small(active):
        return ParticipantCost(str(PRIMARY_TEXT), None, hidden_small=True)
    return ParticipantCost(
        str(active),
        cost_per_participant(outcome.outcome_total, active),
        hidden_small=False,
        forbund_cost=cost_per_participant(outcome.forbund_outcome_total, active),
    )


def economy_page(*, actor: User, intervention_id: int, year_text: str | None) -> EconomyPage:
    """Everything the economy page shows for one year, in a constant number of queries."""
    visible = interventions_visible_to(actor, *VIEW_ROLES).select_related("forbund")
    intervention = get_object_or_404(visible, pk=intervention_id)
    roles = viewer_roles(actor=actor, intervention=intervention)
    choice = choose_year(intervention, year_text)
    year = choice.year
    lines = sorted(
        BudgetLine.objects.filter(intervention=intervention, year=year).select_related(
            "funder_party"
        ),
        key=lambda line: (CATEGORY_ORDER.get(line.category, 99), line.pk),
    )
    financing_rows = sorted(
        Financing.objects.filter(intervention=intervention, year=year).select_related("party"),
        key=lambda row: (SOURCE_ORDER.get(row.source, 99), row.pk),
    )
    period = year_period(year)
    outcome = budget_vs_outcome(intervention, period)
    suppress = not (roles & ROLES_SEEING_EXACT_FIGURES)
    return EconomyPage(
        intervention=intervention,
        year=choice,
        can_manage=bool(roles & set(MONEY_MANAGER_ROLES)),
        budget_lines=lines,
        budget_total=sum((line.amount for line in lines), ZERO),
        financing_rows=financing_rows,
        financing=financing_by_source(intervention, [year]),
        plan=AnnualPlan.objects.filter(intervention=intervention, year=year).first(),
        costs=cost_table(intervention, year),
        outcome=outcome,
        per_participant=_participant_cost(intervention, year, outcome, suppress=suppress),
        funders=budget_by_funder(intervention, period),
    )


# --- management ----------------------------------------------------------------------------


def managed_money_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose money the actor manages; 404 for everyone else."""
    managed = interventions_visible_to(actor, *MONEY_MANAGER_ROLES)
    return get_object_or_404(managed.select_related("forbund"), pk=intervention_id)


def managed_budget_line(*, actor: User, intervention_id: int, line_id: int) -> BudgetLine:
    intervention = managed_money_intervention(actor=actor, intervention_id=intervention_id)
    line = get_object_or_404(BudgetLine.objects.filter(intervention=intervention), pk=line_id)
    line.intervention = intervention
    return line


def managed_financing(*, actor: User, intervention_id: int, financing_id: int) -> Financing:
    intervention = managed_money_intervention(actor=actor, intervention_id=intervention_id)
    rows = Financing.objects.filter(intervention=intervention).select_related("party")
    row = get_object_or_404(rows, pk=financing_id)
    row.intervention = intervention
    return row


def actual_cost_find(
    intervention: Intervention,
    month: datetime.date,
    category: str,
    funder: str = FundingSource.FORBUND.value,
    party_id: int | None = None,
) -> ActualCost | None:
    """The outcome of one month, category and funder of a managed intervention, if entered."""
    cost = (
        ActualCost.objects.filter(
            intervention=intervention,
            month=month.replace(day=1),
            category=category,
            funder=funder,
            funder_party_id=party_id,
        )
        .select_related("funder_party")
        .first()
    )
    if cost is not None:
        cost.intervention = intervention
    return cost


def annual_plan_find(intervention: Intervention, year: int) -> AnnualPlan | None:
    plan = AnnualPlan.objects.filter(intervention=intervention, year=year).first()
    if plan is not None:
        plan.intervention = intervention
    return plan


def financing_party_choices(
    intervention: Intervention, keep: Party | None = None
) -> QuerySet[Party]:
    """The förbund's active parties, and the one a row already names even if deactivated."""
    wanted = Q(is_active=True)
    if keep is not None:
        wanted |= Q(pk=keep.pk)
    return Party.objects.filter(wanted, forbund_id=intervention.forbund_id).order_by("kind", "name")


# --- the förbund's administration costs ----------------------------------------------------


@dataclass(frozen=True)
class AdministrationSection:
    forbund: Forbund
    costs: list[AdministrationCost]


def administered_forbunds(*, actor: User) -> list[Forbund]:
    """The förbund the actor administers; 404 for everyone who administers none."""
    forbunds = list(forbunds_administered_by(actor).order_by("name"))
    if not forbunds:
        raise Http404
    return forbunds


def administration_sections(*, actor: User) -> list[AdministrationSection]:
    forbunds = administered_forbunds(actor=actor)
    costs = AdministrationCost.objects.filter(forbund__in=forbunds).order_by("-year")
    by_forbund: dict[int, list[AdministrationCost]] = {forbund.pk: [] for forbund in forbunds}
    for cost in costs:
        by_forbund[cost.forbund_id].append(cost)
    return [AdministrationSection(forbund, by_forbund[forbund.pk]) for forbund in forbunds]


def administration_cost_get(*, actor: User, cost_id: int) -> AdministrationCost:
    costs = AdministrationCost.objects.filter(forbund__in=forbunds_administered_by(actor))
    return get_object_or_404(costs.select_related("forbund"), pk=cost_id)
