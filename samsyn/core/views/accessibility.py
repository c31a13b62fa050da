"""The accessibility statement (tillgänglighetsredogörelse), open without log-in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

# Dates of the last self-assessment and revision of the accessibility statement (DIGG asks).
ACCESSIBILITY_ASSESSED = "2026-11-26"
ACCESSIBILITY_UPDATED = "2026-11-26"


@login_not_required
@require_GET
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    context = {
        "contact": settings.SAMSYN_ACCESSIBILITY_CONTACT,
        "assessed": ACCESSIBILITY_ASSESSED,
        "updated": ACCESSIBILITY_UPDATED,
    }
    return render(request, "core/accessibility_statement.html", context)
