"""The implementation plan of an intervention: the list and evidence downloads for its
managers and the styrgrupp; adding, changing, moving and removing items for the
förbundsadministratör and the insatsansvarig (404 for everyone else)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.stale import conflict_if_stale
from samsyn.interventions.forms.implementation import (
    ImplementationItemEditForm,
    ImplementationItemForm,
    MoveForm,
)
from samsyn.interventions.forms.trainings import VersionOnlyForm
from samsyn.interventions.selectors.implementation import (
    implementation_page,
    managed_item_get,
    managed_plan_intervention,
    plan_item_get,
)
from samsyn.interventions.services.implementation import (
    implementation_defaults_create,
    implementation_evidence_open,
    implementation_item_create,
    implementation_item_delete,
    implementation_item_move,
    implementation_item_update,
)
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse

RELOAD = gettext_lazy("Ändringen kunde inte sparas. Ladda om sidan och försök igen.")
FORM = "interventions/implementation/form.html"


def _back(pk: int) -> HttpResponse:
    return redirect("interventions:implementation", pk=pk)


@require_GET
def implementation_list(request: HttpRequest, pk: int) -> HttpResponse:
    page = implementation_page(actor=acting_user(request), intervention_id=pk)
    context = {"page": page, "intervention": page.intervention}
    return render(request, "interventions/implementation/list.html", context)


@require_http_methods(["GET", "POST"])
def implementation_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_plan_intervention(actor=actor, intervention_id=pk)
    form = ImplementationItemForm(
        request.POST or None, request.FILES or None, intervention=intervention
    )
    if request.method == "POST" and form.is_valid():
        try:
            implementation_item_create(
                actor=actor,
                intervention=intervention,
                fields=form.item_fields(),
                evidence=form.cleaned_data.get("evidence"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Punkten är tillagd."))
            return _back(pk)
    return render(request, FORM, {"form": form, "intervention": intervention, "item": None})


@require_http_methods(["GET", "POST"])
def implementation_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    actor = acting_user(request)
    item = managed_item_get(actor=actor, intervention_id=pk, item_id=item_pk)
    if request.method == "POST":
        form = ImplementationItemEditForm(request.POST, request.FILES, item=item)
    else:
        form = ImplementationItemEditForm.for_item(item)
    if request.method == "POST" and form.is_valid():
        try:
            implementation_item_update(
                actor=actor,
                item=item,
                fields=form.item_fields(),
                expected_version=form.cleaned_data["version"],
                evidence=form.cleaned_data.get("evidence"),
                remove_evidence=bool(form.cleaned_data.get("remove_evidence")),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Punkten är ändrad."))
            return _back(pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: managed_item_get(actor=actor, intervention_id=pk, item_id=item_pk),
        saved=lambda saved: ImplementationItemEditForm.for_item(saved).initial,
        discard_url=request.path,
    )
    context = {"form": form, "intervention": item.intervention, "item": item, "conflict": conflict}
    return render(request, FORM, context)


@require_POST
def implementation_delete_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    actor = acting_user(request)
    item = managed_item_get(actor=actor, intervention_id=pk, item_id=item_pk)
    cancel = reverse("interventions:implementation", args=[pk])
    asked = ask_first(request, name=str(item.title), cancel_url=cancel, restorable=True)
    if asked is not None:
        return asked
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, RELOAD)
        return _back(pk)
    try:
        implementation_item_delete(
            actor=actor, item=item, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Punkten är borttagen.") + " " + undo_hint())
    return _back(pk)


@require_POST
def implementation_move_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    actor = acting_user(request)
    item = managed_item_get(actor=actor, intervention_id=pk, item_id=item_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, RELOAD)
        return _back(pk)
    try:
        implementation_item_move(
            actor=actor,
            item=item,
            direction=form.cleaned_data["direction"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        refuse(request, error)
    return _back(pk)


@require_POST
def implementation_defaults_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_plan_intervention(actor=actor, intervention_id=pk)
    try:
        implementation_defaults_create(actor=actor, intervention=intervention)
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Standardpunkterna är tillagda."))
    return _back(pk)


@require_GET
def implementation_evidence_view(request: HttpRequest, pk: int, item_pk: int) -> FileResponse:
    actor = acting_user(request)
    item = plan_item_get(actor=actor, intervention_id=pk, item_id=item_pk)
    handle, content_type, filename = implementation_evidence_open(actor=actor, item=item)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
