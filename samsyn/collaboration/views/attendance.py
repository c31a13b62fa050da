"""Taking attendance at a meeting, the summary per party and period, and the absence report
to a party's manager (a page to copy and send, PDF, DOCX)."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.collaboration.documents.minutes import absence_export
from samsyn.collaboration.forms.attendance import AttendanceForm
from samsyn.collaboration.forms.meetings import PeriodForm
from samsyn.collaboration.selectors import attendance as selectors
from samsyn.collaboration.selectors.meetings import meeting_page, team_get
from samsyn.collaboration.services._common import require_coordinator
from samsyn.collaboration.services.attendance import attendance_record
from samsyn.collaboration.views.common import acting_user, add_service_errors, download
from samsyn.core.web.stale import conflict_with, form_is_stale

TEMPLATES = "collaboration/meeting/"


@require_http_methods(["GET", "POST"])
def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    page = meeting_page(actor=actor, meeting_id=pk)
    require_coordinator(actor, page.meeting.team)
    form = AttendanceForm(request.POST or None, page=page)
    if request.method == "POST" and form.is_valid():
        try:
            attendance_record(
                actor=actor,
                meeting_id=pk,
                expected_version=form.cleaned_data["version"],
                rows=form.rows(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Närvaron är sparad."))
            return redirect("collaboration:meeting_detail", pk=pk)
    conflict = None
    if form_is_stale(form):
        # The attendance as saved now, read by the same page selector.
        now = meeting_page(actor=actor, meeting_id=pk)
        conflict = conflict_with(
            form,
            now.meeting,
            saved=AttendanceForm(page=now).saved_values(),
            discard_url=request.path,
            forbund_id=now.meeting.team.forbund_id,
        )
    context = {
        "form": form,
        "page": page,
        "meeting": page.meeting,
        "team": page.meeting.team,
        "conflict": conflict,
    }
    return render(request, TEMPLATES + "attendance_form.html", context)


def _period(request: HttpRequest) -> tuple[PeriodForm, selectors.Period]:
    default = selectors.Period.last_year()
    form = PeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        start = form.cleaned_data["fran"] or default.start
        end = form.cleaned_data["till"] or default.end
        if start <= end and (end - start) <= datetime.timedelta(days=3660):
            return form, selectors.Period(start, end)
        form.add_error(
            "till",
            forms.ValidationError(
                _("Perioden ska sluta efter att den börjar och vara högst tio år.")
            ),
        )
    return form, default


@require_GET
def attendance_summary(request: HttpRequest, pk: int) -> HttpResponse:
    team = team_get(actor=acting_user(request), team_id=pk)
    form, period = _period(request)
    context = {
        "team": team,
        "form": form,
        "period": period,
        "rows": selectors.party_absences(team=team, period=period),
        "held": selectors.held_meeting_count(team=team, period=period),
    }
    return render(request, TEMPLATES + "attendance_summary.html", context)


@require_GET
def absence_report(request: HttpRequest, pk: int, party_pk: int) -> HttpResponse:
    _form, period = _period(request)
    report = selectors.absence_report(
        actor=acting_user(request), team_id=pk, party_id=party_pk, period=period
    )
    query = request.GET.urlencode()
    return render(request, TEMPLATES + "absence_report.html", {"report": report, "query": query})


@require_GET
def absence_document(request: HttpRequest, pk: int, party_pk: int, fmt: str) -> HttpResponse:
    actor = acting_user(request)
    _form, period = _period(request)
    report = selectors.absence_report(actor=actor, team_id=pk, party_id=party_pk, period=period)
    content = absence_export(actor=actor, report=report, fmt=fmt)
    return download(content, fmt, f"franvaro-{report.party.pk}-{period.start}-{period.end}")
