"""Decision pages: record the decision (staff), the list and a decision (staff, styrgrupp,
the applicant), its minutes (download logged)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.applications.forms.decisions import DecisionForm
from samsyn.applications.selectors.decisions import (
    decision_get,
    decision_list,
    preparation_page,
)
from samsyn.applications.services.decisions import decision_record, minutes_open
from samsyn.core.web.forms import call_service
from samsyn.core.web.requests import actor as acting_user


@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    page = preparation_page(actor=actor, application_id=pk)
    if page.decision is not None:
        messages.info(
            request, _("Ansökan är redan beslutad. Ett beslut ändras genom en ny ansökan.")
        )
        return redirect("applications:decision_detail", pk=page.decision.pk)
    form = DecisionForm(request.POST or None, request.FILES or None, requested=page.requested)
    if request.method == "POST" and form.is_valid():
        created = []
        if call_service(
            form,
            lambda: created.append(
                decision_record(
                    actor=actor,
                    application=page.application,
                    fields=form.decision_fields(),
                    minutes=form.cleaned_data["minutes"],
                )
            ),
        ):
            messages.success(request, _("Beslutet är registrerat."))
            return redirect("applications:decision_detail", pk=created[0].pk)
    context = {"form": form, "page": page, "application": page.application}
    return render(request, "applications/decision/decision_form.html", context)


@require_GET
def decision_list_view(request: HttpRequest) -> HttpResponse:
    decisions = decision_list(actor=acting_user(request))
    return render(request, "applications/decision/list.html", {"decisions": decisions})


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_get(actor=acting_user(request), decision_id=pk)
    context = {"decision": decision, "application": decision.application}
    return render(request, "applications/decision/detail.html", context)


@require_GET
def decision_minutes(request: HttpRequest, pk: int) -> FileResponse:
    actor = acting_user(request)
    decision = decision_get(actor=actor, decision_id=pk)
    handle, content_type, filename = minutes_open(actor=actor, decision=decision)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
