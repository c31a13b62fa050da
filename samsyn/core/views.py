"""The start page, the user's own account page and the accessibility statement."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.core.models import User
from samsyn.core.selectors import membership_list_for_user
from samsyn.core.start_page import start_sections_for
from samsyn.core.two_factor import has_confirmed_device

# Dates of the last self-assessment and revision of the accessibility statement (DIGG asks).
ACCESSIBILITY_ASSESSED = "2026-11-26"
ACCESSIBILITY_UPDATED = "2026-11-26"


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    memberships = membership_list_for_user(user=user)
    sections = start_sections_for(user=user, memberships=memberships)
    context = {"sections": sections, "caseload": _caseload_summary(request)}
    return render(request, "core/start.html", context)


def _caseload_summary(request: HttpRequest) -> object | None:
    """A coach's day starts with the caseload: its counts lead the start page.

    Only counts, no identities, so no audit event; the caseload page itself logs its view.
    """
    from samsyn.participants import caseload

    actor = cast(User, request.user)
    if not caseload.may_see_caseload(actor=actor):
        return None
    return caseload.caseload_summary(actor=actor)


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
