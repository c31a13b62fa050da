"""Personal API tokens: created by the user, shown once, stored as a hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.audit.services import audit_record
from samsyn.core.models import ApiToken, User

TOKEN_PREFIX = "sam_"


def _hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=raw[:12], token_hash=_hash(raw)
    )
    audit_record(actor=user, action=AuditAction.CREATE, obj=token, detail="API-nyckel skapad")
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens. Another user's token is not found (404)."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user, revoked_at=None)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, action=AuditAction.UPDATE, obj=token, detail="API-nyckel återkallad")
    return token


def api_token_authenticate(*, raw_token: str) -> User | None:
    """The active user behind a token that is neither revoked nor unknown."""
    if not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_hash(raw_token), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api_token_list(*, user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))
