"""Personal API tokens: created by the user, shown once, stored as a hash, revocable.

A token is ``sam_`` followed by 43 URL-safe characters (256 random bits). Only its SHA-256
hash is stored; a plain hash suffices because the token is random and long, unlike a
password, so there is nothing to slow down a guess against. The first characters are kept
as ``prefix`` so the owner can tell tokens apart in the list.

A token expires 90 days after it is created (``TOKEN_LIFETIME``); its owner can renew it
from the account page, which gives it another 90 days from the renewal. An expired token is
refused with its own message so that a script's owner knows what to do. Renewal is not
offered through the API itself, for the same reason as creation: a leaked token must not be
able to keep itself alive.

A token acts with exactly the rights of its owner. It only works while the owner's account
is active and, for a user whose roles require two-factor log-in, while the owner still has
an enrolled TOTP device: a token minted before the user gained such a role, or kept after
an administrator reset the user's two-factor log-in, stops working until the user enrols.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import ApiToken, User
from samsyn.core.models.api_tokens import TOKEN_LIFETIME
from samsyn.core.selectors.two_factor import has_confirmed_device

TOKEN_PREFIX = "sam_"  # noqa: S105  (a marker, not a secret)
_DISPLAY_PREFIX_LENGTH = 12
NAME_MAX_LENGTH = 100
# Enough for every script a person runs; more is a sign of tokens never being cleaned up.
MAX_ACTIVE_TOKENS = 20


class ApiTokenExpiredError(Exception):
    """A known, unrevoked token of an active user whose lifetime has run out."""


def _hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ValidationError(
            {"name": _("Ge nyckeln ett namn, till exempel vad den används till.")}
        )
    if len(cleaned) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("Namnet får vara högst %(max)d tecken.") % {"max": NAME_MAX_LENGTH}}
        )
    # Lock the user row so two parallel requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at=None).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Du har redan %(max)d aktiva API-nycklar. Återkalla någon innan du skapar en ny.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=cleaned,
        prefix=raw[:_DISPLAY_PREFIX_LENGTH],
        token_hash=_hash(raw),
        expires_at=timezone.now() + TOKEN_LIFETIME,
    )
    audit_record(actor=user, action=AuditAction.CREATE, obj=token, detail="API-nyckel skapad")
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own active tokens; any other token is not found (404)."""
    token = (
        ApiToken.objects.select_for_update().filter(pk=token_id, user=user, revoked_at=None).first()
    )
    if token is None:
        raise Http404(_("API-nyckeln finns inte eller är redan återkallad."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=token, detail="API-nyckel återkallad")
    return token


@transaction.atomic
def api_token_renew(*, user: User, token_id: int) -> ApiToken:
    """Give one of the user's own unrevoked tokens (expired or not) another
    ``TOKEN_LIFETIME`` from now; any other token is not found (404)."""
    token = (
        ApiToken.objects.select_for_update().filter(pk=token_id, user=user, revoked_at=None).first()
    )
    if token is None:
        raise Http404(_("API-nyckeln finns inte eller är återkallad."))
    token.expires_at = timezone.now() + TOKEN_LIFETIME
    token.save(update_fields=["expires_at"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=token, detail="API-nyckel förnyad")
    return token


def _two_factor_in_place(user: User) -> bool:
    if settings.SAMSYN_DEMO and user.is_demo_account:
        return True
    if not user.needs_two_factor:
        return True
    return has_confirmed_device(user)


def api_token_authenticate(*, raw_token: str) -> User | None:
    """The active user behind a token that is neither revoked nor unknown.

    Raises ``ApiTokenExpiredError`` for a token that would otherwise work but has expired.
    """
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_hash(raw_token), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None or not _two_factor_in_place(token.user):
        return None
    if token.expires_at <= timezone.now():
        raise ApiTokenExpiredError
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
