"""Request-wide concerns: request ids, security headers, language, idle timeout and 2FA."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samsyn.audit.context import RequestOrigin, reset_origin, set_origin

GetResponse = Callable[[HttpRequest], HttpResponse]

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# No inline script or style anywhere: everything the pages run is a file under /static/.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def client_ip(request: HttpRequest) -> str | None:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            # The proxy appends the address it saw; anything left of it is client-supplied.
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    """Gives every request an id (kept from X-Request-ID when sane) for logs and audit."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_origin(RequestOrigin(ip_address=client_ip(request), request_id=request_id))
        try:
            response = self.get_response(request)
        finally:
            reset_origin(token)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: CSP and Permissions-Policy."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages with personal data must not linger in shared browser caches.
            response.setdefault("Cache-Control", "no-store")
        return response


class SwedishFirstLocaleMiddleware:
    """Swedish unless the user chose English with the language switch.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is ignored: a Swedish
    public-sector system speaks Swedish to everyone by default.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, settings.LANGUAGE_CODE)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class IdleTimeoutMiddleware:
    """Logs a user out after SAMSYN_IDLE_TIMEOUT without any request."""

    SESSION_KEY = "samsyn_last_activity"

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(self.SESSION_KEY)
            limit = settings.SAMSYN_IDLE_TIMEOUT.total_seconds()
            if last is not None and now - float(last) > limit:
                request.samsyn_logout_reason = "idle"  # type: ignore[attr-defined]
                logout(request)
                messages.info(
                    request, _("Du har loggats ut eftersom du varit inaktiv en längre stund.")
                )
                return HttpResponseRedirect(f"{reverse('core:login')}?next={request.path}")
            request.session[self.SESSION_KEY] = now
        return self.get_response(request)


# Paths a signed-in user may reach before completing the second factor.
_TWO_FACTOR_OPEN_PREFIXES = ("/static/", "/i18n/", "/tillganglighet/", "/api/")


class TwoFactorRequiredMiddleware:
    """Sends users whose roles reach personal data to TOTP enrolment or verification.

    Demo accounts are exempt while SAMSYN_DEMO is on (never with DEBUG off, see settings).
    The API is exempt here because it authenticates with personal tokens, which can only be
    created from a verified session, or with such a session itself (see samsyn/api/auth.py).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not two_factor_satisfied(request)
            and not request.path.startswith(_TWO_FACTOR_OPEN_PREFIXES)
        ):
            allowed = {
                reverse("core:two_factor_verify"),
                reverse("core:two_factor_setup"),
                reverse("core:logout"),
            }
            if request.path not in allowed:
                has_device = user.totpdevice_set.filter(confirmed=True).exists()  # type: ignore[union-attr]
                target = "core:two_factor_verify" if has_device else "core:two_factor_setup"
                return HttpResponseRedirect(reverse(target))
        return self.get_response(request)


def two_factor_satisfied(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    if settings.SAMSYN_DEMO and getattr(user, "is_demo_account", False):
        return True
    if user.is_verified():  # type: ignore[union-attr]
        return True
    return not user.needs_two_factor  # type: ignore[union-attr]
