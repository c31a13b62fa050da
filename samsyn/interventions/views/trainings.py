"""Trainings of an intervention: the list for its managers, its coaches and the styrgrupp;
adding, changing and removing trainings, the people who attended and the evidence for the
förbundsadministratör and the insatsansvarig; downloading evidence also for the styrgrupp
(404 for everyone else)."""

from __future__ import annotations

from typing import Any

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
from samsyn.interventions.forms.trainings import (
    AttendanceAddForm,
    AttendeeRenameForm,
    EvidenceForm,
    TrainingEditForm,
    TrainingForm,
    VersionOnlyForm,
)
from samsyn.interventions.models import Training
from samsyn.interventions.selectors.trainings import (
    managed_attendance_get,
    managed_attendee_get,
    managed_evidence_get,
    managed_training_get,
    managed_training_intervention,
    training_attendance,
    training_evidence,
    training_evidence_get,
    trainings_page,
)
from samsyn.interventions.services.trainings import (
    attendance_add,
    attendance_remove,
    attendee_rename,
    training_create,
    training_delete,
    training_evidence_add,
    training_evidence_open,
    training_evidence_remove,
    training_update,
)
from samsyn.interventions.views.common import (
    acting_user,
    add_service_errors,
    refuse,
    refuse_form,
)

RELOAD = gettext_lazy("Ändringen kunde inte sparas. Ladda om sidan och försök igen.")


@require_GET
def training_list(request: HttpRequest, pk: int) -> HttpResponse:
    page = trainings_page(actor=acting_user(request), intervention_id=pk)
    context = {"page": page, "intervention": page.intervention}
    return render(request, "interventions/trainings/list.html", context)


@require_http_methods(["GET", "POST"])
def training_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_training_intervention(actor=actor, intervention_id=pk)
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = training_create(
                actor=actor, intervention=intervention, fields=form.training_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Utbildningen är tillagd. Lägg till deltagarna nedan."))
            return redirect("interventions:training_edit", pk=pk, training_pk=training.pk)
    context = {"form": form, "intervention": intervention}
    return render(request, "interventions/trainings/form.html", context)


def _edit_page(request: HttpRequest, training: Training, **forms: Any) -> HttpResponse:
    version = {"version": training.version}
    context = {
        "intervention": training.intervention,
        "training": training,
        "form": forms.get("form") or TrainingEditForm.for_training(training),
        "add_form": forms.get("add_form") or AttendanceAddForm(training=training, initial=version),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(initial=version),
        "attendance": training_attendance(training),
        "evidence": training_evidence(training),
        "training_conflict": forms.get("conflict"),
    }
    return render(request, "interventions/trainings/edit.html", context)


def _back_to_edit(pk: int, training_pk: int) -> HttpResponse:
    return redirect("interventions:training_edit", pk=pk, training_pk=training_pk)


@require_http_methods(["GET", "POST"])
def training_edit_view(request: HttpRequest, pk: int, training_pk: int) -> HttpResponse:
    actor = acting_user(request)
    training = managed_training_get(actor=actor, intervention_id=pk, training_id=training_pk)
    if request.method != "POST":
        return _edit_page(request, training)
    form = TrainingEditForm(request.POST)
    if form.is_valid():
        try:
            training_update(
                actor=actor,
                training=training,
                fields=form.training_fields(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Utbildningen är ändrad."))
            return redirect("interventions:trainings", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: managed_training_get(
            actor=actor, intervention_id=pk, training_id=training_pk
        ),
        saved=lambda saved: TrainingEditForm.for_training(saved).initial,
        discard_url=request.path,
    )
    if conflict is not None:  # the page shows the saved training, not the refused one
        training = conflict.saved_record
    return _edit_page(request, training, form=form, conflict=conflict)


@require_POST
def training_delete_view(request: HttpRequest, pk: int, training_pk: int) -> HttpResponse:
    actor = acting_user(request)
    training = managed_training_get(actor=actor, intervention_id=pk, training_id=training_pk)
    cancel = reverse("interventions:trainings", args=[pk])
    if (asked := ask_first(request, name=str(training.title), cancel_url=cancel)) is not None:
        return asked
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, RELOAD)
        return redirect("interventions:trainings", pk=pk)
    try:
        training_delete(
            actor=actor, training=training, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Utbildningen är borttagen."))
    return redirect("interventions:trainings", pk=pk)


@require_POST
def attendance_add_view(request: HttpRequest, pk: int, training_pk: int) -> HttpResponse:
    actor = acting_user(request)
    training = managed_training_get(actor=actor, intervention_id=pk, training_id=training_pk)
    add_form = AttendanceAddForm(request.POST, training=training)
    if add_form.is_valid():
        try:
            attendance_add(
                actor=actor,
                training=training,
                fields=add_form.attendee_fields(),
                expected_version=add_form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(add_form, error)
        else:
            messages.success(request, _("Deltagaren är tillagd."))
            return _back_to_edit(pk, training.pk)
    training.refresh_from_db(fields=["version"])
    return _edit_page(request, training, add_form=add_form)


@require_POST
def attendance_remove_view(
    request: HttpRequest, pk: int, training_pk: int, attendance_pk: int
) -> HttpResponse:
    actor = acting_user(request)
    row = managed_attendance_get(
        actor=actor, intervention_id=pk, training_id=training_pk, attendance_id=attendance_pk
    )
    name = _("%(name)s från utbildningen") % {"name": row.attendee.name}
    cancel = reverse("interventions:training_edit", args=[pk, training_pk])
    if (asked := ask_first(request, name=name, cancel_url=cancel, restorable=True)) is not None:
        return asked
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, RELOAD)
    else:
        try:
            attendance_remove(actor=actor, row=row, expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(
                request, _("Deltagaren är borttagen från utbildningen.") + " " + undo_hint()
            )
    return _back_to_edit(pk, training_pk)


@require_POST
def attendee_rename_view(request: HttpRequest, pk: int, attendee_pk: int) -> HttpResponse:
    actor = acting_user(request)
    person = managed_attendee_get(actor=actor, intervention_id=pk, attendee_id=attendee_pk)
    form = AttendeeRenameForm(request.POST)
    if not form.is_valid():
        refuse_form(request, form)
    else:
        try:
            attendee_rename(actor=actor, attendee=person, name=form.cleaned_data["name"])
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("Namnet är ändrat."))
    return redirect("interventions:trainings", pk=pk)


@require_POST
def evidence_add_view(request: HttpRequest, pk: int, training_pk: int) -> HttpResponse:
    actor = acting_user(request)
    training = managed_training_get(actor=actor, intervention_id=pk, training_id=training_pk)
    evidence_form = EvidenceForm(request.POST, request.FILES)
    if evidence_form.is_valid():
        data = evidence_form.cleaned_data
        try:
            training_evidence_add(
                actor=actor,
                training=training,
                kind=data["kind"],
                upload=data["file"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            add_service_errors(evidence_form, error)
        else:
            messages.success(request, _("Underlaget är uppladdat."))
            return _back_to_edit(pk, training.pk)
    training.refresh_from_db(fields=["version"])
    return _edit_page(request, training, evidence_form=evidence_form)


@require_POST
def evidence_remove_view(
    request: HttpRequest, pk: int, training_pk: int, evidence_pk: int
) -> HttpResponse:
    actor = acting_user(request)
    evidence = managed_evidence_get(
        actor=actor, intervention_id=pk, training_id=training_pk, evidence_id=evidence_pk
    )
    cancel = reverse("interventions:training_edit", args=[pk, training_pk])
    name = str(evidence.original_name)
    if (asked := ask_first(request, name=name, cancel_url=cancel)) is not None:
        return asked
    form = VersionOnlyForm(request.POST)
    if not form.is_valid():
        messages.error(request, RELOAD)
    else:
        try:
            training_evidence_remove(
                actor=actor, evidence=evidence, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("Underlaget är borttaget."))
    return _back_to_edit(pk, training_pk)


@require_GET
def evidence_download_view(
    request: HttpRequest, pk: int, training_pk: int, evidence_pk: int
) -> FileResponse:
    actor = acting_user(request)
    evidence = training_evidence_get(
        actor=actor, intervention_id=pk, training_id=training_pk, evidence_id=evidence_pk
    )
    handle, content_type, filename = training_evidence_open(actor=actor, evidence=evidence)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
