"""The user's own account page: roles, two-factor log-in and (from samsyn.api) API tokens."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.core.selectors.accounts import membership_list_for_user
from samsyn.core.selectors.activation import recovery_codes_left
from samsyn.core.selectors.two_factor import has_confirmed_device
from samsyn.core.web.requests import actor


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    context = {
        "memberships": membership_list_for_user(user=user),
        "has_two_factor": has_confirmed_device(user),
        "recovery_codes_left": recovery_codes_left(user),
    }
    return render(request, "core/account.html", context)
