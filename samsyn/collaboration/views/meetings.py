"""Pages of teams and their meetings: the teams with their cadence, one team's meetings,
planning one meeting or a series, the meeting view (attendance, decisions, actions,
minutes) and changing a meeting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.audit.selectors.changes import last_change_of
from samsyn.collaboration.forms.meetings import (
    ActionForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    SeriesForm,
)
from samsyn.collaboration.models import Meeting
from samsyn.collaboration.selectors import meetings as selectors
from samsyn.collaboration.services import meetings as services
from samsyn.collaboration.services._common import require_coordinator
from samsyn.collaboration.views.common import acting_user, add_service_errors, refuse
from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.stale import conflict_if_stale, stale_conflict

TEMPLATES = "collaboration/meeting/"


@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.team_rows(actor=acting_user(request))
    return render(request, TEMPLATES + "team_list.html", {"rows": rows})


@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.team_page(actor=acting_user(request), team_id=pk)
    return render(request, TEMPLATES + "team_detail.html", {"page": page, "team": page.team})


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    require_coordinator(actor, team)
    form = MeetingForm(request.POST or None, initial={"status": "planerat", "kind": "ordinarie"})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(
                actor=actor,
                team=team,
                fields=form.meeting_fields(),
                confirm_date=form.cleaned_data["confirm_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Mötet är planerat."))
            return redirect("collaboration:meeting_detail", pk=meeting.pk)
    context = {"form": form, "team": team, "meeting": None}
    return render(request, TEMPLATES + "meeting_form.html", context)


@require_http_methods(["GET", "POST"])
def meeting_series_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    require_coordinator(actor, team)
    form = SeriesForm(request.POST or None, initial={"every_weeks": team.meeting_interval_weeks})
    if request.method == "POST" and form.is_valid():
        try:
            meetings = services.meeting_series_plan(
                actor=actor,
                team=team,
                series=form.series_fields(),
                confirm_date=form.cleaned_data["confirm_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(meetings)
            messages.success(
                request,
                ngettext("%(n)s möte är planerat.", "%(n)s möten är planerade.", count)
                % {"n": count},
            )
            return redirect("collaboration:team_detail", pk=team.pk)
    return render(request, TEMPLATES + "series_form.html", {"form": form, "team": team})


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return meeting_detail_response(request, pk)


def minutes_initial(meeting: Meeting) -> dict[str, object]:
    return {"minutes": meeting.minutes, "version": meeting.version}


def meeting_detail_response(
    request: HttpRequest, pk: int, *, stale_minutes: MinutesForm | None = None
) -> HttpResponse:
    """The meeting page. With ``stale_minutes`` (a minutes save refused as stale) the
    minutes form keeps the typed text beside the saved minutes, read by the same selector."""
    page = selectors.meeting_page(actor=acting_user(request), meeting_id=pk)
    meeting = page.meeting
    conflict = None
    if stale_minutes is not None:
        change = last_change_of(meeting, forbund_id=meeting.team.forbund_id)
        conflict = stale_conflict(
            stale_minutes,
            saved=minutes_initial(meeting),
            saved_by=change.by if change else "",
            saved_at=change.at if change else None,
            discard_url=reverse("collaboration:meeting_detail", args=[pk]) + "#minutes-heading",
        )
    context = {
        "page": page,
        "meeting": meeting,
        "team": meeting.team,
        "decision_form": DecisionForm(),
        "action_form": ActionForm(team_id=meeting.team_id),
        "minutes_form": stale_minutes or MinutesForm(initial=minutes_initial(meeting)),
        "minutes_conflict": conflict,
    }
    return render(request, TEMPLATES + "meeting_detail.html", context)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    meeting = selectors.meeting_get(actor=actor, meeting_id=pk)
    require_coordinator(actor, meeting.team)
    form = MeetingForm(request.POST or None, initial=meeting_initial(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=actor,
                meeting_id=meeting.pk,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.meeting_fields(),
                confirm_date=form.cleaned_data["confirm_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("collaboration:meeting_detail", pk=meeting.pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.meeting_get(actor=actor, meeting_id=pk),
        saved=meeting_initial,
        discard_url=request.path,
        forbund_of=lambda now: now.team.forbund_id,
    )
    context = {"form": form, "team": meeting.team, "meeting": meeting, "conflict": conflict}
    return render(request, TEMPLATES + "meeting_form.html", context)


def meeting_initial(meeting: Meeting) -> dict[str, object]:
    names = ("date", "start_time", "kind", "status", "place", "link", "agenda", "version")
    return {name: getattr(meeting, name) for name in names}


@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    meeting = selectors.meeting_get(actor=actor, meeting_id=pk)
    require_coordinator(actor, meeting.team)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv vad mötet beslutade."))
    else:
        try:
            services.decision_add(actor=actor, meeting_id=pk, text=form.cleaned_data["text"])
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(request, _("Beslutet är sparat."))
    return redirect("collaboration:meeting_detail", pk=pk)


@require_POST
def decision_remove(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    actor = acting_user(request)
    selectors.meeting_get(actor=actor, meeting_id=pk)
    cancel = reverse("collaboration:meeting_detail", args=[pk])
    asked = ask_first(request, name=_("beslutet"), cancel_url=cancel, restorable=True)
    if asked is not None:
        return asked
    try:
        services.decision_remove(actor=actor, meeting_id=pk, decision_id=decision_pk)
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Beslutet är borttaget.") + " " + undo_hint())
    return redirect("collaboration:meeting_detail", pk=pk)
