"""The distribution of recommendations per intervention
(/resursinventering/insats/<intervention>/rekommendationer/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.assessments.selectors.distribution import recommendation_distribution
from samsyn.core.web.requests import actor


@require_GET
def distribution(request: HttpRequest, pk: int) -> HttpResponse:
    page = recommendation_distribution(actor=actor(request), intervention_id=pk, params=request.GET)
    context = {"page": page, "intervention": page.intervention, "pick": page.pick}
    return render(request, "assessments/distribution.html", context)
