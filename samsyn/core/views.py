"""The user's own account page and the accessibility statement (the start page is in
samsyn.site, which may show what every app contributes)."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.core.models import User
from samsyn.core.selectors import membership_list_for_user
from samsyn.core.two_factor import has_confirmed_device

# Dates of the last self-assessment and revision of the accessibility statement (DIGG asks).
ACCESSIBILITY_ASSESSED = "2026-11-26"
ACCESSIBILITY_UPDATED = "2026-11-26"


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    context = {
        "memberships": membership_list_for_user(user=user),
        "has_two_factor": has_confirmed_device(user),
    }
    return render(request, "core/account.html", context)


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    context = {
        "contact": settings.SAMSYN_ACCESSIBILITY_CONTACT,
        "assessed": ACCESSIBILITY_ASSESSED,
        "updated": ACCESSIBILITY_UPDATED,
    }
    return render(request, "core/accessibility_statement.html", context)
