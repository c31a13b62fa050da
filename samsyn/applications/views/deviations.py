"""Change and continuation applications started from an intervention, and deviation reports
(report, list, read, the förbund's response)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.applications.forms.decisions import ChangeForm, DeviationForm, ResponseForm
from samsyn.applications.models import DeviationReport
from samsyn.applications.selectors.deviations import (
    deviation_for_change,
    deviation_get,
    deviation_list,
    follow_up_choices,
    may_respond,
)
from samsyn.applications.services.changes import (
    change_application_create,
    changeable_intervention,
    is_ended,
)
from samsyn.applications.services.deviations import deviation_report_create, deviation_respond
from samsyn.core.web.forms import call_service
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor as acting_user
from samsyn.core.web.stale import conflict_if_stale


@require_http_methods(["GET", "POST"])
def change_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = changeable_intervention(actor=actor, intervention_id=pk)
    deviation = deviation_for_change(
        actor=actor, intervention_id=intervention.pk, raw_id=request.GET.get("avvikelse", "")
    )
    form = ChangeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            lambda: change_application_create(
                actor=actor,
                intervention=intervention,
                fields=form.change_fields(),
                deviation=deviation,
            ),
        )
    ):
        messages.success(request, _("Ansökan är inskickad till förbundet för beredning."))
        return redirect("interventions:detail", pk=intervention.pk)
    context = {
        "form": form,
        "intervention": intervention,
        "ended": is_ended(intervention),
        "deviation": deviation,
    }
    return render(request, "applications/decision/change_form.html", context)


@require_GET
def deviation_list_view(request: HttpRequest) -> HttpResponse:
    reports = deviation_list(actor=acting_user(request))
    return render(request, "applications/deviation/list.html", {"reports": reports})


@require_http_methods(["GET", "POST"])
def deviation_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = changeable_intervention(actor=actor, intervention_id=pk)
    form = DeviationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = []
        if call_service(
            form,
            lambda: created.append(
                deviation_report_create(
                    actor=actor, intervention=intervention, fields=form.deviation_fields()
                )
            ),
        ):
            messages.success(request, _("Avvikelsen är rapporterad till förbundet."))
            return redirect("applications:deviation_detail", pk=created[0].pk)
    context = {"form": form, "intervention": intervention}
    return render(request, "applications/deviation/form.html", context)


@require_GET
def deviation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    report = deviation_get(actor=actor, report_id=pk)
    context = {"report": report, "may_respond": may_respond(actor, report)}
    return render(request, "applications/deviation/detail.html", context)


@require_http_methods(["GET", "POST"])
def deviation_respond_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    report = deviation_get(actor=actor, report_id=pk)
    not_found_unless(may_respond(actor, report))
    form = ResponseForm(
        request.POST or None,
        applications=follow_up_choices(report),
        initial=_response_initial(report),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            lambda: deviation_respond(
                actor=actor,
                report=report,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.response_fields(),
            ),
        )
    ):
        messages.success(request, _("Svaret är sparat."))
        return redirect("applications:deviation_detail", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: deviation_get(actor=actor, report_id=pk),
        saved=_response_initial,
        discard_url=request.path,
    )
    context = {"form": form, "report": report, "conflict": conflict}
    return render(request, "applications/deviation/respond.html", context)


def _response_initial(report: DeviationReport) -> dict[str, object]:
    return {
        "version": report.version,
        "status": report.status if report.status != "rapporterad" else "kvitterad",
        "response": report.response,
        "follow_up_application": report.follow_up_application_id,
    }
