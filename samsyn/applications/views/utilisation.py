"""The utilisation page (/ansokningar/utnyttjande/): granted, claimed, approved, paid and
remaining per intervention and year, for the förbund's staff and styrgrupp (every
intervention) and the interventions' claimants (their own)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.applications.selectors.utilisation import utilisation_page
from samsyn.core.web.requests import actor as acting_user


@require_GET
def utilisation(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("ar", "")
    year = int(text) if text.isdigit() and len(text) == 4 else None
    page = utilisation_page(actor=acting_user(request), year=year)
    return render(request, "applications/claims/utilisation.html", {"page": page})
