"""Pages of calls (/ansokningar/utlysningar/): the förbund's staff create, edit, publish and
close them; applicants read the published ones of their förbund."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.applications.forms.calls import CallForm
from samsyn.applications.selectors import calls as selectors
from samsyn.applications.selectors.access import is_staff_of
from samsyn.applications.selectors.applications import is_applicant, is_staff
from samsyn.applications.services import calls as services
from samsyn.applications.services.calls import call_is_open
from samsyn.applications.views.common import posted_version, refused, saved
from samsyn.core.web.http import found_or_404, not_found_unless
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import conflict_if_stale

TEMPLATES = "applications/calls/"


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    calls = list(selectors.call_list(actor=user))
    for call in calls:
        call.is_open = call_is_open(call)  # type: ignore[attr-defined]
    staff = is_staff(user)
    not_found_unless(staff or is_applicant(user))
    return render(request, TEMPLATES + "list.html", {"calls": calls, "staff": staff})


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    call = selectors.call_get(actor=user, call_id=pk)
    context = {
        "call": call,
        "is_open": call_is_open(call),
        "staff": is_staff_of(user, call.forbund_id),
    }
    return render(request, TEMPLATES + "detail.html", context)


@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    forbund = found_or_404(selectors.staff_forbund(actor=actor(request)))
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created: list[object] = []

        def save() -> object:
            call = services.call_create(
                actor=actor(request), forbund=forbund, fields=form.call_fields()
            )
            created.append(call)
            return call

        if saved(request, form, save, _("Utlysningen är sparad som utkast.")):
            return redirect("applications:call_detail", pk=created[0].pk)  # type: ignore[attr-defined]
    context = {"form": form, "title": _("Ny utlysning")}
    return render(request, TEMPLATES + "form.html", context)


@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    call = selectors.call_get(actor=user, call_id=pk)
    not_found_unless(is_staff_of(user, call.forbund_id))
    form = CallForm(request.POST) if request.method == "POST" else CallForm.for_call(call)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.call_update(
                actor=user,
                call_id=pk,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.call_fields(),
            )

        if saved(request, form, save, _("Utlysningen är sparad.")):
            return redirect("applications:call_detail", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.call_get(actor=user, call_id=pk),
        saved=lambda now: CallForm.for_call(now).initial,
        discard_url=request.path,
        forbund_of=lambda now: now.forbund_id,
    )
    context = {"form": form, "title": _("Ändra utlysning"), "call": call, "conflict": conflict}
    return render(request, TEMPLATES + "form.html", context)


def _call_action(request: HttpRequest, pk: int, publish: bool) -> HttpResponse:
    action = services.call_publish if publish else services.call_close
    try:
        action(actor=actor(request), call_id=pk, expected_version=posted_version(request))
    except ValidationError as error:
        refused(request, error)
    else:
        done = _("Utlysningen är publicerad.") if publish else _("Utlysningen är stängd.")
        messages.success(request, done)
    return redirect("applications:call_detail", pk=pk)


@require_POST
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _call_action(request, pk, publish=True)


@require_POST
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _call_action(request, pk, publish=False)
