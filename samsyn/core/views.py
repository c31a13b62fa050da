"""The start page, the user's own account page and the accessibility statement."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.core.selectors import membership_list_for_user
from samsyn.core.start_page import start_sections_for

# Dates of the last self-assessment and revision of the accessibility statement (DIGG asks).
ACCESSIBILITY_ASSESSED = "2026-11-26"
ACCESSIBILITY_UPDATED = "2026-11-26"


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    memberships = membership_list_for_user(user=request.user)  # type: ignore[arg-type]
    sections = start_sections_for(user=request.user, memberships=memberships)  # type: ignore[arg-type]
    return render(request, "core/start.html", {"sections": sections})


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "memberships": membership_list_for_user(user=user),  # type: ignore[arg-type]
        "has_two_factor": user.totpdevice_set.filter(confirmed=True).exists(),  # type: ignore[union-attr]
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
