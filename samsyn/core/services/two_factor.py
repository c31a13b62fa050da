"""TOTP enrolment, verification and reset (django-otp), used by the log-in views."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import RecoveryDevice, User
from samsyn.core.selectors.two_factor import has_confirmed_device

DEVICE_NAME = "Samsyn"


def _devices(user: User) -> QuerySet[TOTPDevice]:
    return TOTPDevice.objects.filter(user=user)


def pending_device_for(*, user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment, created on first visit."""
    device = _devices(user).filter(confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment when ``token`` is right; other pending devices are removed.

    Refused when the user already has a confirmed device (a second tab, a double submit):
    enrolment never replaces a device; an administrator's reset does.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()
    if has_confirmed_device(user) or not device.verify_token(token):
        return False
    _devices(user).filter(confirmed=False).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=user, detail="Tvåfaktor aktiverad")
    return True


def device_matching(*, user: User, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts ``token``.

    django-otp refuses a code that was already used (replay) and slows down guessing with an
    exponentially growing delay after each wrong code (OTP_TOTP_THROTTLE_FACTOR).
    """
    for device in _devices(user).filter(confirmed=True):
        if device.verify_token(token):
            return device
    return None


@transaction.atomic
def two_factor_verify(*, user: User, token: str) -> TOTPDevice | None:
    """Check the second factor at log-in; a wrong code is audited as a failed log-in."""
    device = device_matching(user=user, token=token)
    if device is None:
        audit_record(actor=user, action=AuditAction.LOGIN_FAILED, obj=user, detail="Fel engångskod")
    return device


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """Remove a user's devices and recovery codes (lost phone); the caller issues the
    activation link through which the user binds a new authenticator."""
    _devices(user).delete()
    RecoveryDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, detail="Tvåfaktor återställd")
