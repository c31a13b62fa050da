"""Actions: recording one at a meeting, changing its status, and the list of open and
overdue actions per team and per party."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samsyn.collaboration.forms.meetings import ActionForm, ActionStatusForm
from samsyn.collaboration.selectors import actions as selectors
from samsyn.collaboration.selectors.meetings import meeting_get
from samsyn.collaboration.services import actions as services
from samsyn.collaboration.services._common import require_coordinator
from samsyn.collaboration.views.common import acting_user, add_service_errors, query_id, refuse
from samsyn.core.web.stale import STALE_CODE, conflict_with

TEMPLATES = "collaboration/meeting/"


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    team_id, party_id = query_id(request, "team"), query_id(request, "part")
    overdue_only = request.GET.get("forsenade") == "1"
    listing = selectors.action_list(
        actor=actor, team_id=team_id, party_id=party_id, overdue_only=overdue_only
    )
    context = {
        "listing": listing,
        "team_id": team_id,
        "party_id": party_id,
        "overdue_only": overdue_only,
    }
    return render(request, TEMPLATES + "action_list.html", context)


def _field_label(form: ActionForm, name: str) -> str:
    return f"{form.fields[name].label}: " if name in form.fields else ""


@require_POST
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    meeting = meeting_get(actor=actor, meeting_id=pk)
    require_coordinator(actor, meeting.team)
    form = ActionForm(request.POST, team_id=meeting.team_id)
    if not form.is_valid():
        # Say which field and why: the page is shown again after the redirect.
        problems = " ".join(
            _field_label(form, name) + " ".join(str(error) for error in errors)
            for name, errors in form.errors.items()
        )
        messages.error(
            request,
            _("Åtgärden kunde inte sparas. %(problems)s") % {"problems": problems},
        )
        return redirect("collaboration:meeting_detail", pk=pk)
    try:
        services.action_create(actor=actor, meeting_id=pk, fields=form.action_fields())
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Åtgärden är sparad."))
    return redirect("collaboration:meeting_detail", pk=pk)


@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an action's status from a list (the meeting's, the team's, the party's) and go
    back to it. A stale change shows its own page: the saved status beside the chosen one."""
    actor = acting_user(request)
    action = selectors.action_get(actor=actor, action_id=pk)
    back = request.POST.get("next", "")
    if not (back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})):
        back = reverse("collaboration:meeting_detail", args=[action.meeting_id])
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj öppen, klar eller struken."))
        return redirect(back)
    try:
        services.action_set_status(
            actor=actor,
            action_id=pk,
            expected_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            done_on=form.cleaned_data["done_on"],
        )
    except ValidationError as error:
        if getattr(error, "code", None) != STALE_CODE:
            refuse(request, error)
            return redirect(back)
        add_service_errors(form, error)
        return _stale_status_page(request, form, pk, back)
    messages.success(request, _("Åtgärdens status är ändrad."))
    return redirect(back)


def _stale_status_page(
    request: HttpRequest, form: ActionStatusForm, pk: int, back: str
) -> HttpResponse:
    """The action as saved now (read by the same scoped selector) beside the user's choice;
    "Spara min version" posts the choice again with the saved version."""
    now = selectors.action_get(actor=acting_user(request), action_id=pk)
    saved = {"status": now.status, "done_on": now.done_on, "version": now.version}
    conflict = conflict_with(
        form, now, saved=saved, discard_url=back, forbund_id=now.meeting.team.forbund_id
    )
    context = {"form": form, "conflict": conflict, "action": now, "back_url": back}
    return render(request, TEMPLATES + "action_status_form.html", context)
