"""Budget lines and annual plans of an intervention, changed by its förbundsadministratör or
insatsansvarig (404 for everyone else). Every change is versioned and audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.core.versioning import StaleEditError, delete_versioned, save_versioned
from samsyn.interventions.models import (
    AnnualPlan,
    BudgetLine,
    CostCategory,
    FundingSource,
    Intervention,
)
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.interventions.services.deleted import remember_deleted
from samsyn.interventions.services.money.common import (
    audit_money,
    check_amount,
    check_funder,
    check_text,
    money_role,
    refused_if_taken,
    year_error,
)

BUDGET_FIELDS = [
    "year",
    "category",
    "description",
    "amount",
    "fte_percent",
    "period_from",
    "period_to",
    "funder",
    "funder_party",
]
MAX_PLANNED = 100_000


@dataclass(frozen=True)
class BudgetLineFields:
    year: int
    category: str
    amount: Decimal | None
    description: str = ""
    # Salaries only: the share of a full-time post and the months it covers.
    fte_percent: Decimal | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    # Who pays the line (docs/money.md); the party for a party's own financing.
    funder: str = FundingSource.FORBUND.value
    funder_party: Party | None = None


def _check_salary_details(fields: BudgetLineFields, errors: Errors) -> None:
    salary = fields.category == CostCategory.SALARIES
    has_details = fields.fte_percent is not None or fields.period_from or fields.period_to
    if has_details and not salary:
        errors["fte_percent"] = [_("Tjänstgöringsgrad och period anges bara för löner.")]
        return
    fte = fields.fte_percent
    if fte is not None and not (0 < fte <= 100 and fte == fte.quantize(Decimal("0.01"))):
        errors["fte_percent"] = [
            _("Tjänstgöringsgraden anges i procent, större än 0 och högst 100.")
        ]
    for name in ("period_from", "period_to"):
        day = getattr(fields, name)
        if day is not None and day.year != fields.year:
            errors[name] = [_("Perioden ska ligga inom budgetåret.")]
    start, end = fields.period_from, fields.period_to
    if start and end and end < start and "period_to" not in errors:
        errors["period_to"] = [_("Periodens slut kan inte ligga före dess början.")]


def _clean_budget_line(intervention: Intervention, fields: BudgetLineFields) -> BudgetLineFields:
    errors: Errors = {}
    if message := year_error(intervention, fields.year):
        errors["year"] = [message]
    if fields.category not in CostCategory.values:
        errors["category"] = [_("Välj ett kostnadsslag i listan.")]
    check_amount(errors, "amount", fields.amount)
    check_funder(errors, intervention, fields.funder, fields.funder_party)
    description = check_text(errors, "description", fields.description)
    if "year" not in errors:
        _check_salary_details(fields, errors)
    raise_if(errors)
    return replace(fields, description=description)


def _describe_line(line: BudgetLine) -> str:
    party = f" ({line.funder_party_id})" if line.funder_party_id else ""
    return f"Budgetrad {line.year} {line.category}, {line.funder}{party}: {line.amount} kr"


@transaction.atomic
def budget_line_create(
    *, actor: User, intervention: Intervention, fields: BudgetLineFields
) -> BudgetLine:
    role = money_role(actor, intervention)
    clean = _clean_budget_line(intervention, fields)
    line = BudgetLine(intervention=intervention, **{n: getattr(clean, n) for n in BUDGET_FIELDS})
    line.save()
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.CREATE,
        intervention=intervention,
        obj=line,
        detail=f"{_describe_line(line)} tillagd",
    )
    return line


@transaction.atomic
def budget_line_update(
    *, actor: User, line: BudgetLine, fields: BudgetLineFields, expected_version: int
) -> BudgetLine:
    intervention = line.intervention
    role = money_role(actor, intervention)
    clean = _clean_budget_line(intervention, fields)
    for name in BUDGET_FIELDS:
        setattr(line, name, getattr(clean, name))
    save_versioned(line, expected_version=expected_version, fields=BUDGET_FIELDS)
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.UPDATE,
        intervention=intervention,
        obj=line,
        detail=f"{_describe_line(line)} ändrad",
    )
    return line


@transaction.atomic
def budget_line_delete(*, actor: User, line: BudgetLine, expected_version: int) -> None:
    intervention = line.intervention
    role = money_role(actor, intervention)
    delete_versioned(line, expected_version=expected_version)
    label = _("Budgetrad %(year)s, %(category)s %(description)s: %(amount)s kr") % {
        "year": line.year,
        "category": line.get_category_display(),
        "description": line.description,
        "amount": line.amount,
    }
    remember_deleted(
        actor=actor, intervention=intervention, instance=line, kind="budget_line", label=label
    )
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.DELETE,
        intervention=intervention,
        obj=line,
        detail=f"{_describe_line(line)} borttagen",
    )


# --- annual plan ---------------------------------------------------------------------------


def _check_plan(intervention: Intervention, year: int, planned: int | None) -> None:
    errors: Errors = {}
    if message := year_error(intervention, year):
        errors["year"] = [message]
    if planned is None or not 0 <= planned <= MAX_PLANNED:
        errors["planned_participants"] = [
            _("Ange antalet planerade deltagare som ett heltal från 0 till 100 000.")
        ]
    raise_if(errors)


@transaction.atomic
def annual_plan_set(
    *,
    actor: User,
    intervention: Intervention,
    year: int,
    planned_participants: int | None,
    expected_version: int | None,
) -> AnnualPlan:
    """Set the year's planned participants. ``expected_version`` is the version the form
    showed (0 when there was no plan yet); a plan changed or created meanwhile is refused."""
    role = money_role(actor, intervention)
    _check_plan(intervention, year, planned_participants)
    plan = (
        AnnualPlan.objects.select_for_update().filter(intervention=intervention, year=year).first()
    )
    if plan is None:
        if expected_version:
            raise StaleEditError()  # the plan the form showed has been removed meanwhile
        with refused_if_taken():
            plan = AnnualPlan.objects.create(
                intervention=intervention, year=year, planned_participants=planned_participants or 0
            )
        action = AuditAction.CREATE
    else:
        assert planned_participants is not None  # _check_plan requires it
        plan.planned_participants = planned_participants
        version = plan.version if expected_version is None else expected_version
        save_versioned(plan, expected_version=version, fields=["planned_participants"])
        action = AuditAction.UPDATE
    audit_money(
        actor=actor,
        role=role,
        action=action,
        intervention=intervention,
        obj=plan,
        detail=f"Årsplan {year}: {plan.planned_participants} planerade deltagare",
    )
    return plan


@transaction.atomic
def annual_plan_delete(*, actor: User, plan: AnnualPlan, expected_version: int) -> None:
    intervention = plan.intervention
    role = money_role(actor, intervention)
    delete_versioned(plan, expected_version=expected_version)
    label = _("Årsplan %(year)s: %(planned)s planerade deltagare") % {
        "year": plan.year,
        "planned": plan.planned_participants,
    }
    remember_deleted(
        actor=actor, intervention=intervention, instance=plan, kind="annual_plan", label=label
    )
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.DELETE,
        intervention=intervention,
        obj=plan,
        detail=f"Årsplan {plan.year} borttagen",
    )
