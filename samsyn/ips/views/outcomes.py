"""The IPS outcomes page (/ips/resultat/<pk>/); access and content in outcomes_page.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.core.web.requests import actor
from samsyn.ips.selectors.outcomes_page import outcomes_page


@require_GET
def outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    page = outcomes_page(actor=actor(request), intervention_id=pk, params=request.GET)
    context = {
        "page": page,
        "intervention": page.intervention,
        "summary": page.summary,
        "chart": page.chart,
    }
    return render(request, "ips/outcomes/outcomes.html", context)
