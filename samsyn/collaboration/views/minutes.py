"""The minutes: saving the draft, approving it (then frozen), exporting PDF and DOCX."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samsyn.collaboration.documents.minutes import FORMATS, minutes_export
from samsyn.collaboration.forms.meetings import MinutesForm, VersionForm
from samsyn.collaboration.selectors.meetings import meeting_get, meeting_page
from samsyn.collaboration.services import minutes as services
from samsyn.collaboration.services._common import require_coordinator
from samsyn.collaboration.views.common import acting_user, add_service_errors, download, refuse
from samsyn.collaboration.views.meetings import meeting_detail_response
from samsyn.core.web.stale import STALE_CODE


@require_POST
def minutes_save(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    meeting = meeting_get(actor=actor, meeting_id=pk)
    require_coordinator(actor, meeting.team)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Protokollet kunde inte sparas. Det får vara högst 50 000 tecken.")
        )
        return redirect("collaboration:meeting_detail", pk=pk)
    try:
        services.minutes_save(
            actor=actor,
            meeting_id=pk,
            expected_version=form.cleaned_data["version"],
            text=form.cleaned_data["minutes"],
        )
    except ValidationError as error:
        if getattr(error, "code", None) == STALE_CODE:
            add_service_errors(form, error)
            return meeting_detail_response(request, pk, stale_minutes=form)
        refuse(request, error)
    else:
        messages.success(request, _("Protokollsutkastet är sparat."))
    return redirect("collaboration:meeting_detail", pk=pk)


@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    meeting = meeting_get(actor=actor, meeting_id=pk)
    require_coordinator(actor, meeting.team)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Sidan saknade protokollets version. Öppna mötet igen och justera.")
        )
        return redirect("collaboration:meeting_detail", pk=pk)
    try:
        services.minutes_approve(
            actor=actor, meeting_id=pk, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Protokollet är justerat. Mötet kan inte längre ändras."))
    return redirect("collaboration:meeting_detail", pk=pk)


@require_GET
def minutes_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    actor = acting_user(request)
    page = meeting_page(actor=actor, meeting_id=pk)
    content = minutes_export(actor=actor, page=page, fmt=fmt)
    meeting = page.meeting
    return download(content, fmt, f"protokoll-{meeting.team_id}-{meeting.date.isoformat()}")
