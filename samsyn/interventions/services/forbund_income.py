"""The förbund's income from its members per year: the total and the municipalities' split
(docs/forbund-budget.md). Only the förbund's administrators change it (404 for everyone
else); a change is versioned, validated as a whole and audited, and bad input changes
nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Forbund, Party, PartyKind, User
from samsyn.core.versioning import StaleEditError, delete_versioned, save_versioned
from samsyn.interventions.models import ForbundIncome, MunicipalityShare
from samsyn.interventions.services._common import Errors, audit_change, raise_if, require_admin
from samsyn.interventions.services.deleted import remember_forbund_deleted
from samsyn.interventions.services.money.common import amount_error, check_text
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ShareFields:
    party_id: int | None
    share_percent: Decimal | None


@dataclass(frozen=True)
class ForbundIncomeFields:
    year: int | None
    total_amount: Decimal | None
    reference: str = ""
    shares: list[ShareFields] = field(default_factory=list)


def _share_error(value: Decimal | None) -> str | None:
    if value is None or not value.is_finite():
        return _("Ange en andel i procent.")
    if not Decimal(0) < value <= HUNDRED:
        return _("En kommuns andel ska vara mer än 0 och högst 100 %.")
    if value != value.quantize(Decimal("0.01")):
        return _("Andelen får ha högst två decimaler.")
    return None


def _clean_shares(forbund: Forbund, shares: list[ShareFields], errors: Errors) -> None:
    municipalities = set(
        Party.objects.filter(forbund=forbund, kind=PartyKind.KOMMUN).values_list("pk", flat=True)
    )
    messages: list[str] = []
    seen: set[int] = set()
    for share in shares:
        if share.party_id not in municipalities:
            messages.append(_("Välj en kommun som är medlem i förbundet."))
        elif share.party_id in seen:
            messages.append(_("Varje kommun får bara finnas med en gång."))
        else:
            seen.add(share.party_id)
        message = _share_error(share.share_percent)
        if message:
            messages.append(message)
    if messages:
        errors["shares"] = list(dict.fromkeys(messages))
        return
    if not shares:
        errors["shares"] = [_("Ange hur kommunernas fjärdedel fördelas mellan kommunerna.")]
        return
    total = sum((share.share_percent or Decimal(0) for share in shares), Decimal(0))
    if total != HUNDRED:
        errors["shares"] = [
            _("Kommunernas andelar ska tillsammans vara 100 %%, nu är de %(sum)s %%.")
            % {"sum": f"{total:.2f}".rstrip("0").rstrip(".").replace(".", ",")}
        ]


def _clean(
    forbund: Forbund, fields: ForbundIncomeFields, *, income: ForbundIncome | None
) -> ForbundIncomeFields:
    errors: Errors = {}
    year = fields.year
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [
            _("Ange ett år mellan %(first)s och %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    elif income is None and ForbundIncome.objects.filter(forbund=forbund, year=year).exists():
        errors["year"] = [_("Förbundet har redan medlemsbidrag för %(year)s.") % {"year": year}]
    elif income is not None and income.year != year:
        errors["year"] = [_("Året kan inte ändras. Lägg till ett nytt år i stället.")]
    message = amount_error(fields.total_amount)
    if message:
        errors["total_amount"] = [message]
    reference = check_text(errors, "reference", fields.reference)
    _clean_shares(forbund, fields.shares, errors)
    raise_if(errors)
    return ForbundIncomeFields(year, fields.total_amount, reference, fields.shares)


def _write_shares(income: ForbundIncome, shares: list[ShareFields]) -> None:
    income.municipality_shares.all().delete()
    # The shares were validated by _clean: every party and percentage is given.
    MunicipalityShare.objects.bulk_create(
        MunicipalityShare(
            income=income,
            party_id=cast("int", s.party_id),
            share_percent=cast("Decimal", s.share_percent),
        )
        for s in shares
    )


def _audit(actor: User, action: AuditAction, income: ForbundIncome, verb: str) -> None:
    shares = ", ".join(
        f"{share.party_id}: {share.share_percent} %"
        for share in income.municipality_shares.order_by("party_id")
    )
    audit_change(
        actor=actor,
        action=action,
        forbund=income.forbund,
        obj=income,
        detail=(
            f"Medlemsbidrag {income.year} {verb}: {income.total_amount} kr, "
            f"kommunernas fördelning (part: andel) {shares}"
        ),
    )


@transaction.atomic
def forbund_income_create(
    *, actor: User, forbund: Forbund, fields: ForbundIncomeFields
) -> ForbundIncome:
    require_admin(actor, forbund.pk)
    clean = _clean(forbund, fields, income=None)
    assert clean.year is not None and clean.total_amount is not None
    income = ForbundIncome.objects.create(
        forbund=forbund,
        year=clean.year,
        total_amount=clean.total_amount,
        reference=clean.reference,
    )
    _write_shares(income, clean.shares)
    _audit(actor, AuditAction.CREATE, income, "tillagt")
    return income


@transaction.atomic
def forbund_income_update(
    *, actor: User, income: ForbundIncome, fields: ForbundIncomeFields, expected_version: int
) -> ForbundIncome:
    require_admin(actor, income.forbund_id)
    clean = _clean(income.forbund, fields, income=income)
    income.total_amount = clean.total_amount  # type: ignore[assignment]
    income.reference = clean.reference
    save_versioned(income, expected_version=expected_version, fields=["total_amount", "reference"])
    _write_shares(income, clean.shares)
    _audit(actor, AuditAction.UPDATE, income, "ändrat")
    return income


@transaction.atomic
def forbund_income_delete(*, actor: User, income: ForbundIncome, expected_version: int) -> None:
    require_admin(actor, income.forbund_id)
    if income.version != expected_version:
        raise StaleEditError()
    _audit(actor, AuditAction.DELETE, income, "borttaget")
    label = _("Förbundets intäkter %(year)s: %(amount)s kr") % {
        "year": income.year,
        "amount": income.total_amount,
    }
    remember_forbund_deleted(
        actor=actor,
        forbund=income.forbund,
        instance=income,
        kind="forbund_income",
        label=label,
        children=list(income.municipality_shares.order_by("pk")),
    )
    delete_versioned(income, expected_version=expected_version)
