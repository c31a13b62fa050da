"""Teams of the administrator's förbund and their members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.forms.manage import TeamEditForm, TeamForm, TeamMemberForm
from samsyn.core.selectors import manage as selectors
from samsyn.core.services import organisation
from samsyn.core.views.manage.common import acting_user, add_service_errors
from samsyn.core.web.confirm import ask_first


def _team_values(form: TeamForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "name": data["name"],
        "description": data["description"],
        "meeting_interval_weeks": data["meeting_interval_weeks"],
    }


@require_GET
def team_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = selectors.administered_forbund_list(actor=actor)
    context = {"teams": selectors.team_list(actor=actor), "forbunds": forbunds}
    return render(request, "core/manage/team_list.html", context)


@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    form = TeamForm(request.POST or None, forbunds=selectors.administered_forbund_list(actor=actor))
    if request.method == "POST" and form.is_valid():
        try:
            team = organisation.team_create(
                actor=actor, forbund=form.chosen_forbund(), **_team_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Teamet %(name)s är skapat.") % {"name": team.name})
            return redirect("manage:team_detail", pk=team.pk)
    return render(request, "core/manage/team_form.html", {"form": form, "team": None})


@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    members = selectors.team_member_list(actor=actor, team=team)
    return render(request, "core/manage/team_detail.html", {"team": team, "members": members})


@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    initial = {
        "kind": team.kind,
        "name": team.name,
        "description": team.description,
        "meeting_interval_weeks": team.meeting_interval_weeks,
        "is_active": team.is_active,
        "version": team.version,
    }
    form = TeamEditForm(request.POST or None, initial=initial, forbunds=[team.forbund])
    if request.method == "POST" and form.is_valid():
        try:
            organisation.team_update(
                actor=actor,
                team=team,
                expected_version=form.cleaned_data["version"],
                is_active=form.cleaned_data["is_active"],
                **_team_values(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("manage:team_detail", pk=team.pk)
    return render(request, "core/manage/team_form.html", {"form": form, "team": team})


@require_http_methods(["GET", "POST"])
def team_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    form = TeamMemberForm(
        request.POST or None,
        users=selectors.team_member_user_choices(actor=actor, team=team),
        parties=selectors.active_party_choices(actor=actor, forbund_id=team.forbund_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation.team_member_add(
                actor=actor,
                team=team,
                party=data["party"],
                function=data["function"],
                user=data["user"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Medlemmen är tillagd."))
            return redirect("manage:team_detail", pk=team.pk)
    return render(request, "core/manage/team_member_form.html", {"form": form, "team": team})


@require_POST
def team_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    member = selectors.team_member_get(actor=actor, team=team, member_id=member_pk)
    name = _("%(name)s ur teamet") % {"name": member.display_name}
    cancel = reverse("manage:team_detail", args=[team.pk])
    if (asked := ask_first(request, name=name, cancel_url=cancel)) is not None:
        return asked
    organisation.team_member_remove(actor=actor, member=member)
    messages.success(request, _("Medlemmen är borttagen ur teamet."))
    return redirect("manage:team_detail", pk=team.pk)


@require_POST
def team_member_coordinator(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Set or clear the seat's coordinator flag (``samordnare=1`` sets it)."""
    actor = acting_user(request)
    team = selectors.team_get(actor=actor, team_id=pk)
    member = selectors.team_member_get(actor=actor, team=team, member_id=member_pk)
    make = request.POST.get("samordnare") == "1"
    try:
        organisation.team_member_set_coordinator(actor=actor, member=member, is_coordinator=make)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if make:
            messages.success(
                request, _("%(name)s är samordnare för teamet.") % {"name": member.display_name}
            )
        else:
            messages.success(
                request, _("%(name)s är inte längre samordnare.") % {"name": member.display_name}
            )
    return redirect("manage:team_detail", pk=team.pk)
