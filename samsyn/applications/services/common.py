"""What the application services share: the audit event, errors, money checks."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Forbund, User
from samsyn.interventions.services.money import format_amount

Errors = dict[str, list[str]]
MAX_AMOUNT = Decimal("9999999999.99")


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def audit_application_step(
    *,
    actor: User,
    action: AuditAction,
    forbund: Forbund,
    obj: models.Model,
    detail: str,
    role: str = "",
) -> None:
    """Applications hold no participant's personal data, but who wrote, submitted, withdrew
    and read attachments is part of the förbund's case handling (issue #12, item 6)."""
    audit_record(actor=actor, action=action, forbund=forbund, role=role, obj=obj, detail=detail)


def money_error(value: Decimal | None) -> str:
    """Amounts are kronor with at most two decimals, not negative, below ten billion."""
    if value is None:
        return ""
    value = Decimal(value)
    if not value.is_finite():
        return _("Ange ett belopp i kronor, till exempel 125000 eller 125000,50.")
    if value < 0:
        return _("Beloppet kan inte vara negativt.")
    if value > MAX_AMOUNT:
        return _("Beloppet är för stort: högst %(max)s kr.") % {"max": format_amount(MAX_AMOUNT)}
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return _("Ange beloppet med högst två decimaler (öre).")
    return ""
