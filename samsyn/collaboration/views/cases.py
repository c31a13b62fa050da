"""Pages of the cases a team discusses (/samverkan/…/arenden/). Thin: a selector reads (and
logs what it shows), a form types the input, a service writes. Outside the team: 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.audit.selectors.changes import last_change_of
from samsyn.collaboration.forms.cases import CaseAddForm, CaseNotesForm
from samsyn.collaboration.selectors import cases as selectors
from samsyn.collaboration.services import cases as services
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import form_is_stale, stale_conflict
from samsyn.participants.selectors.intake import referral_interventions_for

TEMPLATES = "collaboration/case/"


@require_GET
def case_teams(request: HttpRequest) -> HttpResponse:
    teams = selectors.case_teams_page(actor=actor(request))
    return render(request, TEMPLATES + "teams.html", {"teams": teams})


@require_GET
def case_list(request: HttpRequest, team_pk: int) -> HttpResponse:
    user = actor(request)
    team = selectors.case_team_get(actor=user, team_id=team_pk)
    rows = selectors.case_list(actor=user, team=team)
    return render(request, TEMPLATES + "list.html", {"team": team, "rows": rows})


@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    case = selectors.case_get(actor=user, case_id=pk)
    page = selectors.case_page(actor=user, case=case)
    interventions = [] if case.referral_id else list(referral_interventions_for(actor=user))
    context = {"page": page, "case": case, "interventions": interventions}
    return render(request, TEMPLATES + "detail.html", context)


@require_GET
def meeting_cases(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.case_meeting_get(actor=user, meeting_id=meeting_pk)
    items = selectors.meeting_cases(actor=user, meeting=meeting)
    return render(request, TEMPLATES + "meeting.html", {"meeting": meeting, "items": items})


@require_http_methods(["GET", "POST"])
def case_add(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    user = actor(request)
    meeting = selectors.case_meeting_get(actor=user, meeting_id=meeting_pk)
    posted = request.method == "POST"
    form = CaseAddForm(
        request.POST if posted else None,
        cases=selectors.open_cases_of(team=meeting.team),
        persons=selectors.person_choices(actor=user, team=meeting.team, audit=not posted),
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            discussion = services.case_add_to_meeting(
                actor=user,
                meeting=meeting,
                case=data["case"],
                person=data["person"],
                summary=data["summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Ärendet %(code)s är på dagordningen.") % {"code": discussion.case.code}
            )
            return redirect("collaboration:discussion_notes", pk=discussion.pk)
    context = {"meeting": meeting, "form": form}
    return render(request, TEMPLATES + "add.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def discussion_notes(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    discussion = selectors.discussion_get(actor=user, discussion_id=pk)
    shown = selectors.discussion_shown(actor=user, discussion=discussion)
    posted = request.method == "POST" and not shown.frozen
    initial = {"notes": discussion.notes, "version": discussion.version}
    form = CaseNotesForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        try:
            services.case_notes_update(
                actor=user,
                discussion=discussion,
                notes=form.cleaned_data["notes"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Anteckningarna är sparade."))
            return redirect("collaboration:meeting_cases", meeting_pk=discussion.meeting_id)
    conflict = None
    if posted and form_is_stale(form):
        # The notes as saved now, decrypted by the same scoped selector. This request's read
        # of the notes is already logged (discussion_shown above), as on a GET.
        saved = selectors.discussion_get(actor=user, discussion_id=pk)
        change = last_change_of(saved, forbund_id=saved.case.team.forbund_id)
        conflict = stale_conflict(
            form,
            saved={"notes": saved.notes, "version": saved.version},
            saved_by=change.by if change else "",
            saved_at=change.at if change else None,
            discard_url=request.path,
        )
    refused = request.method == "POST" and shown.frozen
    context = {
        "item": shown,
        "discussion": discussion,
        "form": form,
        "refused": refused,
        "conflict": conflict,
    }
    status = 400 if refused or (posted and form.errors) else 200
    return render(request, TEMPLATES + "notes.html", context, status=status)
