"""The intervention page: facts and figures for all who see it, participants for its staff."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.interventions.selectors.detail import intervention_page
from samsyn.interventions.views.common import acting_user


@require_GET
def intervention_detail(
    request: HttpRequest, pk: int | None = None, slug: str | None = None
) -> HttpResponse:
    include_ended = request.GET.get("visa") == "alla"
    page = intervention_page(
        actor=acting_user(request),
        pk=pk,
        slug=slug,
        page_number=request.GET.get("sida"),
        include_ended=include_ended,
    )
    return render(
        request, "interventions/detail.html", {"page": page, "intervention": page.intervention}
    )
