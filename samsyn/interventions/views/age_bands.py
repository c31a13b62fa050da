"""The intervention's own age bands (settings): the list with a form to add one and a button
to remove each, for the förbundsadministratör and the insatsansvarig (404 for everyone else).
The reports show the bands beside the standard ones (docs/dashboard.md, "Age bands")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samsyn.core.web.confirm import ask_first
from samsyn.interventions.forms.age_bands import AgeBandForm
from samsyn.interventions.selectors.age_bands import (
    age_band_get,
    age_band_intervention,
    age_bands_of,
)
from samsyn.interventions.services.age_bands import age_band_add, age_band_remove
from samsyn.interventions.views.common import acting_user, add_service_errors


@require_http_methods(["GET", "POST"])
def age_band_list(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = age_band_intervention(actor=actor, intervention_id=pk)
    form = AgeBandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            age_band_add(
                actor=actor,
                intervention=intervention,
                min_age=form.cleaned_data["min_age"],
                max_age=form.cleaned_data["max_age"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Åldersgruppen är tillagd."))
            return redirect("interventions:age_bands", pk=intervention.pk)
    context = {"intervention": intervention, "bands": age_bands_of(intervention), "form": form}
    return render(request, "interventions/age_bands.html", context)


@require_POST
def age_band_remove_view(request: HttpRequest, pk: int, band_pk: int) -> HttpResponse:
    actor = acting_user(request)
    band = age_band_get(actor=actor, intervention_id=pk, band_id=band_pk)
    cancel = reverse("interventions:age_bands", args=[pk])
    if (asked := ask_first(request, name=str(band.name), cancel_url=cancel)) is not None:
        return asked
    age_band_remove(actor=actor, band=band)
    messages.success(request, _("Åldersgruppen är borttagen."))
    return redirect("interventions:age_bands", pk=pk)
