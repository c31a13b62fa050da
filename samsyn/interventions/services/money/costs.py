"""Actual costs (utfall) per month, cost category and funder: entered one at a time or
imported from a file. Both upsert on (month, category, funder, financing party); an import is
all or nothing and one audit event."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.core.versioning import StaleEditError, delete_versioned, save_versioned
from samsyn.interventions.models import ActualCost, CostCategory, FundingSource, Intervention
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.interventions.services.deleted import remember_deleted
from samsyn.interventions.services.money.common import (
    audit_money,
    check_amount,
    check_funder,
    check_text,
    format_amount,
    money_role,
    refused_if_taken,
    year_error,
)


@dataclass(frozen=True)
class ActualCostFields:
    month: datetime.date
    category: str
    amount: Decimal | None
    note: str = ""
    # Who paid (docs/money.md); the party for a party's own financing.
    funder: str = FundingSource.FORBUND.value
    funder_party: Party | None = None

    @property
    def key(self) -> CostKey:
        party_id = self.funder_party.pk if self.funder_party is not None else None
        return (self.month, self.category, self.funder, party_id)


# (month, category, funder, funder party id): one outcome row.
CostKey = tuple[datetime.date, str, str, int | None]


def cost_key(cost: ActualCost) -> CostKey:
    return (cost.month, cost.category, cost.funder, cost.funder_party_id)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def clean_actual_cost(intervention: Intervention, fields: ActualCostFields) -> ActualCostFields:
    """The row with its month as the first day; a ValidationError by field otherwise."""
    errors: Errors = {}
    month = fields.month
    if not isinstance(month, datetime.date):
        errors["month"] = [_("Ange månaden som ÅÅÅÅ-MM.")]
    elif message := year_error(intervention, month.year):
        errors["month"] = [message]
    if fields.category not in CostCategory.values:
        errors["category"] = [_("Välj ett kostnadsslag i listan.")]
    check_amount(errors, "amount", fields.amount)
    check_funder(errors, intervention, fields.funder, fields.funder_party)
    note = check_text(errors, "note", fields.note)
    raise_if(errors)
    return replace(fields, month=month.replace(day=1), note=note)


def _describe(cost: ActualCost) -> str:
    party = f" ({cost.funder_party_id})" if cost.funder_party_id else ""
    return f"Utfall {cost.month:%Y-%m} {cost.category}, {cost.funder}{party}: {cost.amount} kr"


@transaction.atomic
def actual_cost_set(
    *,
    actor: User,
    intervention: Intervention,
    fields: ActualCostFields,
    expected_version: int | None,
) -> tuple[ActualCost, bool]:
    """Create or change the outcome of one month, category and funder; returns
    (cost, created).

    ``expected_version`` is the version the form showed: an outcome changed since is refused.
    ``None`` (a blank form) replaces whatever is there, as an import does."""
    role = money_role(actor, intervention)
    clean = clean_actual_cost(intervention, fields)
    cost = (
        ActualCost.objects.select_for_update()
        .filter(
            intervention=intervention,
            month=clean.month,
            category=clean.category,
            funder=clean.funder,
            funder_party=clean.funder_party,
        )
        .first()
    )
    created = cost is None
    if cost is None:
        if expected_version:
            raise StaleEditError()  # the outcome the form showed has been removed meanwhile
        with refused_if_taken():
            cost = ActualCost.objects.create(
                intervention=intervention,
                month=clean.month,
                category=clean.category,
                amount=clean.amount or Decimal(0),  # never None once clean
                note=clean.note,
                funder=clean.funder,
                funder_party=clean.funder_party,
            )
    else:
        assert clean.amount is not None  # clean_actual_cost requires an amount
        cost.amount, cost.note = clean.amount, clean.note
        version = cost.version if expected_version is None else expected_version
        save_versioned(cost, expected_version=version, fields=["amount", "note"])
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        intervention=intervention,
        obj=cost,
        detail=_describe(cost),
    )
    return cost, created


@transaction.atomic
def actual_cost_delete(*, actor: User, cost: ActualCost, expected_version: int) -> None:
    intervention = cost.intervention
    role = money_role(actor, intervention)
    delete_versioned(cost, expected_version=expected_version)
    label = _("Utfall %(month)s, %(category)s (%(funder)s): %(amount)s kr") % {
        "month": f"{cost.month:%Y-%m}",
        "category": cost.get_category_display(),
        "funder": cost.get_funder_display(),
        "amount": cost.amount,
    }
    remember_deleted(
        actor=actor, intervention=intervention, instance=cost, kind="actual_cost", label=label
    )
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.DELETE,
        intervention=intervention,
        obj=cost,
        detail=f"{_describe(cost)} borttaget",
    )


@transaction.atomic
def actual_costs_import(
    *,
    actor: User,
    intervention: Intervention,
    rows: Sequence[ActualCostFields],
    file_name: str = "",
) -> ImportResult:
    """Upsert every row, or nothing: the rows were checked row by row by the import, and are
    checked again here so that no caller can save a bad one."""
    role = money_role(actor, intervention)
    clean = [clean_actual_cost(intervention, row) for row in rows]
    keys = {row.key for row in clean}
    if len(keys) != len(clean):
        raise ValidationError(_("Samma månad, kostnadsslag och finansiär finns på flera rader."))
    months = {key[0] for key in keys}
    existing = {
        cost_key(cost): cost
        for cost in ActualCost.objects.select_for_update().filter(
            intervention=intervention, month__in=months
        )
    }
    new, changed = [], []
    for row in clean:
        cost = existing.get(row.key)
        if cost is None:
            new.append(ActualCost(intervention=intervention, **vars(row)))
        else:
            assert row.amount is not None  # clean_actual_cost requires an amount
            cost.amount, cost.note = row.amount, row.note
            changed.append(cost)
    with refused_if_taken():
        ActualCost.objects.bulk_create(new)
    ActualCost.objects.bulk_update(changed, ["amount", "note"])
    # An imported change is an edit like any other: forms open before it become stale.
    ActualCost.objects.filter(pk__in=[cost.pk for cost in changed]).update(version=F("version") + 1)
    total = sum((row.amount or Decimal(0) for row in clean), Decimal(0))
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.CREATE,
        intervention=intervention,
        obj=None,
        detail=(
            f"Import av utfall{f' ({file_name[:80]})' if file_name else ''}: "
            f"{len(new)} nya, {len(changed)} ändrade, summa {format_amount(total)} kr"
        ),
    )
    return ImportResult(created=len(new), updated=len(changed))
