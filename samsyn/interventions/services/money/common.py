"""Rules shared by the money services: who may change an intervention's money, amounts in
kronor and öre, the intervention's years, and the audit event every change leaves."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Party, User
from samsyn.core.roles import Role
from samsyn.core.versioning import StaleEditError
from samsyn.interventions.models import PARTY_SOURCES, FundingSource, Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.finance import intervention_years
from samsyn.interventions.services._common import Errors

MONEY_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
# AMOUNT in models/finance.py: 12 digits of which 2 decimals.
MAX_AMOUNT = Decimal("9999999999.99")
MAX_TEXT = 200
# Spaces people and spreadsheets put between thousands: plain, no-break and narrow no-break.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_AMOUNT = re.compile(r"-?\d+(\.\d+)?")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def parse_amount(text: str) -> Decimal:
    """A Swedish amount as people write it: "64 000", "1 234,50", "1234.5", "500 kr".

    Raises ``ValueError`` for anything else (thousands dots like "1.234,50" are ambiguous
    and refused rather than guessed)."""
    value = _SPACES.sub("", str(text)).lower().removesuffix("kr").replace(",", ".")
    if not _AMOUNT.fullmatch(value):
        raise ValueError(text)
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(text) from None


def parse_month(text: str) -> datetime.date | None:
    """ "2026-03" (or "2026-3") as the first day of the month; None when it is no month."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return datetime.date(int(match.group(1)), int(match.group(2)), 1)


def format_amount(value: Decimal | None) -> str:
    """An amount as a Swedish form shows it: "64 000" or "1 234,50"."""
    if value is None:
        return ""
    whole, _sep, decimals = f"{value:.2f}".partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    text = sign + " ".join(groups)
    return text if decimals == "00" else f"{text},{decimals}"


def amount_error(value: Decimal | None, *, required: bool = True) -> str | None:
    """Why ``value`` is no valid amount (≥ 0, at most two decimals), or None."""
    if value is None:
        return _("Ange ett belopp.") if required else None
    if not value.is_finite():
        return _("Ange ett belopp i kronor, till exempel 64 000 eller 1 234,50.")
    if value < 0:
        return _("Beloppet kan inte vara negativt.")
    if value > MAX_AMOUNT:
        return _("Beloppet är för stort: högst %(max)s kr.") % {"max": format_amount(MAX_AMOUNT)}
    if value != value.quantize(Decimal("0.01")):
        return _("Beloppet får ha högst två decimaler (öre).")
    return None


def check_amount(
    errors: Errors, name: str, value: Decimal | None, *, required: bool = True
) -> None:
    message = amount_error(value, required=required)
    if message:
        errors[name] = [message]


def check_funder(
    errors: Errors,
    intervention: Intervention,
    funder: str,
    party: Party | None,
    *,
    party_field: str = "funder_party",
) -> None:
    """Who pays (docs/money.md): one of the funders; a party's own financing, in money or
    in kind, names one of the förbund's parties, and no other funder names one."""
    if funder not in FundingSource.values:
        errors["funder"] = [_("Välj en finansiär i listan.")]
    elif funder in PARTY_SOURCES:
        if party is None or party.forbund_id != intervention.forbund_id:
            errors[party_field] = [
                _("Ange vilken av förbundets parter som står för egenfinansieringen.")
            ]
    elif party is not None:
        errors[party_field] = [
            _("Part anges bara för parts egenfinansiering i pengar eller i natura.")
        ]


def year_error(intervention: Intervention, year: int | None) -> str | None:
    years = intervention_years(intervention)
    if year is None or year not in years:
        return _("Året ska ligga inom insatsens år, %(first)s–%(last)s.") % {
            "first": years[0],
            "last": years[-1],
        }
    return None


def check_text(errors: Errors, name: str, value: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        errors[name] = [_("Texten får vara högst 200 tecken.")]
    return value


def money_role(actor: User, intervention: Intervention) -> str:
    """The role in which the actor changes the intervention's money (for the audit log):
    förbundsadministratör of its förbund or its insatsansvarig; 404 for anyone else."""
    for role in MONEY_MANAGER_ROLES:
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


def can_manage_money(actor: User, intervention: Intervention) -> bool:
    managed = interventions_visible_to(actor, *MONEY_MANAGER_ROLES)
    return managed.filter(pk=intervention.pk).exists()


def audit_money(
    *,
    actor: User,
    role: str,
    action: AuditAction,
    intervention: Intervention,
    obj: models.Model | None,
    detail: str,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        role=role,
        obj=obj,
        detail=detail,
    )


@contextmanager
def refused_if_taken() -> Iterator[None]:
    """Someone else created the same (unique) row between our look-up and our insert: refuse
    it like a stale edit rather than failing with a database error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise StaleEditError() from None
