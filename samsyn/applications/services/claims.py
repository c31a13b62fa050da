"""Payment claims (rekvisitioner), docs/applications-claims.md.

The intervention's claimant (its insatsansvarig, or an applicant of its owner party) writes a
claim for whole months within one grant year, against the förbund-funded actual costs of the
period ("grund för ersättning är faktiskt upparbetade kostnader", seed 003), and submits it.
The förbund's staff approve it, approve another (lower) amount with a reason, or refuse it
with a reason, and record the payment. Every step is versioned (a stale save is refused),
validated (bad input changes nothing, with a Swedish message naming the amounts) and audited.

The year's cap: what the year's claims hold of the grant — the approved amount of each decided
claim plus the claimed amount of each claim waiting for a decision — never exceeds the
granted amount. Drafts hold nothing; the cap is checked again when a draft is submitted, with
the grant row locked so two submissions cannot both pass.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, DecimalField, F, Sum, When
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.selectors.claims import (
    claim_get,
    claimable_intervention_get,
    forbund_cost_basis,
    may_claim,
    may_decide,
)
from samsyn.applications.selectors.utilisation import CLAIMED_STATUSES, DECIDED_STATUSES
from samsyn.applications.services.deleted import remember_claim
from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.versioning import StaleEditError, delete_versioned, save_versioned
from samsyn.interventions.models import Grant, Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.services.money.common import amount_error, format_amount

Errors = dict[str, list[str]]
MAX_TEXT = 2000
CLAIM_FIELDS = ["year", "period_from", "period_to", "cost_basis", "claimed_amount", "comment"]


class Outcome:
    """What the förbund decides on a submitted claim."""

    APPROVE = "godkand"
    ADJUST = "justerad"
    REFUSE = "avslagen"
    ALL = (APPROVE, ADJUST, REFUSE)


@dataclass(frozen=True)
class ClaimFields:
    period_from: datetime.date | None
    period_to: datetime.date | None
    claimed_amount: Decimal | None
    comment: str = ""


def _kr(value: Decimal) -> str:
    return f"{format_amount(value)} kr"


def _today() -> datetime.date:
    return timezone.localdate()


def committed_in_year(*, intervention_id: int, year: int, exclude_pk: int | None) -> Decimal:
    """What the year's other claims hold of the grant (docs/applications-claims.md)."""
    claims = PaymentClaim.objects.filter(
        intervention_id=intervention_id, year=year, status__in=CLAIMED_STATUSES
    )
    if exclude_pk is not None:
        claims = claims.exclude(pk=exclude_pk)
    held = Case(
        When(status__in=DECIDED_STATUSES, then=F("approved_amount")),
        default=F("claimed_amount"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    return claims.aggregate(total=Sum(held))["total"] or Decimal("0.00")


def _period_errors(fields: ClaimFields, errors: Errors) -> None:
    start, end = fields.period_from, fields.period_to
    if start is None:
        errors["period_from"] = [_("Ange periodens första dag.")]
    elif start.day != 1:
        errors["period_from"] = [
            _("Perioden ska börja den första dagen i en månad: utfallet redovisas per månad.")
        ]
    if end is None:
        errors["period_to"] = [_("Ange periodens sista dag.")]
    elif end.day != calendar.monthrange(end.year, end.month)[1]:
        errors["period_to"] = [
            _("Perioden ska sluta den sista dagen i en månad: utfallet redovisas per månad.")
        ]
    if start and end and "period_from" not in errors and "period_to" not in errors:
        if end < start:
            errors["period_to"] = [_("Periodens slut kan inte ligga före dess början.")]
        elif start.year != end.year:
            errors["period_to"] = [
                _(
                    "En rekvisition gäller ett beviljat år: perioden ska ligga inom ett och "
                    "samma år."
                )
            ]


def _overlaps(intervention: Intervention, fields: ClaimFields, exclude_pk: int | None) -> bool:
    others = PaymentClaim.objects.filter(
        intervention=intervention,
        period_from__lte=fields.period_to,
        period_to__gte=fields.period_from,
    ).exclude(status=ClaimStatus.REFUSED)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def _grant(intervention: Intervention, year: int, *, lock: bool) -> Grant | None:
    grants = Grant.objects.filter(intervention=intervention, year=year)
    if lock:
        grants = grants.select_for_update()
    return grants.first()


def _cap_error(grant: Grant, claimed: Decimal, held: Decimal) -> str | None:
    if held + claimed <= grant.amount:
        return None
    return _(
        "Summan av årets rekvisitioner får inte överstiga det beviljade beloppet. Beviljat "
        "%(year)s: %(granted)s, redan rekvirerat eller godkänt: %(held)s, återstår: "
        "%(left)s, begärt nu: %(claimed)s."
    ) % {
        "year": grant.year,
        "granted": _kr(grant.amount),
        "held": _kr(held),
        "left": _kr(max(grant.amount - held, Decimal(0))),
        "claimed": _kr(claimed),
    }


def _validate(
    intervention: Intervention, fields: ClaimFields, *, exclude_pk: int | None, lock: bool
) -> Decimal:
    """Check a claim as a whole; returns its cost basis. Raises with every error found."""
    errors: Errors = {}
    _period_errors(fields, errors)
    claimed = fields.claimed_amount
    message = amount_error(claimed)
    if message is None and claimed is not None and claimed <= 0:
        message = _("Ange ett belopp större än 0 kr.")
    if message:
        errors["claimed_amount"] = [message]
    if len(fields.comment) > MAX_TEXT:
        errors["comment"] = [_("Texten får vara högst 2000 tecken.")]
    if errors:
        raise ValidationError(errors)
    assert fields.period_from and fields.period_to and claimed is not None
    year = fields.period_from.year
    grant = _grant(intervention, year, lock=lock)
    if grant is None:
        raise ValidationError(
            {"period_from": [_("Insatsen har inga beviljade medel för %(year)s.") % {"year": year}]}
        )
    if _overlaps(intervention, fields, exclude_pk):
        raise ValidationError(
            {"period_from": [_("Perioden överlappar en annan rekvisition för insatsen.")]}
        )
    basis = forbund_cost_basis(
        intervention_id=intervention.pk,
        period_from=fields.period_from,
        period_to=fields.period_to,
    )
    if claimed > basis:
        errors["claimed_amount"] = [
            _(
                "Det begärda beloppet (%(claimed)s) är större än förbundets redovisade "
                "kostnader för perioden (%(basis)s). Grund för ersättning är faktiskt "
                "upparbetade kostnader."
            )
            % {"claimed": _kr(claimed), "basis": _kr(basis)}
        ]
    held = committed_in_year(intervention_id=intervention.pk, year=year, exclude_pk=exclude_pk)
    cap = _cap_error(grant, claimed, held)
    if cap:
        errors.setdefault("claimed_amount", []).append(cap)
    if errors:
        raise ValidationError(errors)
    return basis


def _claimant_role(actor: User, intervention: Intervention) -> str:
    own = interventions_visible_to(actor, Role.INSATSANSVARIG).filter(pk=intervention.pk)
    return Role.INSATSANSVARIG.value if own.exists() else "sokande"


def _audit(actor: User, action: AuditAction, claim: PaymentClaim, role: str, verb: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=claim.intervention.forbund,
        intervention=claim.intervention,
        role=role,
        obj=claim,
        detail=(
            f"Rekvisition {claim.period_from}–{claim.period_to} {verb}: "
            f"begärt {claim.claimed_amount} kr, underlag {claim.cost_basis} kr, "
            f"godkänt {claim.approved_amount or '–'} kr, utbetalt {claim.paid_amount or '–'} kr, "
            f"status {claim.status}"
        ),
    )


def _writable(actor: User, claim_id: int) -> PaymentClaim:
    """A draft the actor may change: 404 outside scope, 403 for a reader who may not claim,
    a refusal once it is submitted."""
    claim = claim_get(actor=actor, claim_id=claim_id)
    if not may_claim(actor, claim.intervention_id):
        raise PermissionDenied(_("Bara insatsens ägare kan ändra rekvisitionen."))
    if claim.status != ClaimStatus.DRAFT:
        raise ValidationError(
            _("Rekvisitionen är redan inskickad och kan inte ändras."), code="state"
        )
    return claim


@transaction.atomic
def claim_create(*, actor: User, intervention_id: int, fields: ClaimFields) -> PaymentClaim:
    intervention = claimable_intervention_get(actor=actor, intervention_id=intervention_id)
    basis = _validate(intervention, fields, exclude_pk=None, lock=False)
    assert fields.period_from and fields.period_to and fields.claimed_amount is not None
    claim = PaymentClaim.objects.create(
        intervention=intervention,
        year=fields.period_from.year,
        period_from=fields.period_from,
        period_to=fields.period_to,
        cost_basis=basis,
        claimed_amount=fields.claimed_amount,
        comment=fields.comment.strip(),
        created_by=actor,
    )
    _audit(actor, AuditAction.CREATE, claim, _claimant_role(actor, intervention), "skapad")
    return claim


@transaction.atomic
def claim_update(
    *, actor: User, claim_id: int, fields: ClaimFields, expected_version: int
) -> PaymentClaim:
    claim = _writable(actor, claim_id)
    basis = _validate(claim.intervention, fields, exclude_pk=claim.pk, lock=False)
    assert fields.period_from and fields.period_to and fields.claimed_amount is not None
    claim.year = fields.period_from.year
    claim.period_from = fields.period_from
    claim.period_to = fields.period_to
    claim.cost_basis = basis
    claim.claimed_amount = fields.claimed_amount
    claim.comment = fields.comment.strip()
    save_versioned(claim, expected_version=expected_version, fields=CLAIM_FIELDS)
    role = _claimant_role(actor, claim.intervention)
    _audit(actor, AuditAction.UPDATE, claim, role, "ändrad")
    return claim


@transaction.atomic
def claim_delete(*, actor: User, claim_id: int, expected_version: int) -> None:
    claim = _writable(actor, claim_id)
    _audit(actor, AuditAction.DELETE, claim, _claimant_role(actor, claim.intervention), "borttagen")
    label = _("Rekvisition %(period_from)s–%(period_to)s: %(amount)s kr (utkast)") % {
        "period_from": claim.period_from,
        "period_to": claim.period_to,
        "amount": claim.claimed_amount,
    }
    remember_claim(actor=actor, claim=claim, label=label)
    delete_versioned(claim, expected_version=expected_version)


@transaction.atomic
def claim_submit(*, actor: User, claim_id: int, expected_version: int) -> PaymentClaim:
    """Send a draft to the förbund; its cost basis and the year's cap are checked again
    (costs may have changed since the draft), with the year's grant locked."""
    claim = _writable(actor, claim_id)
    fields = ClaimFields(claim.period_from, claim.period_to, claim.claimed_amount, claim.comment)
    claim.cost_basis = _validate(claim.intervention, fields, exclude_pk=claim.pk, lock=True)
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_on = _today()
    save_versioned(
        claim, expected_version=expected_version, fields=["cost_basis", "status", "submitted_on"]
    )
    role = _claimant_role(actor, claim.intervention)
    _audit(actor, AuditAction.UPDATE, claim, role, "inskickad")
    return claim


def _staff_claim(
    actor: User, claim_id: int, statuses: tuple[str, ...], message: str
) -> PaymentClaim:
    """A claim the förbund's staff act on: 404 outside scope, 403 for its claimants, a
    refusal when it is not in one of ``statuses``."""
    claim = claim_get(actor=actor, claim_id=claim_id)
    if not may_decide(actor, claim):
        raise PermissionDenied(_("Bara förbundets kansli beslutar om rekvisitioner."))
    if claim.status not in statuses:
        raise ValidationError(message, code="state")
    return claim


def _decision_errors(
    claim: PaymentClaim, outcome: str, amount: Decimal | None, reason: str
) -> Errors:
    errors: Errors = {}
    if outcome not in Outcome.ALL:
        errors["outcome"] = [_("Välj godkänn, justera eller avslå.")]
        return errors
    if outcome in (Outcome.ADJUST, Outcome.REFUSE) and not reason.strip():
        errors["reason"] = [_("Ange skälet till justeringen eller avslaget.")]
    if len(reason) > MAX_TEXT:
        errors["reason"] = [_("Texten får vara högst 2000 tecken.")]
    if outcome == Outcome.ADJUST:
        message = amount_error(amount)
        if message is None and amount is not None and amount > claim.claimed_amount:
            message = _(
                "Det godkända beloppet (%(approved)s) får inte vara större än det begärda "
                "(%(claimed)s)."
            ) % {"approved": _kr(amount), "claimed": _kr(claim.claimed_amount)}
        if message:
            errors["approved_amount"] = [message]
    return errors


@transaction.atomic
def claim_decide(
    *,
    actor: User,
    claim_id: int,
    outcome: str,
    approved_amount: Decimal | None,
    reason: str,
    expected_version: int,
) -> PaymentClaim:
    """Approve (the claimed amount), adjust (a lower amount, with a reason) or refuse (with
    a reason) a submitted claim."""
    claim = _staff_claim(
        actor, claim_id, (ClaimStatus.SUBMITTED,), _("Rekvisitionen väntar inte på beslut.")
    )
    errors = _decision_errors(claim, outcome, approved_amount, reason)
    if errors:
        raise ValidationError(errors)
    claim.status = outcome
    claim.approved_amount = {
        Outcome.APPROVE: claim.claimed_amount,
        Outcome.ADJUST: approved_amount,
        Outcome.REFUSE: None,
    }[outcome]
    claim.adjustment_reason = "" if outcome == Outcome.APPROVE else reason.strip()
    claim.decided_by = actor
    claim.decided_on = _today()
    names = ["status", "approved_amount", "adjustment_reason", "decided_by", "decided_on"]
    save_versioned(claim, expected_version=expected_version, fields=names)
    verb = {Outcome.APPROVE: "godkänd", Outcome.ADJUST: "justerad", Outcome.REFUSE: "avslagen"}
    _audit(actor, AuditAction.UPDATE, claim, Role.FORBUNDSADMIN.value, verb[outcome])
    return claim


@transaction.atomic
def claim_pay(
    *,
    actor: User,
    claim_id: int,
    paid_amount: Decimal | None,
    paid_on: datetime.date | None,
    expected_version: int,
) -> PaymentClaim:
    """Record the payment of an approved claim: at most the approved amount, on a date not
    before the decision and not in the future."""
    claim = _staff_claim(
        actor,
        claim_id,
        (ClaimStatus.APPROVED, ClaimStatus.ADJUSTED),
        _("Bara en godkänd rekvisition som inte är utbetald kan betalas ut."),
    )
    errors: Errors = {}
    approved = claim.approved_amount or Decimal(0)
    message = amount_error(paid_amount)
    if message is None and paid_amount is not None and paid_amount > approved:
        message = _(
            "Det utbetalda beloppet (%(paid)s) får inte vara större än det godkända (%(approved)s)."
        ) % {"paid": _kr(paid_amount), "approved": _kr(approved)}
    if message:
        errors["paid_amount"] = [message]
    if paid_on is None:
        errors["paid_on"] = [_("Ange utbetalningsdagen.")]
    elif paid_on > _today() or (claim.decided_on and paid_on < claim.decided_on):
        errors["paid_on"] = [_("Utbetalningsdagen ska ligga mellan beslutsdagen och i dag.")]
    if errors:
        raise ValidationError(errors)
    claim.status = ClaimStatus.PAID
    claim.paid_amount = paid_amount
    claim.paid_on = paid_on
    save_versioned(
        claim, expected_version=expected_version, fields=["status", "paid_amount", "paid_on"]
    )
    _audit(actor, AuditAction.UPDATE, claim, Role.FORBUNDSADMIN.value, "utbetald")
    return claim


__all__ = [
    "ClaimFields",
    "Outcome",
    "StaleEditError",
    "claim_create",
    "claim_decide",
    "claim_delete",
    "claim_pay",
    "claim_submit",
    "claim_update",
    "committed_in_year",
]
