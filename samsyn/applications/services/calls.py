"""Writes of calls (utlysningar): the förbundsadministratör creates, edits, publishes and
closes them. Applicants see a published call from the day it opens; after its deadline no
new application may be made to it (services/applications.py)."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.applications.models import Call
from samsyn.applications.selectors.access import is_staff_of
from samsyn.applications.services.common import (
    Errors,
    add,
    audit_application_step,
    money_error,
    raise_if,
)
from samsyn.audit.models import AuditAction
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.versioning import StaleEditError, save_versioned

CALL_FIELDS = [
    "title",
    "funds",
    "criteria",
    "form_instructions",
    "opens_on",
    "deadline",
    "total_amount",
]


@dataclass(frozen=True)
class CallFields:
    title: str
    funds: str
    opens_on: datetime.date
    criteria: str = ""
    form_instructions: str = ""
    # None: löpande (open until further notice).
    deadline: datetime.date | None = None
    total_amount: Decimal | None = None


def call_is_open(call: Call, day: datetime.date | None = None) -> bool:
    """Published, opened, and the deadline (inclusive) not passed."""
    day = day or timezone.localdate()
    return (
        call.is_published
        and call.opens_on <= day
        and (call.deadline is None or day <= call.deadline)
    )


def deadline_message(call: Call) -> str:
    if call.deadline is not None and call.deadline < timezone.localdate():
        return _(
            "Sista ansökningsdag för utlysningen ”%(title)s” var %(date)s. Nya ansökningar "
            "till den tas inte emot."
        ) % {"title": call.title, "date": call.deadline.isoformat()}
    return _("Utlysningen ”%(title)s” har inte öppnat än.") % {"title": call.title}


def _errors(fields: CallFields) -> Errors:
    errors: Errors = {}
    if not fields.title.strip():
        add(errors, "title", _("Ange en rubrik."))
    if len(fields.title) > 200:
        add(errors, "title", _("Rubriken får vara högst 200 tecken."))
    if not fields.funds.strip():
        add(errors, "funds", _("Beskriv vad förbundet finansierar."))
    if fields.deadline is not None and fields.deadline < fields.opens_on:
        add(errors, "deadline", _("Sista ansökningsdag kan inte vara före öppningsdagen."))
    amount_error = money_error(fields.total_amount)
    if amount_error:
        add(errors, "total_amount", amount_error)
    return errors


def _staff_call(actor: User, call_id: int) -> Call:
    call = Call.objects.select_for_update().filter(pk=call_id).first()
    if call is None or not is_staff_of(actor, call.forbund_id):
        raise Http404
    return call


def _audit(actor: User, call: Call, action: AuditAction, detail: str) -> None:
    audit_application_step(
        actor=actor,
        action=action,
        forbund=call.forbund,
        obj=call,
        detail=detail,
        role=Role.FORBUNDSADMIN.value,
    )


@transaction.atomic
def call_create(*, actor: User, forbund: Forbund, fields: CallFields) -> Call:
    if not is_staff_of(actor, forbund.pk):
        raise Http404
    raise_if(_errors(fields))
    call = Call.objects.create(forbund=forbund, created_by=actor, **asdict(fields))
    _audit(actor, call, AuditAction.CREATE, f"Utlysning skapad: {call.title}")
    return call


@transaction.atomic
def call_update(*, actor: User, call_id: int, expected_version: int, fields: CallFields) -> Call:
    call = _staff_call(actor, call_id)
    raise_if(_errors(fields))
    for name, value in asdict(fields).items():
        setattr(call, name, value)
    save_versioned(call, expected_version=expected_version, fields=CALL_FIELDS)
    _audit(actor, call, AuditAction.UPDATE, f"Utlysning ändrad: {call.title}")
    return call


@transaction.atomic
def call_publish(*, actor: User, call_id: int, expected_version: int) -> Call:
    call = _staff_call(actor, call_id)
    if call.is_published:
        raise ValidationError(_("Utlysningen är redan publicerad."), code="published")
    call.is_published = True
    save_versioned(call, expected_version=expected_version, fields=["is_published"])
    _audit(actor, call, AuditAction.UPDATE, f"Utlysning publicerad: {call.title}")
    return call


@transaction.atomic
def call_close(*, actor: User, call_id: int, expected_version: int) -> Call:
    """Close a call now: its last day becomes yesterday, so no new application can be made
    to it from today. Applications already made keep going."""
    call = _staff_call(actor, call_id)
    if call.version != expected_version:
        raise StaleEditError
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    if call.deadline is not None and call.deadline <= yesterday:
        raise ValidationError(_("Utlysningen är redan stängd."), code="closed")
    if call.opens_on > yesterday:
        raise ValidationError(
            _(
                "Utlysningen har inte öppnat än och kan inte stängas. Ändra datumen eller "
                "låt bli att publicera den."
            ),
            code="not_open",
        )
    call.deadline = yesterday
    save_versioned(call, expected_version=expected_version, fields=["deadline"])
    _audit(actor, call, AuditAction.UPDATE, f"Utlysning stängd: {call.title}")
    return call
