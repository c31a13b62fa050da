"""The intervention's report schedule: the list of periods, add a period, move or rename one.
Thin: the selectors decide who may, the services write and refuse."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.stale import StaleConflict, conflict_with, form_is_stale, stale_conflict
from samsyn.interventions.periods import ReportPeriod
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse
from samsyn.reporting.forms.report_schedule import ReportPeriodAddForm, ReportPeriodForm
from samsyn.reporting.selectors.period_reports import (
    managed_intervention_get,
    schedule_page,
    schedule_period_get,
    stored_period_get,
)
from samsyn.reporting.services.report_schedule import (
    report_period_add,
    report_period_change,
    report_period_remove,
)


@require_GET
def schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    page = schedule_page(actor=acting_user(request), intervention_id=pk)
    context = {"page": page, "intervention": page.intervention}
    return render(request, "reporting/reports/schedule.html", context)


@require_http_methods(["GET", "POST"])
def schedule_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_intervention_get(actor=actor, intervention_id=pk)
    form = ReportPeriodAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_period_add(
                actor=actor,
                intervention=intervention,
                kind=form.cleaned_data["kind"],
                label=form.cleaned_data["label"],
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perioden är tillagd."))
            return redirect("reporting:report_schedule", pk=pk)
    context = {"intervention": intervention, "form": form, "period": None}
    return render(request, "reporting/reports/schedule_form.html", context)


@require_http_methods(["GET", "POST"])
def schedule_edit_view(request: HttpRequest, pk: int, kind: str, number: int) -> HttpResponse:
    actor = acting_user(request)
    intervention, period, version = schedule_period_get(
        actor=actor, intervention_id=pk, kind=kind, number=number
    )
    form = ReportPeriodForm(request.POST or None, initial=_period_initial(period, version))
    if request.method == "POST" and form.is_valid():
        try:
            report_period_change(
                actor=actor,
                intervention=intervention,
                kind=kind,
                number=number,
                label=form.cleaned_data["label"],
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Perioden är ändrad."))
            return redirect("reporting:report_schedule", pk=pk)
    conflict = None
    if form_is_stale(form):
        conflict = _period_conflict(request, form, pk, kind, number)
    context = {"intervention": intervention, "form": form, "period": period, "conflict": conflict}
    return render(request, "reporting/reports/schedule_form.html", context)


def _period_initial(period: ReportPeriod, version: int) -> dict[str, object]:
    return {
        "label": str(period.label),
        "date_from": period.date_from,
        "date_to": period.date_to,
        "version": version,
    }


def _period_conflict(
    request: HttpRequest, form: ReportPeriodForm, pk: int, kind: str, number: int
) -> StaleConflict:
    """A stale period save: the period as saved now, read by the same scoped selectors."""
    actor = acting_user(request)
    _intervention, period, version = schedule_period_get(
        actor=actor, intervention_id=pk, kind=kind, number=number
    )
    saved = _period_initial(period, version)
    row = stored_period_get(actor=actor, intervention_id=pk, kind=kind, number=number)
    if row is None:  # still generated: nobody has saved it
        return stale_conflict(
            form, saved=saved, saved_by="", saved_at=None, discard_url=request.path
        )
    return conflict_with(
        form, row, saved=saved, discard_url=request.path, forbund_id=_intervention.forbund_id
    )


@require_POST
def schedule_remove_view(request: HttpRequest, pk: int, kind: str, number: int) -> HttpResponse:
    actor = acting_user(request)
    intervention, _period, _version = schedule_period_get(
        actor=actor, intervention_id=pk, kind=kind, number=number
    )
    cancel = reverse("reporting:report_schedule", args=[pk])
    name = _("perioden ur schemat")
    if (asked := ask_first(request, name=name, cancel_url=cancel, restorable=True)) is not None:
        return asked
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        report_period_remove(
            actor=actor,
            intervention=intervention,
            kind=kind,
            number=number,
            expected_version=version,
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Perioden är borttagen ur schemat.") + " " + undo_hint())
    return redirect("reporting:report_schedule", pk=pk)
