"""Log-in, log-out, two-factor steps, lock-out and password change.

Who may pass without a TOTP code is decided in one place,
samsyn.core.middleware.two_factor_satisfied; the middleware sends everyone else here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import HASH_SESSION_KEY, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from samsyn.core.forms.auth import (
    ActivationForm,
    AuditedPasswordChangeForm,
    PasswordResetRequestForm,
    RecoveryCodeForm,
    SamsynAuthenticationForm,
    SamsynSetPasswordForm,
    TotpTokenForm,
)
from samsyn.core.middleware import is_verified, two_factor_satisfied
from samsyn.core.models import LinkPurpose
from samsyn.core.selectors.activation import link_for_token
from samsyn.core.selectors.two_factor import has_confirmed_device, qr_svg, secret_for_display
from samsyn.core.services import activation, two_factor
from samsyn.core.web.requests import actor


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Django's log-in; it passes the request to authenticate(), which django-axes needs.

    Unsafe ``next`` values (other hosts, other schemes) are dropped by Django's
    url_has_allowed_host_and_scheme check in get_success_url/get_redirect_url.
    """

    template_name = "core/login.html"
    redirect_authenticated_user = True
    form_class = SamsynAuthenticationForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.SAMSYN_OIDC_ENABLED
        context["password_reset_enabled"] = activation.email_enabled()
        return context


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    form_class = AuditedPasswordChangeForm
    success_url = reverse_lazy("core:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Ditt lösenord är ändrat."))
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        # Checking the old password may rehash it (an older hasher, new Argon2 parameters).
        # The session is bound to the hash, so without this the user would be logged out.
        if self.request.session.get(HASH_SESSION_KEY) != form.user.get_session_auth_hash():
            update_session_auth_hash(self.request, form.user)
        return super().form_invalid(form)


@login_not_required
def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """What django-axes answers while a user name or address is locked out (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/lockout.html", {"minutes": minutes}, status=429)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("core:start")


def _complete_second_factor(request: HttpRequest, device: Any) -> None:
    # A new session key, as at the password step: a key seen before now carries more rights.
    request.session.cycle_key()
    otp_login(request, device)


def _with_next(url: str, request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next")
    return f"{url}?{urlencode({'next': _next_url(request)})}" if next_url else url


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if has_confirmed_device(user):
        # Changing phone goes through an administrator's reset, never around the old device.
        return redirect(_with_next(reverse("core:two_factor_verify"), request))
    if not two_factor_satisfied(request):
        # Trust-on-first-use is closed: a session that still needs its second factor never
        # binds one itself. An administrator's activation link does (services/activation.py).
        return render(request, "core/two_factor_link_needed.html", status=403)
    device = two_factor.pending_device_for(user=user)
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if two_factor.two_factor_confirm(user=user, device=device, token=token):
            _complete_second_factor(request, device)
            codes = activation.recovery_codes_create_at_enrolment(user=user)
            messages.success(request, _("Tvåfaktorsinloggning är aktiverad."))
            return _show_recovery_codes(request, codes, next_url=_next_url(request))
        form.add_error(
            "token", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
        )
    context = {
        "form": form,
        "qr_svg": qr_svg(device),
        "secret": secret_for_display(device),
        "required": user.needs_two_factor,
        "next": _next_url(request),
    }
    return render(request, "core/two_factor_setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if is_verified(user):
        return redirect(_next_url(request))
    if not has_confirmed_device(user):
        if two_factor_satisfied(request):
            return redirect(_next_url(request))
        return redirect(_with_next(reverse("core:two_factor_setup"), request))
    using_recovery = request.method == "POST" and "recovery_code" in request.POST
    form = TotpTokenForm(request.POST if request.method == "POST" and not using_recovery else None)
    recovery_form = RecoveryCodeForm(request.POST if using_recovery else None)
    if using_recovery and recovery_form.is_valid():
        recovery_device = activation.recovery_code_verify(
            user=user, code=recovery_form.cleaned_data["recovery_code"]
        )
        if recovery_device is not None:
            _complete_second_factor(request, recovery_device)
            messages.info(
                request,
                _(
                    "Du loggade in med en återställningskod, som nu är förbrukad. Skapa nya "
                    "koder under Mitt konto om du har få kvar."
                ),
            )
            return redirect(_next_url(request))
        recovery_form.add_error(
            "recovery_code", _("Koden stämmer inte eller har redan använts. Försök igen.")
        )
    elif request.method == "POST" and form.is_valid():
        device = two_factor.two_factor_verify(user=user, token=form.cleaned_data["token"])
        if device is not None:
            _complete_second_factor(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Koden stämmer inte eller har redan använts. Försök igen."))
    context = {"form": form, "recovery_form": recovery_form, "next": _next_url(request)}
    return render(request, "core/two_factor_verify.html", context)


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, next_url: str) -> HttpResponse:
    """The codes are in this response only: never stored in clear, never shown again."""
    return render(request, "core/recovery_codes.html", {"codes": codes, "next": next_url})


@never_cache
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    try:
        codes = activation.recovery_codes_regenerate(user=actor(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("core:account")
    return _show_recovery_codes(request, codes, next_url=reverse("core:account"))


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _link_invalid(request: HttpRequest) -> HttpResponse:
    context = {"message": activation.LINK_INVALID_MESSAGE}
    return render(request, "core/link_invalid.html", context, status=410)


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, token: str) -> HttpResponse:
    """The activation link: a new password and the authenticator, in one form."""
    link = link_for_token(token)
    if link is None or not link.is_usable or link.purpose == LinkPurpose.PASSWORD_RESET:
        return _link_invalid(request)
    user = link.user
    device = two_factor.pending_device_for(user=user)
    form = ActivationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = activation.activation_complete(
                link=link,
                device=device,
                password=form.cleaned_data["new_password1"],
                token=form.cleaned_data["token"],
            )
        except ValidationError:
            return _link_invalid(request)
        if codes is not None:
            user.refresh_from_db()
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _complete_second_factor(request, device)
            messages.success(request, _("Ditt konto är aktiverat."))
            return _show_recovery_codes(request, codes, next_url=reverse("core:start"))
        form.add_error(
            "token", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen.")
        )
    context = {
        "form": form,
        "account": user,
        "qr_svg": qr_svg(device),
        "secret": secret_for_display(device),
        "expires_at": link.expires_at,
    }
    return render(request, "core/activate.html", context)


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset_request(request: HttpRequest) -> HttpResponse:
    """ "Glömt lösenordet?": the same answer whether or not an account has the address."""
    if not activation.email_enabled():
        return render(request, "core/password_reset_request.html", {"enabled": False})
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        activation.password_reset_request(
            email=form.cleaned_data["email"], base_url=_base_url(request)
        )
        return redirect("core:password_reset_sent")
    return render(request, "core/password_reset_request.html", {"enabled": True, "form": form})


@never_cache
@login_not_required
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "core/password_reset_sent.html")


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, token: str) -> HttpResponse:
    link = link_for_token(token)
    if link is None or not link.is_usable or link.purpose != LinkPurpose.PASSWORD_RESET:
        return _link_invalid(request)
    form = SamsynSetPasswordForm(link.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activation.password_reset_complete(
                link=link, password=form.cleaned_data["new_password1"]
            )
        except ValidationError:
            return _link_invalid(request)
        messages.success(request, _("Ditt lösenord är bytt. Logga in med det nya lösenordet."))
        return redirect("core:login")
    return render(request, "core/password_reset_confirm.html", {"form": form})
