"""The page where a second person approves or refuses a requested role (issue #11, item 1).

Reached by the förbund's administrators and by the approvers a förbund names; anyone else gets
a 404, and so does a request of another förbund.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samsyn.core.forms.manage import GrantRefusalForm
from samsyn.core.selectors import role_grants as selectors
from samsyn.core.services import role_grants as services
from samsyn.core.views.manage.common import acting_user, refuse


@require_GET
def grant_request_list(request: HttpRequest) -> HttpResponse:
    overview = selectors.grant_overview(actor=acting_user(request))
    context = {"overview": overview, "refusal_form": GrantRefusalForm()}
    return render(request, "core/manage/role_grant_list.html", context)


@require_POST
def grant_request_approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    selectors.grant_request_for_decision(actor=actor, request_id=pk)
    try:
        services.grant_request_approve(actor=actor, request_id=pk)
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Rollen är godkänd och gäller nu."))
    return redirect("manage:grant_request_list")


@require_POST
def grant_request_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    selectors.grant_request_for_decision(actor=actor, request_id=pk)
    form = GrantRefusalForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv varför begäran avslås."))
        return redirect("manage:grant_request_list")
    try:
        services.grant_request_refuse(
            actor=actor, request_id=pk, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Begäran är avslagen."))
    return redirect("manage:grant_request_list")
