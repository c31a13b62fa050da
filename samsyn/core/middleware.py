"""Request-wide concerns: request ids, security headers, language, idle timeout, 2FA and the
own error pages in demo mode."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from samsyn.audit.context import RequestOrigin, reset_origin, set_origin
from samsyn.core.selectors.two_factor import has_confirmed_device
from samsyn.core.views.errors import error_response

GetResponse = Callable[[HttpRequest], HttpResponse]

# Set by samsyn.core.oidc on a session signed in through the e-identification broker.
OIDC_SESSION_KEY = "samsyn_oidc_sign_in"

API_PREFIX = "/api/"
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
        request.request_id = request_id  # type: ignore[attr-defined]  # our own request attribute
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
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class IdleTimeoutMiddleware:
    """Logs a user out after SAMSYN_IDLE_TIMEOUT without any request.

    Needs the message middleware before it. The server-side session deliberately lives
    longer than the idle limit (see SESSION_COOKIE_AGE in settings) so that it is this
    middleware, not a silent session expiry, that ends an idle session: the user is told
    why, and the log-out is audited with the reason.
    """

    SESSION_KEY = "samsyn_last_activity"

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(self.SESSION_KEY)
            limit = settings.SAMSYN_IDLE_TIMEOUT.total_seconds()
            if last is not None and now - float(last) > limit:
                return self._log_out_idle(request)
            request.session[self.SESSION_KEY] = now
        return self.get_response(request)

    def _log_out_idle(self, request: HttpRequest) -> HttpResponse:
        request.samsyn_logout_reason = "idle"  # type: ignore[attr-defined]  # read by the logout signal
        logout(request)
        if request.path.startswith(API_PREFIX):
            # The API answers 401 in JSON itself once the session is gone.
            return self.get_response(request)
        messages.info(request, _("Du har loggats ut eftersom du varit inaktiv en längre stund."))
        # Back to the same page after logging in again; a form post cannot be replayed.
        if request.method == "GET":
            login_redirect = redirect_to_login(request.get_full_path())
        else:
            login_redirect = HttpResponseRedirect(reverse("core:login"))
        if request.headers.get("HX-Request"):
            # htmx would swap the log-in page into a fragment; make it load the whole page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login_redirect["Location"]
            return response
        return login_redirect


# Paths a signed-in user may reach before completing the second factor.
# The one-time link pages are public and sign the session in (or not) themselves.
_TWO_FACTOR_OPEN_PREFIXES = (
    "/static/",
    "/i18n/",
    "/tillganglighet/",
    "/aktivera/",
    "/losenord/",
    "/oidc/",
    API_PREFIX,
)


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
                has_device = has_confirmed_device(user)
                target = "core:two_factor_verify" if has_device else "core:two_factor_setup"
                url = reverse(target)
                if request.method == "GET":
                    # Back to the page the user asked for once the code is entered.
                    url = f"{url}?{urlencode({'next': request.get_full_path()})}"
                return HttpResponseRedirect(url)
        return self.get_response(request)


def two_factor_satisfied(request: HttpRequest) -> bool:
    """True when the signed-in user may go on without (further) entering a TOTP code.

    That is: the session passed the TOTP step; or the account is a demo account and demo
    mode is on; or no role of the user reaches personal data and the user has not chosen to
    enrol a device (someone who enrolled is asked for the code like everyone else).
    """
    user = request.user
    if not user.is_authenticated:
        return False
    if settings.SAMSYN_DEMO and getattr(user, "is_demo_account", False):
        return True
    if is_verified(user):
        return True
    if request.session.get(OIDC_SESSION_KEY) is True:
        # Signed in through the e-identification broker (samsyn.core.oidc), multi-factor.
        return True
    if user.needs_two_factor:
        return False
    return not has_confirmed_device(user)


def is_verified(user: object) -> bool:
    """Whether django-otp's middleware marked this request's user as past the TOTP step."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


class OwnErrorPagesMiddleware:
    """Samsyn's own 404, 403, 400 and 500 pages while DEBUG is on (the demo).

    The demo needs DEBUG (settings refuse SAMSYN_DEMO without it), and with DEBUG Django
    answers an error with its English debug page — with settings and a stack trace — instead
    of ``handler404`` and the others. People trying the demo are not developers: with
    ``SAMSYN_OWN_ERROR_PAGES`` (on in demo mode) this middleware renders the own page
    instead: an unknown address before the view is looked up, and Http404, PermissionDenied,
    a bad request or any other exception raised by a view. An unexpected exception is still
    logged with its stack trace (django.request) for the developer's console. Without DEBUG
    it does nothing: Django uses the handlers in samsyn/urls.py. Placed after
    CommonMiddleware so that its 404 still gets the APPEND_SLASH redirect.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        return bool(settings.DEBUG and getattr(settings, "SAMSYN_OWN_ERROR_PAGES", False))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.active():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                return error_response(404)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self.active():
            return None
        if isinstance(exception, Http404):
            return error_response(404)
        if isinstance(exception, PermissionDenied):
            return error_response(403)
        if isinstance(exception, BadRequest | SuspiciousOperation):
            return error_response(400)
        _request_logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"request": request},
        )
        return error_response(500)


_request_logger = logging.getLogger("django.request")
