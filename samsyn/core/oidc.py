"""OIDC sign-in through an e-identification broker (mozilla-django-oidc), off by default.

Enabled by the SAMSYN_OIDC_* settings (samsyn/settings.py). The broker's identity is matched
to an existing, active account by one claim (SAMSYN_OIDC_MATCH_CLAIM, compared with the
account's e-mail address); exactly one account must match. Accounts are never created here:
an administrator creates them as usual. A sign-in through the broker counts as the second
factor when SAMSYN_OIDC_COUNTS_AS_TWO_FACTOR is on (the broker must then deliver a
multi-factor e-identification, see docs/security/login-and-api.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from samsyn.core.middleware import OIDC_SESSION_KEY
from samsyn.core.models import User
from samsyn.core.selectors.accounts import users_matching_oidc_claim


class SamsynOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.SAMSYN_OIDC_MATCH_CLAIM))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return users_matching_oidc_claim(str(claims.get(settings.SAMSYN_OIDC_MATCH_CLAIM, "")))

    def create_user(self, claims: dict[str, Any]) -> None:
        # Never reached with OIDC_CREATE_USER = False; refused here as well, in depth.
        return None


class _OnlyWhenEnabled:
    """The OIDC pages exist always (one URL table) but answer 404 unless OIDC is configured."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SAMSYN_OIDC_ENABLED:
            raise Http404
        response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin
        return response


@method_decorator(login_not_required, name="dispatch")
class SamsynOIDCRequestView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    def __init__(self, **kwargs: Any) -> None:
        # The library reads the broker's endpoints here, before dispatch can answer 404.
        if settings.SAMSYN_OIDC_ENABLED:
            super().__init__(**kwargs)
        else:
            View.__init__(self, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class SamsynOIDCCallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        response: HttpResponse = super().login_success()
        if settings.SAMSYN_OIDC_COUNTS_AS_TWO_FACTOR:
            self.request.session[OIDC_SESSION_KEY] = True
        return response
