"""Pages of the resource inventory (/resursinventering/<registration>/).

Thin views: a selector reads, a form types the input, a service writes. Outside scope is 404;
the referring handläggare may read but gets 403 with a Swedish explanation on every form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.assessments.forms.inventory import (
    AssessmentEditForm,
    AssessmentForm,
    HandoverForm,
    ObservationForm,
    RecommendationForm,
    StartForm,
    WeekForm,
)
from samsyn.assessments.selectors import inventory as selectors
from samsyn.assessments.services import inventory as services
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.http import found_or_404
from samsyn.core.web.requests import actor
from samsyn.core.web.stale import StaleConflict, conflict_if_stale
from samsyn.participants.models import Registration
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey

TEMPLATES = "assessments/"


def _page_url(pk: int) -> str:
    return reverse("assessments:inventory", args=[pk])


def _writable(request: HttpRequest, pk: int) -> Registration | HttpResponse:
    """The registration, or the 403 page for a reader who may not change it (404 otherwise).
    A GET shows the person's name and is logged; a POST is logged by the service."""
    user = actor(request)
    registration = selectors.inventory_registration(
        actor=user, registration_id=pk, audit=request.method == "GET"
    )
    if not can_write_journey(actor=user, registration=registration):
        context = {"message": str(READ_ONLY_MESSAGE), "status": 403}
        return render(request, "participants/followup/refused.html", context, status=403)
    return registration


def _form_page(
    request: HttpRequest,
    registration: Registration,
    form: Any,
    title: str,
    conflict: StaleConflict | None = None,
) -> HttpResponse:
    context = {"registration": registration, "form": form, "title": title, "conflict": conflict}
    return render(request, TEMPLATES + "form_page.html", context)


def _saved(request: HttpRequest, pk: int, read: Callable[[Registration], Any]) -> Any:
    """A stale save's record as saved now: read through the same scope as the form, and
    logged as a read of the person as opening the form (a GET) is."""
    registration = selectors.inventory_registration(
        actor=actor(request), registration_id=pk, audit=True
    )
    return read(registration)


def _save(request: HttpRequest, form: Any, save: Callable[[], object], success: str) -> bool:
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success)
    return True


@require_GET
def inventory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.inventory_page(actor=actor(request), registration_id=pk)
    context = {"page": page, "registration": page.registration, "inventory": page.inventory}
    return render(request, TEMPLATES + "inventory.html", context)


@require_http_methods(["GET", "POST"])
def inventory_start(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    if selectors.inventory_of(registration) is not None:
        return redirect(_page_url(pk))
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.inventory_start(
                actor=actor(request),
                registration_id=pk,
                started_on=form.cleaned_data["started_on"],
            )

        if _save(request, form, save, _("Resursinventeringen är påbörjad.")):
            return redirect(_page_url(pk))
    return _form_page(request, registration, form, _("Påbörja resursinventering"))


def _inventory_form(
    request: HttpRequest, pk: int, form_class: Any, title: str, success: str
) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    inventory = found_or_404(selectors.inventory_of(registration))
    form = form_class(request.POST or None, inventory=inventory)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.inventory_update(
                actor=actor(request),
                registration_id=pk,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.inventory_fields(),
            )

        if _save(request, form, save, success):
            return redirect(_page_url(pk))
    conflict = conflict_if_stale(
        form,
        reload=lambda: _saved(request, pk, selectors.inventory_of),
        saved=lambda saved: form_class(inventory=saved).initial,
        discard_url=request.path,
    )
    return _form_page(request, registration, form, title, conflict)


@require_http_methods(["GET", "POST"])
def observation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _inventory_form(
        request,
        pk,
        ObservationForm,
        _("Aktivitetsperiod"),
        _("Aktivitetsperioden är sparad."),
    )


@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _inventory_form(
        request,
        pk,
        RecommendationForm,
        _("Teamets rekommendation"),
        _("Rekommendationen är sparad."),
    )


@require_http_methods(["GET", "POST"])
def handover_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _inventory_form(
        request, pk, HandoverForm, _("Överlämning"), _("Överlämningen är sparad.")
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.assessment_create(
                actor=actor(request), registration_id=pk, fields=form.assessment_fields()
            )

        if _save(request, form, save, _("Bedömningen är tillagd.")):
            return redirect(_page_url(pk) + "#bedomningar")
    return _form_page(request, registration, form, _("Lägg till professionsbedömning"))


@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int, assessment_pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    assessment = selectors.assessment_of(registration, assessment_pk)
    if request.method == "POST":
        form = AssessmentEditForm(request.POST)
    else:
        form = AssessmentEditForm.for_assessment(assessment)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.assessment_update(
                actor=actor(request),
                registration_id=pk,
                assessment_id=assessment_pk,
                expected_version=form.cleaned_data["version"] or 0,
                fields=form.assessment_fields(),
            )

        if _save(request, form, save, _("Bedömningen är ändrad.")):
            return redirect(_page_url(pk) + "#bedomningar")
    conflict = conflict_if_stale(
        form,
        reload=lambda: _saved(
            request, pk, lambda registration: selectors.assessment_of(registration, assessment_pk)
        ),
        saved=lambda saved: AssessmentEditForm.for_assessment(saved).initial,
        discard_url=request.path,
    )
    title = _("Ändra professionsbedömning")
    return _form_page(request, registration, form, title, conflict)


@require_http_methods(["GET", "POST"])
def week_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    if isinstance(registration, HttpResponse):
        return registration
    form = WeekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def save() -> object:
            return services.week_record(
                actor=actor(request), registration_id=pk, fields=form.week_fields()
            )

        if _save(request, form, save, _("Veckan är sparad.")):
            return redirect(_page_url(pk) + "#narvaro")
    return _form_page(request, registration, form, _("Registrera aktivitetsvecka"))
