"""How API callers prove who they are: a personal token, or a verified browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from samsyn.core.middleware import two_factor_satisfied
from samsyn.core.services.api_tokens import api_token_authenticate


class PersonalTokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a token from the user's account page."""

    openapi_description = "Personlig API-nyckel som skapas under Mitt konto."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(raw_token=token)
        if user is None:
            return None
        request.user = user
        return user


class VerifiedSessionAuth(APIKeyCookie):
    """The browser's session, with CSRF for writes, once two-factor is satisfied."""

    param_name = "sessionid"

    def __call__(self, request: HttpRequest) -> Any:
        # Without a verified session there is nobody to protect from cross-site requests:
        # answer 401 (no valid credentials) rather than a CSRF 403, the same for every
        # method. With one, ninja's CSRF check for writes applies as before.
        if self.authenticate(request, None) is None:
            return None
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not two_factor_satisfied(request):
            return None
        return user


api_auth = [PersonalTokenAuth(), VerifiedSessionAuth()]
