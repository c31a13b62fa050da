"""The förbund's own administration costs (budget and outcome per year), kept apart from the
interventions' money as SUS's cost report did. Only the förbund's administrators change them
(404 for everyone else); every change is versioned and audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.versioning import StaleEditError, save_versioned
from samsyn.interventions.models import AdministrationCost
from samsyn.interventions.services._common import Errors, raise_if, require_admin, taken
from samsyn.interventions.services.deleted import remember_forbund_deleted
from samsyn.interventions.services.money.common import (
    check_amount,
    check_text,
    refused_if_taken,
)
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR

ADMIN_FIELDS = ["year", "budget", "amount", "description"]


@dataclass(frozen=True)
class AdministrationCostFields:
    year: int | None
    budget: Decimal | None
    amount: Decimal | None
    description: str = ""


def _clean(
    forbund: Forbund, fields: AdministrationCostFields, *, exclude_pk: int | None
) -> AdministrationCostFields:
    errors: Errors = {}
    year = fields.year
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [
            _("Ange ett år mellan %(first)s och %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    elif taken(
        AdministrationCost.objects.filter(forbund=forbund, year=year), exclude_pk=exclude_pk
    ):
        errors["year"] = [
            _("Förbundet har redan administrationskostnader för %(year)s.") % {"year": year}
        ]
    check_amount(errors, "budget", fields.budget)
    check_amount(errors, "amount", fields.amount)
    description = check_text(errors, "description", fields.description)
    raise_if(errors)
    return AdministrationCostFields(year, fields.budget, fields.amount, description)


def _audit(actor: User, action: AuditAction, cost: AdministrationCost, verb: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=cost.forbund,
        role=Role.FORBUNDSADMIN.value,
        obj=cost,
        detail=(
            f"Administrationskostnad {cost.year} {verb}: "
            f"budget {cost.budget} kr, utfall {cost.amount} kr"
        ),
    )


@transaction.atomic
def administration_cost_create(
    *, actor: User, forbund: Forbund, fields: AdministrationCostFields
) -> AdministrationCost:
    require_admin(actor, forbund.pk)
    clean = _clean(forbund, fields, exclude_pk=None)
    with refused_if_taken():
        cost = AdministrationCost.objects.create(
            forbund=forbund, **{name: getattr(clean, name) for name in ADMIN_FIELDS}
        )
    _audit(actor, AuditAction.CREATE, cost, "tillagd")
    return cost


@transaction.atomic
def administration_cost_update(
    *,
    actor: User,
    cost: AdministrationCost,
    fields: AdministrationCostFields,
    expected_version: int,
) -> AdministrationCost:
    require_admin(actor, cost.forbund_id)
    clean = _clean(cost.forbund, fields, exclude_pk=cost.pk)
    for name in ADMIN_FIELDS:
        setattr(cost, name, getattr(clean, name))
    save_versioned(cost, expected_version=expected_version, fields=ADMIN_FIELDS)
    _audit(actor, AuditAction.UPDATE, cost, "ändrad")
    return cost


@transaction.atomic
def administration_cost_delete(
    *, actor: User, cost: AdministrationCost, expected_version: int
) -> None:
    require_admin(actor, cost.forbund_id)
    deleted, _counts = AdministrationCost.objects.filter(
        pk=cost.pk, version=expected_version
    ).delete()
    if not deleted:
        raise StaleEditError()
    label = _("Administrationskostnad %(year)s: budget %(budget)s kr, utfall %(amount)s kr") % {
        "year": cost.year,
        "budget": cost.budget,
        "amount": cost.amount,
    }
    remember_forbund_deleted(
        actor=actor,
        forbund=cost.forbund,
        instance=cost,
        kind="administration_cost",
        label=label,
    )
    _audit(actor, AuditAction.DELETE, cost, "borttagen")
