"""The intervention dashboard page (/rapporter/insats/<pk>/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.core.web.requests import actor
from samsyn.reporting.selectors.dashboard import dashboard_page


@require_GET
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    page = dashboard_page(
        actor=actor(request),
        intervention_id=pk,
        params=request.GET,
    )
    context = {"page": page, "intervention": page.intervention, "content": page.content}
    return render(request, "reporting/dashboard.html", context)
