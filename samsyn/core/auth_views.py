"""Log-in, log-out, two-factor steps, lock-out and password change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from samsyn.core import two_factor
from samsyn.core.auth_forms import TotpTokenForm
from samsyn.core.middleware import two_factor_satisfied


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:account")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Ditt lösenord är ändrat."))
        return response


@login_not_required
def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/lockout.html", {"minutes": minutes}, status=429)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(reverse_lazy("core:start"))


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.totpdevice_set.filter(confirmed=True).exists():  # type: ignore[union-attr]
        return redirect("core:two_factor_verify")
    device = two_factor.pending_device_for(user=user)  # type: ignore[arg-type]
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if two_factor.two_factor_confirm(user=user, device=device, token=token):  # type: ignore[arg-type]
            otp_login(request, device)
            messages.success(request, _("Tvåfaktorsinloggning är aktiverad."))
            return redirect(_next_url(request))
        form.add_error("token", _("Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."))
    context = {
        "form": form,
        "qr_svg": two_factor.qr_svg(device),
        "secret": two_factor.secret_for_display(device),
    }
    return render(request, "core/two_factor_setup.html", context)


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if two_factor_satisfied(request) and request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = TotpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.device_matching(user=request.user, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Koden stämmer inte eller har redan använts. Försök igen."))
    return render(request, "core/two_factor_verify.html", {"form": form})
