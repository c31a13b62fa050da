"""Period report pages: the intervention's report list, a report (figures, narrative,
fastställ) and its downloads. Thin: the selectors decide who sees what, the services write."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.audit.selectors.changes import last_change_of
from samsyn.core.web.stale import StaleConflict, form_is_stale, stale_conflict
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse
from samsyn.reporting.documents import DocumentFormat
from samsyn.reporting.documents.common import narrative_of
from samsyn.reporting.documents.figures import figures_context
from samsyn.reporting.forms.period_reports import ApproveForm, NarrativeForm, ReportCreateForm
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.period_reports import (
    REPORT_DUE_DAYS,
    managed_report_get,
    report_get,
    report_intervention_get,
    report_list,
    report_page,
    report_short_name,
)
from samsyn.reporting.services.period_reports import (
    period_report_approve,
    period_report_create,
    period_report_export,
    period_report_update,
)


@require_GET
def report_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    page = report_list(actor=acting_user(request), intervention_id=pk)
    context = {"page": page, "intervention": page.intervention, "due_days": REPORT_DUE_DAYS}
    return render(request, "reporting/reports/list.html", context)


@require_POST
def report_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = report_intervention_get(actor=actor, intervention_id=pk)
    form = ReportCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en period i rapportschemat."))
        return redirect("reporting:report_list", pk=pk)
    try:
        report = period_report_create(
            actor=actor,
            intervention=intervention,
            kind=form.cleaned_data["kind"],
            period_from=form.cleaned_data["period_from"],
            period_to=form.cleaned_data["period_to"],
        )
    except ValidationError as error:
        refuse(request, error)
        return redirect("reporting:report_list", pk=pk)
    messages.success(request, _("Utkastet är skapat."))
    return redirect("reporting:report_detail", pk=pk, report_pk=report.pk)


@require_http_methods(["GET", "POST"])
def report_detail_view(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """The report; for its managers, while a draft, the narrative form (POST saves it)."""
    actor = acting_user(request)
    if request.method == "POST":
        report = managed_report_get(actor=actor, intervention_id=pk, report_id=report_pk)
        if report.is_approved:
            messages.error(request, _("Rapporten är fastställd och kan inte längre ändras."))
            return redirect("reporting:report_detail", pk=pk, report_pk=report_pk)
        form = NarrativeForm(request.POST)
        if form.is_valid():
            try:
                period_report_update(
                    actor=actor,
                    report=report,
                    narrative=form.narrative(),
                    expected_version=form.cleaned_data["version"] or 0,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Texten är sparad."))
                return redirect("reporting:report_detail", pk=pk, report_pk=report_pk)
    page = report_page(
        actor=actor,
        intervention_id=pk,
        report_id=report_pk,
        as_steering_group=request.GET.get("visa") == "styrgrupp",
    )
    conflict = None
    if request.method != "POST":
        form = NarrativeForm.for_report(page.report)
    elif form_is_stale(form):
        conflict = narrative_conflict(form, page.report, page.intervention.forbund_id, request.path)
    context = {
        "conflict": conflict,
        "page": page,
        "intervention": page.intervention,
        "report": page.report,
        "content": page.content,
        "form": form if page.can_edit else None,
        "formats": list(DocumentFormat),
        "narrative": narrative_of(page.report),
        **figures_context(page.content),
    }
    return render(request, "reporting/reports/detail.html", context)


def narrative_conflict(
    form: NarrativeForm, saved: PeriodReport, forbund_id: int, url: str
) -> StaleConflict:
    """A stale narrative save: the saved report (read through the scoped page selector)
    beside the user's text; the form now carries the saved version."""
    change = last_change_of(saved, forbund_id=forbund_id)
    return stale_conflict(
        form,
        saved=NarrativeForm.for_report(saved).initial,
        saved_by=change.by if change else "",
        saved_at=change.at if change else None,
        discard_url=url,
    )


@require_http_methods(["GET", "POST"])
def report_approve_view(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    """GET: the confirmation step (with the reason field before the period's end);
    POST: fastställ. A refusal keeps the user on the confirmation page with the message."""
    actor = acting_user(request)
    report = managed_report_get(actor=actor, intervention_id=pk, report_id=report_pk)
    if report.is_approved:
        messages.error(request, _("Rapporten är redan fastställd och kan inte fastställas igen."))
        return redirect("reporting:report_detail", pk=pk, report_pk=report_pk)
    early = not report.period_has_ended(timezone.localdate())
    form = ApproveForm(request.POST or None, initial={"version": report.version}, early=early)
    if request.method == "POST" and form.is_valid():
        try:
            period_report_approve(
                actor=actor,
                report=report,
                expected_version=form.cleaned_data["version"],
                early_reason=form.cleaned_data.get("early_reason", ""),
            )
        except ValidationError as error:
            if getattr(error, "code", None) not in ("early", "reason_length"):
                refuse(request, error)
                return redirect("reporting:report_detail", pk=pk, report_pk=report_pk)
            form.add_error("early_reason" if early else None, error)
        else:
            messages.success(request, _("Rapporten är fastställd."))
            return redirect("reporting:report_detail", pk=pk, report_pk=report_pk)
    context = {
        "intervention": report.intervention,
        "report": report,
        "form": form,
        "early": early,
        "name": report_short_name(report),
    }
    return render(request, "reporting/reports/approve.html", context)


@require_GET
def report_download_view(request: HttpRequest, pk: int, report_pk: int, fmt: str) -> HttpResponse:
    actor = acting_user(request)
    if fmt not in DocumentFormat.__members__.values():
        raise Http404
    report = report_get(actor=actor, intervention_id=pk, report_id=report_pk)
    document = period_report_export(actor=actor, report=report, document_format=fmt)
    response = HttpResponse(document.data, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response
