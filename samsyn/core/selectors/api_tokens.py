"""Reads of the user's own personal API tokens."""

from __future__ import annotations

from samsyn.core.models import ApiToken, User


def api_token_list(*, user: User) -> list[ApiToken]:
    """The user's own tokens, newest first, revoked ones included for the record."""
    if not user.is_authenticated:
        return []
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))
