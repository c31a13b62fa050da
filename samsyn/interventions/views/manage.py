"""The förbundsadministratör's pages: list, create and edit interventions, and their staff."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.core.selectors.manage import administered_forbund_list
from samsyn.core.web.stale import conflict_if_stale
from samsyn.interventions import services
from samsyn.interventions.forms.manage import InterventionForm, initial_from
from samsyn.interventions.selectors.manage import (
    intervention_admin_list,
    intervention_get_managed,
    party_choices,
    staff_list,
)
from samsyn.interventions.views.common import acting_user, add_service_errors


@require_GET
def intervention_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    interventions = intervention_admin_list(actor=actor)
    forbunds = administered_forbund_list(actor=actor)
    context = {"interventions": interventions, "several_forbund": len(forbunds) > 1}
    return render(request, "interventions/list.html", context)


@require_http_methods(["GET", "POST"])
def intervention_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = administered_forbund_list(actor=actor)
    parties = party_choices(actor=actor, forbund_ids=[f.pk for f in forbunds])
    form = InterventionForm(request.POST or None, forbunds=forbunds, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            intervention = services.intervention_create(
                actor=actor,
                forbund=form.chosen_forbund(),
                orientation=form.cleaned_data["orientation"],
                fields=form.intervention_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Insatsen %(name)s är skapad med standardfaser och standardsteg. "
                    "Du kan ändra dem under Faser och Stegen."
                )
                % {"name": intervention.name},
            )
            return redirect("interventions:detail", pk=intervention.pk)
    return render(request, "interventions/form.html", {"form": form, "intervention": None})


@require_http_methods(["GET", "POST"])
def intervention_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = intervention_get_managed(actor=actor, intervention_id=pk)
    parties = party_choices(
        actor=actor, forbund_ids=[intervention.forbund_id], keep_for=intervention
    )
    form = InterventionForm(
        request.POST or None,
        initial=initial_from(intervention),
        forbunds=[intervention.forbund],
        parties=parties,
        intervention=intervention,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_update(
                actor=actor,
                intervention=intervention,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.intervention_fields(),
                # Not on the form; a posted value is refused unless it is the current one.
                orientation=request.POST.get("orientation") or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("interventions:detail", pk=intervention.pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: intervention_get_managed(actor=actor, intervention_id=pk),
        saved=initial_from,
        discard_url=request.path,
    )
    if conflict is not None:  # the page shows the saved intervention, not the refused one
        intervention = conflict.saved_record
    context = {"form": form, "intervention": intervention, "conflict": conflict}
    return render(request, "interventions/form.html", context)


@require_GET
def intervention_staff(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = intervention_get_managed(actor=actor, intervention_id=pk)
    memberships = staff_list(actor=actor, intervention=intervention)
    context = {"intervention": intervention, "memberships": memberships, "section": "staff"}
    return render(request, "interventions/staff.html", context)
