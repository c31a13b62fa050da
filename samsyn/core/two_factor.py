"""TOTP enrolment and verification (django-otp), used by the log-in views."""

from __future__ import annotations

import base64

import segno
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction
from samsyn.audit.services import audit_record
from samsyn.core.models import User

DEVICE_NAME = "Samsyn"


def pending_device_for(*, user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment, created on first visit."""
    device = user.totpdevice_set.filter(confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_for_display(device: TOTPDevice) -> str:
    """The shared secret in base32, grouped in fours for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment when ``token`` is right; older devices of the user are removed."""
    if not device.verify_token(token):
        return False
    user.totpdevice_set.exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=user, detail="Tvåfaktor aktiverad")
    return True


def device_matching(*, user: User, token: str) -> TOTPDevice | None:
    for device in user.totpdevice_set.filter(confirmed=True):
        if device.verify_token(token):
            return device
    return None


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> None:
    """Remove a user's devices so they enrol again at next log-in (lost phone)."""
    user.totpdevice_set.all().delete()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, detail="Tvåfaktor återställd")
