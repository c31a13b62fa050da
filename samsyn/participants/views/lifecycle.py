"""The förbundsadministratör's pages for the life cycle of personal data: the register
extract (GDPR Art. 15) and erasure requests approved by a second administrator (Art. 17).
Everyone else gets a 404 (docs/data-lifecycle.md)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.requests import actor as acting_user
from samsyn.participants.forms.lifecycle import ErasureRequestForm, RegisterExtractForm
from samsyn.participants.selectors.register_extract import administered_forbund_choices
from samsyn.participants.services import erasure
from samsyn.participants.services.register_extract import ExtractFormat, register_extract_produce

DECISIONS = ("godkann", "avsla")


@require_http_methods(["GET", "POST"])
def register_extract(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = administered_forbund_choices(actor=actor)
    form = RegisterExtractForm(request.POST or None, forbunds=forbunds)
    if request.method == "POST" and form.is_valid():
        delivered = register_extract_produce(
            actor=actor,
            personnummer=form.cleaned_data["personnummer"],
            output=ExtractFormat(form.cleaned_data["output"]),
            forbund_id=form.cleaned_data["forbund"],
        )
        response = HttpResponse(delivered.content, content_type=delivered.content_type)
        response["Content-Disposition"] = f'attachment; filename="{delivered.filename}"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "participants/lifecycle/register_extract.html", {"form": form})


@require_http_methods(["GET", "POST"])
def erasure_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = administered_forbund_choices(actor=actor)
    form = ErasureRequestForm(request.POST or None, forbunds=forbunds)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erasure_request_create(
                actor=actor,
                personnummer=form.cleaned_data["personnummer"],
                reason=form.cleaned_data["reason"],
                forbund_id=form.cleaned_data["forbund"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Begäran om radering är registrerad. En annan förbundsadministratör beslutar."),
            )
            return redirect("lifecycle:erasure_list")
    context = {
        "form": form,
        "requests": list(erasure.erasure_request_list(actor=actor)),
        "actor": actor,
    }
    return render(request, "participants/lifecycle/erasure_list.html", context)


@require_POST
def erasure_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    actor = acting_user(request)
    if decision not in DECISIONS:
        raise Http404
    found = erasure.erasure_request_get(actor=actor, request_id=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        erasure.erasure_request_decide(
            actor=actor, request=found, approve=decision == "godkann", expected_version=version
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "godkann":
            messages.success(request, _("Raderingen är godkänd och genomförd."))
        else:
            messages.success(request, _("Begäran om radering är avslagen."))
    return redirect("lifecycle:erasure_list")
