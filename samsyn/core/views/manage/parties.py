"""Parties (parter) of the administrator's förbund: list, create, edit, (de)activate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.forms.manage import PartyEditForm, PartyForm
from samsyn.core.selectors import manage as selectors
from samsyn.core.services import organisation
from samsyn.core.views.manage.common import acting_user, add_service_errors, posted_version, refuse


def _party_values(form: PartyForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "name": data["name"],
        "organisationsnummer": data["organisationsnummer"],
        "municipality_code": data["municipality_code"],
    }


@require_GET
def party_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = selectors.administered_forbund_list(actor=actor)
    context = {"parties": selectors.party_list(actor=actor), "forbunds": forbunds}
    return render(request, "core/manage/party_list.html", context)


@require_http_methods(["GET", "POST"])
def party_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    form = PartyForm(
        request.POST or None, forbunds=selectors.administered_forbund_list(actor=actor)
    )
    if request.method == "POST" and form.is_valid():
        try:
            party = organisation.party_create(
                actor=actor, forbund=form.chosen_forbund(), **_party_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Parten %(name)s är skapad.") % {"name": party.name})
            return redirect("manage:party_list")
    return render(request, "core/manage/party_form.html", {"form": form, "party": None})


@require_http_methods(["GET", "POST"])
def party_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    party = selectors.party_get(actor=actor, party_id=pk)
    initial = {
        "kind": party.kind,
        "name": party.name,
        "organisationsnummer": party.organisationsnummer,
        "municipality_code": party.municipality_code,
        "version": party.version,
    }
    form = PartyEditForm(request.POST or None, initial=initial, forbunds=[party.forbund])
    if request.method == "POST" and form.is_valid():
        try:
            organisation.party_update(
                actor=actor,
                party=party,
                expected_version=form.cleaned_data["version"],
                **_party_values(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect("manage:party_list")
    return render(request, "core/manage/party_form.html", {"form": form, "party": party})


def _set_active(request: HttpRequest, pk: int, *, active: bool) -> HttpResponse:
    actor = acting_user(request)
    party = selectors.party_get(actor=actor, party_id=pk)
    try:
        organisation.party_set_active(
            actor=actor, party=party, active=active, expected_version=posted_version(request)
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        message = _("Parten är aktiv igen.") if active else _("Parten är inaktiverad.")
        messages.success(request, message)
    return redirect("manage:party_edit", pk=party.pk)


@require_POST
def party_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@require_POST
def party_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)
