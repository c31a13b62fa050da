"""One-time links and recovery codes: how an account gets its password and authenticator.

Trust-on-first-use is closed: an account never enrols its own authenticator with only a
password (samsyn.core.views.auth.two_factor_setup refuses a session that still needs the
second factor). A new account, and an account whose two-factor log-in an administrator
reset, gets an activation link instead, which sets a new password and binds the
authenticator in one step. While such a link is open, the password alone does not sign in
(samsyn.core.forms.auth.SamsynAuthenticationForm).

Only the SHA-256 hash of a link token or a recovery code is stored: both are long random
values (256 and 60 bits), so a plain hash suffices, as for the API tokens.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import (
    ENROLLING_PURPOSES,
    ActivationLink,
    Forbund,
    LinkPurpose,
    RecoveryCode,
    RecoveryDevice,
    User,
)
from samsyn.core.roles import Role
from samsyn.core.selectors.activation import has_open_enrolment_link

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
# 32 symbols without the look-alikes I/O/0/1: 12 of them are 60 random bits.
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_RECOVERY_LENGTH = 12
RECOVERY_DEVICE_NAME = "Återställningskoder"

LINK_INVALID_MESSAGE = gettext_lazy(
    "Länken är ogiltig, har redan använts eller har gått ut. Be förbundets administratör om "
    "en ny länk."
)


def link_validity(purpose: str, *, emailed: bool) -> timedelta:
    """How long a new link works (see docs/security/login-and-api.md for the sources)."""
    if purpose == LinkPurpose.PASSWORD_RESET:
        return timedelta(minutes=settings.SAMSYN_PASSWORD_RESET_LINK_MINUTES)
    hours = (
        settings.SAMSYN_EMAILED_ACTIVATION_LINK_HOURS
        if emailed
        else settings.SAMSYN_ACTIVATION_LINK_HOURS
    )
    return timedelta(hours=hours)


def email_enabled() -> bool:
    return bool(settings.SAMSYN_EMAIL_ENABLED)


@dataclass(frozen=True)
class IssuedLink:
    """A link just created: ``path`` carries the raw token and exists only in this object."""

    link: ActivationLink
    path: str
    emailed: bool


def _link_path(purpose: str, raw_token: str) -> str:
    name = (
        "core:password_reset_confirm" if purpose == LinkPurpose.PASSWORD_RESET else "core:activate"
    )
    return reverse(name, args=[raw_token])


def _revoke_open_links(user: User, purposes: tuple[str, ...]) -> None:
    ActivationLink.objects.filter(
        user=user, purpose__in=purposes, used_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())


def _create_link(
    *, user: User, purpose: str, created_by: User | None, emailed: bool
) -> tuple[ActivationLink, str]:
    raw_token = secrets.token_urlsafe(32)
    link = ActivationLink.objects.create(
        user=user,
        purpose=purpose,
        token_hash=ActivationLink.hash_token(raw_token),
        created_by=created_by,
        expires_at=timezone.now() + link_validity(purpose, emailed=emailed),
    )
    return link, _link_path(purpose, raw_token)


def _send_after_commit(*, to: str, subject: str, body: str) -> None:
    def send() -> None:
        try:
            send_mail(subject, body, None, [to])
        except OSError:
            # The page answers the same whatever happens to the mail; the log tells operators.
            logger.exception("Could not send a one-time link by e-mail")

    transaction.on_commit(send)


def issue_enrolment_link(
    *, actor: User, user: User, base_url: str, forbunds: Sequence[Forbund] = ()
) -> IssuedLink:
    """Open an activation link for ``user`` (the caller has checked ``actor`` may).

    Earlier open links of the account are revoked. The link is e-mailed to the account's
    address when e-mail is configured and otherwise returned to be shown once.
    """
    purpose = LinkPurpose.RESET_TWO_FACTOR if user.has_usable_password() else LinkPurpose.ACTIVATE
    _revoke_open_links(user, (*ENROLLING_PURPOSES, LinkPurpose.PASSWORD_RESET))
    emailed = email_enabled() and bool(user.email)
    link, path = _create_link(user=user, purpose=purpose, created_by=actor, emailed=emailed)
    detail = "Aktiveringslänk skapad" + (" och skickad med e-post" if emailed else "")
    # In the log of each förbund the administrator acts for (as the other account events).
    targets: list[Forbund | None] = list(forbunds) or [None]
    for forbund in targets:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            forbund=forbund,
            role=Role.FORBUNDSADMIN.value if forbund else "",
            obj=user,
            detail=detail,
        )
    if emailed:
        hours = int(link_validity(purpose, emailed=True).total_seconds() // 3600)
        _send_after_commit(
            to=user.email,
            subject=_("Aktivera ditt konto i Samsyn"),
            body=_(
                "Hej %(name)s!\n\nÖppna länken nedan för att välja lösenord och koppla en "
                "autentiseringsapp till ditt konto %(username)s. Länken fungerar en gång och "
                "i %(hours)d timmar.\n\n%(url)s\n"
            )
            % {
                "name": user.first_name,
                "username": user.username,
                "hours": hours,
                "url": base_url + path,
            },
        )
    return IssuedLink(link=link, path="" if emailed else path, emailed=emailed)


def _lock_usable(link: ActivationLink) -> ActivationLink:
    locked = ActivationLink.objects.select_for_update().filter(pk=link.pk).first()
    if locked is None or not locked.is_usable:
        raise ValidationError(LINK_INVALID_MESSAGE)
    return locked


@transaction.atomic
def activation_complete(
    *, link: ActivationLink, device: TOTPDevice, password: str, token: str
) -> list[str] | None:
    """Use an activation link: set the new password, confirm the authenticator and create the
    recovery codes, all or nothing. ``None`` when the TOTP code is wrong (nothing changes).

    ``password`` has passed Django's validators in the form (SetPasswordForm).
    """
    link = _lock_usable(link)
    user = link.user
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(LINK_INVALID_MESSAGE)
    if not device.verify_token(token):
        audit_record(
            actor=None,
            actor_username=user.username,
            action=AuditAction.LOGIN_FAILED,
            obj=user,
            detail="Fel engångskod vid aktivering",
        )
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user.set_password(password)
    user.save(update_fields=["password"])
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    codes = _new_recovery_codes(user)
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        obj=user,
        detail="Konto aktiverat: nytt lösenord, tvåfaktor och återställningskoder",
    )
    return codes


# --- recovery codes -----------------------------------------------------------------------


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = RecoveryDevice.objects.get_or_create(
        user=user, defaults={"name": RECOVERY_DEVICE_NAME, "confirmed": True}
    )
    device.codes.all().delete()
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=RecoveryCode.hash_code(code)) for code in codes
    )
    return ["-".join(code[i : i + 4] for i in range(0, _RECOVERY_LENGTH, 4)) for code in codes]


@transaction.atomic
def recovery_codes_regenerate(*, user: User) -> list[str]:
    """New recovery codes for the user's own account; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Aktivera tvåfaktorsinloggning först."))
    codes = _new_recovery_codes(user)
    audit_record(actor=user, action=AuditAction.UPDATE, obj=user, detail="Nya återställningskoder")
    return codes


@transaction.atomic
def recovery_codes_create_at_enrolment(*, user: User) -> list[str]:
    """The first recovery codes, right after the user confirmed an authenticator."""
    codes = _new_recovery_codes(user)
    audit_record(
        actor=user, action=AuditAction.UPDATE, obj=user, detail="Återställningskoder skapade"
    )
    return codes


@transaction.atomic
def recovery_code_verify(*, user: User, code: str) -> RecoveryDevice | None:
    """Sign in with a recovery code instead of the TOTP code; each code works once."""
    device = RecoveryDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is not None and device.verify_token(code):
        audit_record(
            actor=user, action=AuditAction.LOGIN, obj=user, detail="Återställningskod använd"
        )
        return device
    audit_record(
        actor=user, action=AuditAction.LOGIN_FAILED, obj=user, detail="Fel återställningskod"
    )
    return None


def recovery_codes_delete(*, user: User) -> None:
    RecoveryDevice.objects.filter(user=user).delete()


# --- password reset by e-mail -------------------------------------------------------------


@transaction.atomic
def password_reset_request(*, email: str, base_url: str) -> None:
    """Mail a one-time password link to each active, activated account with ``email``.

    Says nothing about whether any account has the address: the caller answers the same in
    every case. Accounts still waiting for activation are skipped (their activation link
    sets the password).
    """
    address = email.strip()
    if not email_enabled() or not address:
        return
    for user in User.objects.filter(email__iexact=address, is_active=True):
        if not user.has_usable_password() or has_open_enrolment_link(user):
            continue
        if _recent_password_link(user):
            # One mail per account per few minutes: the form cannot be used to flood a mailbox.
            continue
        _revoke_open_links(user, (LinkPurpose.PASSWORD_RESET,))
        _link, path = _create_link(
            user=user, purpose=LinkPurpose.PASSWORD_RESET, created_by=None, emailed=True
        )
        audit_record(
            actor=None,
            actor_username=user.username,
            action=AuditAction.CREATE,
            obj=user,
            detail="Länk för nytt lösenord skickad med e-post",
        )
        minutes = int(link_validity(LinkPurpose.PASSWORD_RESET, emailed=True).total_seconds() // 60)
        _send_after_commit(
            to=user.email,
            subject=_("Nytt lösenord i Samsyn"),
            body=_(
                "Hej %(name)s!\n\nNågon, förhoppningsvis du, har bett om ett nytt lösenord "
                "till kontot %(username)s. Öppna länken nedan för att välja ett. Länken "
                "fungerar en gång och i %(minutes)d minuter.\n\n%(url)s\n\nHar du inte bett "
                "om det kan du bortse från det här meddelandet.\n"
            )
            % {
                "name": user.first_name,
                "username": user.username,
                "minutes": minutes,
                "url": base_url + path,
            },
        )


# A new password link for the same account at most this often (our choice).
PASSWORD_LINK_MIN_INTERVAL = timedelta(minutes=5)


def _recent_password_link(user: User) -> bool:
    return ActivationLink.objects.filter(
        user=user,
        purpose=LinkPurpose.PASSWORD_RESET,
        created_at__gt=timezone.now() - PASSWORD_LINK_MIN_INTERVAL,
    ).exists()


@transaction.atomic
def password_reset_complete(*, link: ActivationLink, password: str) -> User:
    """Use a password link: set the new password (validated by the form) and lift a lock-out.

    The authenticator is untouched: the next sign-in still asks for the TOTP code.
    """
    link = _lock_usable(link)
    if link.purpose != LinkPurpose.PASSWORD_RESET:
        raise ValidationError(LINK_INVALID_MESSAGE)
    user = link.user
    user.set_password(password)
    user.save(update_fields=["password"])
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    # The e-mailed link proves the mailbox, so a lock-out of the user name ends here.
    axes_reset(username=user.username)
    audit_record(
        actor=None,
        actor_username=user.username,
        action=AuditAction.UPDATE,
        obj=user,
        detail="Lösenord ändrat med e-postlänk",
    )
    return user
