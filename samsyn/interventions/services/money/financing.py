"""Financing rows of an intervention: the förbund, a party's own financing, ESF, places sold
to other municipalities (amount = places × price, computed here) and other sources."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.kommuner import municipality_code_for
from samsyn.core.models import Party, User
from samsyn.core.versioning import delete_versioned, save_versioned
from samsyn.interventions.models import PARTY_SOURCES, Financing, FundingSource, Intervention
from samsyn.interventions.services._common import Errors, raise_if
from samsyn.interventions.services.deleted import remember_deleted
from samsyn.interventions.services.money.common import (
    audit_money,
    check_amount,
    check_funder,
    check_text,
    money_role,
    year_error,
)

FINANCING_FIELDS = [
    "year",
    "source",
    "party",
    "municipality_code",
    "places",
    "price_per_place",
    "amount",
    "description",
]
MAX_PLACES = 1000


@dataclass(frozen=True)
class FinancingFields:
    year: int
    source: str
    amount: Decimal | None = None
    party: Party | None = None
    # Sold places: the buying municipality (name or kommunkod), places and price per place.
    municipality: str = ""
    places: int | None = None
    price_per_place: Decimal | None = None
    description: str = ""


def _sold_places(fields: FinancingFields, errors: Errors) -> dict[str, Any]:
    code = municipality_code_for(fields.municipality)
    if code is None:
        errors["municipality"] = [
            _("Ange köpande kommun med namn eller kommunkod, till exempel Hagfors eller 1783.")
        ]
    places = fields.places
    if places is None or not 1 <= places <= MAX_PLACES:
        errors["places"] = [_("Ange antalet sålda platser, 1–1000.")]
    check_amount(errors, "price_per_place", fields.price_per_place)
    amount = None
    if "places" not in errors and "price_per_place" not in errors:
        amount = (Decimal(places or 0) * (fields.price_per_place or 0)).quantize(Decimal("0.01"))
        check_amount(errors, "price_per_place", amount)
    return {
        "municipality_code": code or "",
        "places": places,
        "price_per_place": fields.price_per_place,
        "amount": amount,
    }


def _clean_financing(intervention: Intervention, fields: FinancingFields) -> dict[str, Any]:
    """The model values of a valid row; the fields of other sources are cleared."""
    errors: Errors = {}
    if message := year_error(intervention, fields.year):
        errors["year"] = [message]
    values: dict[str, Any] = {
        "year": fields.year,
        "source": fields.source,
        "party": None,
        "municipality_code": "",
        "places": None,
        "price_per_place": None,
        "amount": fields.amount,
        "description": check_text(errors, "description", fields.description),
    }
    if fields.source not in FundingSource.values:
        errors["source"] = [_("Välj en finansiär i listan.")]
    elif fields.source == FundingSource.SOLD_PLACES:
        values.update(_sold_places(fields, errors))
    else:
        check_amount(errors, "amount", fields.amount)
    if fields.source in FundingSource.values:
        # Own financing in money or in kind names the party; no other source does.
        check_funder(errors, intervention, fields.source, fields.party, party_field="party")
        values["party"] = fields.party if fields.source in PARTY_SOURCES else None
    raise_if(errors)
    return values


def _describe(row: Financing) -> str:
    if row.source == FundingSource.SOLD_PLACES:
        detail = f" ({row.municipality_code}: {row.places} × {row.price_per_place})"
    elif row.party_id:
        detail = f" ({row.party_id})"
    else:
        detail = ""
    return f"Finansiering {row.year} {row.source}{detail}: {row.amount} kr"


@transaction.atomic
def financing_create(
    *, actor: User, intervention: Intervention, fields: FinancingFields
) -> Financing:
    role = money_role(actor, intervention)
    row = Financing(intervention=intervention, **_clean_financing(intervention, fields))
    row.save()
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.CREATE,
        intervention=intervention,
        obj=row,
        detail=f"{_describe(row)} tillagd",
    )
    return row


@transaction.atomic
def financing_update(
    *, actor: User, row: Financing, fields: FinancingFields, expected_version: int
) -> Financing:
    intervention = row.intervention
    role = money_role(actor, intervention)
    for name, value in _clean_financing(intervention, fields).items():
        setattr(row, name, value)
    save_versioned(row, expected_version=expected_version, fields=FINANCING_FIELDS)
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.UPDATE,
        intervention=intervention,
        obj=row,
        detail=f"{_describe(row)} ändrad",
    )
    return row


@transaction.atomic
def financing_delete(*, actor: User, row: Financing, expected_version: int) -> None:
    intervention = row.intervention
    role = money_role(actor, intervention)
    delete_versioned(row, expected_version=expected_version)
    label = _("Finansiering %(year)s, %(source)s: %(amount)s kr") % {
        "year": row.year,
        "source": row.get_source_display(),
        "amount": row.amount,
    }
    remember_deleted(
        actor=actor, intervention=intervention, instance=row, kind="financing", label=label
    )
    audit_money(
        actor=actor,
        role=role,
        action=AuditAction.DELETE,
        intervention=intervention,
        obj=row,
        detail=f"{_describe(row)} borttagen",
    )
