"""Sub-pages of an intervention's management: phases, ladder steps, indicators, places per
municipality and the förbund's activity types.

Each page lists the rows with a form to add one; each row has small forms (rename, move,
remove, change places) that post and come back to the list with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samsyn.core.web.confirm import ask_first
from samsyn.interventions import services
from samsyn.interventions.forms.structure import (
    ActivityTypeForm,
    ApproachForm,
    CapacityForm,
    MoveForm,
    NameForm,
    PlacesForm,
    RenameForm,
)
from samsyn.interventions.models import ActivityApproach, Intervention
from samsyn.interventions.selectors import structure as structure_selectors
from samsyn.interventions.selectors.manage import intervention_get_managed
from samsyn.interventions.structure import spec_for
from samsyn.interventions.views.common import (
    acting_user,
    add_service_errors,
    refuse,
    refuse_form,
)


def _managed(request: HttpRequest, pk: int) -> Intervention:
    return intervention_get_managed(actor=acting_user(request), intervention_id=pk)


def _run(request: HttpRequest, action: Callable[[], Any], done: str) -> None:
    """Call a service; its refusal becomes an error message, success a success message."""
    try:
        action()
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, done)


# --- phases, ladder steps, indicators -----------------------------------------------------


@require_http_methods(["GET", "POST"])
def structure_list(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    spec = spec_for(kind)
    form = NameForm(request.POST or None)
    form.fields["name"].label = str(spec.text.add_label)
    if request.method == "POST" and form.is_valid():
        try:
            services.structure_item_add(
                actor=actor,
                intervention=intervention,
                kind=spec.kind,
                name=form.cleaned_data["name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, str(spec.text.added))
            return redirect(f"interventions:{spec.url_name}", pk=intervention.pk)
    items = structure_selectors.structure_item_list(
        actor=actor, intervention=intervention, spec=spec
    )
    context = {
        "intervention": intervention,
        "spec": spec,
        "items": items,
        "form": form,
        "section": spec.url_name,
        "urls": {
            action: f"interventions:{spec.url_name}_{action}"
            for action in ("rename", "move", "remove")
        },
    }
    return render(request, "interventions/structure_list.html", context)


def _structure_item(request: HttpRequest, pk: int, kind: str, item_pk: int) -> Any:
    intervention = _managed(request, pk)
    spec = spec_for(kind)
    item = structure_selectors.structure_item_get(
        actor=acting_user(request), intervention=intervention, spec=spec, item_id=item_pk
    )
    return intervention, spec, item


@require_POST
def structure_item_rename(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    intervention, spec, item = _structure_item(request, pk, kind, item_pk)
    form = RenameForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.structure_item_rename(
                actor=acting_user(request),
                item=item,
                name=data["name"],
                expected_name=data["expected_name"],
            ),
            _("Namnet är ändrat."),
        )
    else:
        refuse_form(request, form)
    return redirect(f"interventions:{spec.url_name}", pk=intervention.pk)


@require_POST
def structure_item_move(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    intervention, spec, item = _structure_item(request, pk, kind, item_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.structure_item_move(
                actor=acting_user(request),
                item=item,
                direction=data["direction"],
                expected_order=data["expected_order"],
            ),
            _("Ordningen är ändrad."),
        )
    else:
        refuse_form(request, form)
    return redirect(f"interventions:{spec.url_name}", pk=intervention.pk)


@require_POST
def structure_item_remove(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    intervention, spec, item = _structure_item(request, pk, kind, item_pk)
    cancel = reverse(f"interventions:{spec.url_name}", args=[intervention.pk])
    if (asked := ask_first(request, name=str(item.name), cancel_url=cancel)) is not None:
        return asked
    _run(
        request,
        lambda: services.structure_item_remove(actor=acting_user(request), item=item),
        str(spec.text.removed),
    )
    return redirect(f"interventions:{spec.url_name}", pk=intervention.pk)


# --- places per municipality --------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def capacity_list(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    form = CapacityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.capacity_add(
                actor=actor,
                intervention=intervention,
                municipality_code=form.cleaned_data["municipality_code"],
                places=form.cleaned_data["places"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Platserna är tillagda."))
            return redirect("interventions:capacity", pk=intervention.pk)
    capacities = structure_selectors.capacity_list(actor=actor, intervention=intervention)
    context = {
        "intervention": intervention,
        "capacities": capacities,
        "form": form,
        "section": "capacity",
    }
    return render(request, "interventions/capacity_list.html", context)


@require_POST
def capacity_update(request: HttpRequest, pk: int, capacity_pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    capacity = structure_selectors.capacity_get(
        actor=actor, intervention=intervention, capacity_id=capacity_pk
    )
    form = PlacesForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.capacity_update(
                actor=actor,
                capacity=capacity,
                places=data["places"],
                expected_places=data["expected_places"],
            ),
            _("Antalet platser är ändrat."),
        )
    else:
        refuse_form(request, form)
    return redirect("interventions:capacity", pk=intervention.pk)


@require_POST
def capacity_remove(request: HttpRequest, pk: int, capacity_pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    capacity = structure_selectors.capacity_get(
        actor=actor, intervention=intervention, capacity_id=capacity_pk
    )
    name = _("platserna för %(code)s") % {"code": capacity.municipality_code}
    cancel = reverse("interventions:capacity", args=[intervention.pk])
    if (asked := ask_first(request, name=name, cancel_url=cancel)) is not None:
        return asked
    services.capacity_remove(actor=actor, capacity=capacity)
    messages.success(request, _("Platserna är borttagna."))
    return redirect("interventions:capacity", pk=intervention.pk)


# --- activity types -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def activity_type_list(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    form = ActivityTypeForm(request.POST or None)
    form.fields["name"].label = _("Ny aktivitetstyp")
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_type_add(
                actor=actor,
                forbund=intervention.forbund,
                name=form.cleaned_data["name"],
                approach=form.cleaned_data["approach"] or ActivityApproach.ALLA,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Aktivitetstypen är tillagd."))
            return redirect("interventions:activity_types", pk=intervention.pk)
    types = structure_selectors.activity_type_list(actor=actor, intervention=intervention)
    context = {
        "intervention": intervention,
        "activity_types": types,
        "approaches": ActivityApproach.choices,
        "form": form,
        "section": "activity_types",
    }
    return render(request, "interventions/activity_types.html", context)


@require_POST
def activity_type_rename(request: HttpRequest, pk: int, type_pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    activity_type = structure_selectors.activity_type_get(
        actor=actor, intervention=intervention, activity_type_id=type_pk
    )
    form = RenameForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _run(
            request,
            lambda: services.activity_type_rename(
                actor=actor,
                activity_type=activity_type,
                name=data["name"],
                expected_name=data["expected_name"],
            ),
            _("Namnet är ändrat."),
        )
    else:
        refuse_form(request, form)
    return redirect("interventions:activity_types", pk=intervention.pk)


def _set_active(request: HttpRequest, pk: int, type_pk: int, *, active: bool) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    activity_type = structure_selectors.activity_type_get(
        actor=actor, intervention=intervention, activity_type_id=type_pk
    )
    services.activity_type_set_active(actor=actor, activity_type=activity_type, active=active)
    done = _("Aktivitetstypen är aktiv igen.") if active else _("Aktivitetstypen är inaktiverad.")
    messages.success(request, done)
    return redirect("interventions:activity_types", pk=intervention.pk)


@require_POST
def activity_type_deactivate(request: HttpRequest, pk: int, type_pk: int) -> HttpResponse:
    return _set_active(request, pk, type_pk, active=False)


@require_POST
def activity_type_reactivate(request: HttpRequest, pk: int, type_pk: int) -> HttpResponse:
    return _set_active(request, pk, type_pk, active=True)


@require_POST
def activity_type_approach(request: HttpRequest, pk: int, type_pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = _managed(request, pk)
    activity_type = structure_selectors.activity_type_get(
        actor=actor, intervention=intervention, activity_type_id=type_pk
    )
    form = ApproachForm(request.POST)
    if form.is_valid():
        approach = form.cleaned_data["approach"]
        _run(
            request,
            lambda: services.activity_type_set_approach(
                actor=actor, activity_type=activity_type, approach=approach
            ),
            _("Det är sparat vilka insatser aktivitetstypen gäller."),
        )
    else:
        refuse_form(request, form)
    return redirect("interventions:activity_types", pk=intervention.pk)
