"""Pages that change a part of an application: a budget line, a year's planned
participants, a goal, a signature, an attachment (and its audited download)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.applications.forms.applications import (
    AttachmentForm,
    BudgetLineForm,
    GoalForm,
    SignatureForm,
    YearForm,
)
from samsyn.applications.models import Application, ApplicationBudgetLine
from samsyn.applications.selectors import applications as selectors
from samsyn.applications.services import application_parts as services
from samsyn.applications.services.attachments import attachment_open, attachment_upload
from samsyn.applications.views.common import posted_version, refused, saved
from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.http import found_or_404, not_found_unless
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import conflict_if_stale

TEMPLATE = "applications/application/part_form.html"


def _writable(request: HttpRequest, pk: int) -> Application:
    page = selectors.application_page(actor=actor(request), application_id=pk)
    not_found_unless(page.can_write)
    return page.application


def _back(pk: int, anchor: str) -> str:
    return reverse("applications:application_detail", args=[pk]) + anchor


def _part_page(
    request: HttpRequest,
    application: Application,
    form: Any,
    title: str,
    save: Callable[[], object],
    success: str,
    anchor: str,
    saved_values: Callable[[Application], dict[str, Any]] | None = None,
) -> HttpResponse:
    """The part's form page. A stale save shows the application as saved now (read again
    through the same scoped page) beside the typed values: ``saved_values`` gives the form's
    values for it (a new part has none: only the application's version)."""
    if request.method == "POST" and form.is_valid() and saved(request, form, save, success):
        return redirect(_back(application.pk, anchor))
    conflict = conflict_if_stale(
        form,
        reload=lambda: _writable(request, application.pk),
        saved=saved_values or (lambda now: {"version": now.version}),
        discard_url=request.path,
        forbund_of=lambda now: now.forbund_id,
    )
    context = {
        "form": form,
        "title": title,
        "application": application,
        "anchor": anchor,
        "conflict": conflict,
    }
    return render(request, TEMPLATE, context)


def _line_of(application: Application, line_pk: int) -> ApplicationBudgetLine | None:
    return next((x for x in application.budget_lines.all() if x.pk == line_pk), None)


@require_http_methods(["GET", "POST"])
def budget_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    parties = selectors.application_party_choices(application)
    initial = {"version": application.version}
    form = BudgetLineForm(request.POST or None, initial=initial, parties=parties)

    def save() -> object:
        return services.budget_line_save(
            actor=actor(request),
            application_id=pk,
            expected_version=form.cleaned_data["version"],
            fields=form.line_fields(),
        )

    title, done = _("Lägg till budgetrad"), _("Budgetraden är sparad.")
    return _part_page(request, application, form, title, save, done, "#budget")


@require_http_methods(["GET", "POST"])
def budget_line_edit(request: HttpRequest, pk: int, app_line_pk: int) -> HttpResponse:
    application = _writable(request, pk)
    line = found_or_404(_line_of(application, app_line_pk))
    parties = selectors.application_party_choices(application)
    initial = BudgetLineForm.initial_of(line, application.version)
    form = BudgetLineForm(request.POST or None, initial=initial, parties=parties)

    def save() -> object:
        return services.budget_line_save(
            actor=actor(request),
            application_id=pk,
            expected_version=form.cleaned_data["version"],
            fields=form.line_fields(),
            line_id=app_line_pk,
        )

    def saved_line(now: Application) -> dict[str, Any]:
        now_line = _line_of(now, app_line_pk)  # None: removed meanwhile, nothing saved
        return (
            BudgetLineForm.initial_of(now_line, now.version)
            if now_line
            else {"version": now.version}
        )

    title, done = _("Ändra budgetrad"), _("Budgetraden är sparad.")
    return _part_page(request, application, form, title, save, done, "#budget", saved_line)


def _ask(request: HttpRequest, pk: int, name: str, anchor: str) -> HttpResponse | None:
    """Ask before a delete, but only someone who may change the application (everyone else
    gets the service's answer, as before)."""
    page = selectors.application_page(actor=actor(request), application_id=pk)
    if not page.can_write:
        return None
    return ask_first(request, name=name, cancel_url=_back(pk, anchor), restorable=True)


def _button(request: HttpRequest, pk: int, write: Callable[[int], object], done: str) -> None:
    try:
        write(posted_version(request))
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, done)


@require_POST
def budget_line_delete(request: HttpRequest, pk: int, app_line_pk: int) -> HttpResponse:
    if (asked := _ask(request, pk, _("budgetraden"), "#budget")) is not None:
        return asked

    def write(version: int) -> object:
        return services.budget_line_delete(
            actor=actor(request), application_id=pk, expected_version=version, line_id=app_line_pk
        )

    _button(request, pk, write, _("Budgetraden är borttagen.") + " " + undo_hint())
    return redirect(_back(pk, "#budget"))


@require_http_methods(["GET", "POST"])
def year_set(request: HttpRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    form = YearForm(request.POST or None, initial={"version": application.version})

    def save() -> object:
        data = form.cleaned_data
        return services.year_set(
            actor=actor(request),
            application_id=pk,
            expected_version=data["version"],
            year=data["year"],
            participants=data["planned_participants"],
        )

    title, done = _("Planerat antal deltagare"), _("Antalet deltagare är sparat.")
    return _part_page(request, application, form, title, save, done, "#deltagare")


@require_http_methods(["GET", "POST"])
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    form = GoalForm(request.POST or None, initial={"version": application.version})

    def save() -> object:
        return services.goal_add(
            actor=actor(request),
            application_id=pk,
            expected_version=form.cleaned_data["version"],
            fields=form.goal_fields(),
        )

    title, done = _("Lägg till mål"), _("Målet är sparat.")
    return _part_page(request, application, form, title, save, done, "#mal")


@require_POST
def goal_delete(request: HttpRequest, pk: int, app_goal_pk: int) -> HttpResponse:
    if (asked := _ask(request, pk, _("målet"), "#mal")) is not None:
        return asked

    def write(version: int) -> object:
        return services.goal_delete(
            actor=actor(request), application_id=pk, expected_version=version, goal_id=app_goal_pk
        )

    _button(request, pk, write, _("Målet är borttaget.") + " " + undo_hint())
    return redirect(_back(pk, "#mal"))


@require_http_methods(["GET", "POST"])
def signature_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    parties = selectors.application_party_choices(application)
    initial = {"version": application.version}
    form = SignatureForm(request.POST or None, initial=initial, parties=parties)

    def save() -> object:
        return services.signature_save(
            actor=actor(request),
            application_id=pk,
            expected_version=form.cleaned_data["version"],
            fields=form.signature_fields(),
        )

    title, done = _("Registrera underskrift"), _("Underskriften är registrerad.")
    return _part_page(request, application, form, title, save, done, "#underskrifter")


@require_http_methods(["GET", "POST"])
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    application = _writable(request, pk)
    initial = {"version": application.version}
    form = AttachmentForm(request.POST or None, request.FILES or None, initial=initial)

    def save() -> object:
        return attachment_upload(
            actor=actor(request),
            application_id=pk,
            expected_version=form.cleaned_data["version"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )

    title, done = _("Ladda upp bilaga"), _("Bilagan är uppladdad.")
    return _part_page(request, application, form, title, save, done, "#bilagor")


@require_GET
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    handle, filename = attachment_open(
        actor=actor(request), application_id=pk, attachment_id=attachment_pk
    )
    response = FileResponse(handle, as_attachment=True, filename=filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
