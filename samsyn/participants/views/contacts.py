"""The contact log of a participant, the yearly question in LSS daily activity, and the due
list of daily activity (yearly question, aktivitetsersättning ending at 30)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.audit.models import AuditAction
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor
from samsyn.participants.forms.contacts import ContactForm, WorkWishForm
from samsyn.participants.models import Registration
from samsyn.participants.selectors import caseload as caseload_selectors
from samsyn.participants.selectors import lss as lss_selectors
from samsyn.participants.selectors.contacts import contacts_of
from samsyn.participants.selectors.intake import party_choices
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.contacts import participant_contact_create
from samsyn.participants.services.journey_access import audit_journey, ensure_journey_writer
from samsyn.participants.services.lss import work_wish_record
from samsyn.participants.views.intake import done, show_errors
from samsyn.participants.views.journey import journey_view

TEMPLATES = "participants/lss/"


def _writable(request: HttpRequest, pk: int) -> Registration:
    user = actor(request)
    registration = registration_get(actor=user, registration_id=pk, audit=False)
    ensure_journey_writer(actor=user, registration=registration)
    if request.method == "GET":
        audit_journey(
            actor=user, registration=registration, action=AuditAction.VIEW, obj=registration
        )
    return registration


@require_http_methods(["GET", "POST"])
def _contact_log(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        parties=party_choices(intervention=registration.intervention),
    )
    if request.method == "POST" and form.is_valid():
        try:
            participant_contact_create(
                actor=actor(request), registration=registration, entry=form.entry()
            )
        except ValidationError as error:
            show_errors([form], error, {"recipient": "party"})
        else:
            url = reverse("participants:contact_log", args=[registration.pk])
            return done(request, url, _("Kontakten är loggad."))
    context = {
        "registration": registration,
        "form": form,
        "contacts": contacts_of(registration=registration),
    }
    return render(request, TEMPLATES + "contact_log.html", context)


@require_http_methods(["GET", "POST"])
def _work_wish(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = WorkWishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            work_wish_record(
                actor=actor(request),
                registration=registration,
                asked_on=data["asked_on"],
                answer=data["answer"],
                follow_up=data["follow_up"],
                follow_up_on=data["follow_up_on"],
            )
        except ValidationError as error:
            show_errors([form], error, {})
        else:
            url = reverse("participants:work_wish", args=[registration.pk])
            return done(request, url, _("Svaret är sparat."))
    context = {
        "registration": registration,
        "form": form,
        "checks": lss_selectors.work_wish_checks_of(registration=registration),
    }
    return render(request, TEMPLATES + "work_wish.html", context)


contact_log = journey_view(_contact_log)
work_wish = journey_view(_work_wish)


@require_GET
def daily_activity_due(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    not_found_unless(caseload_selectors.may_see_due_lists(actor=user))
    today = timezone.localdate()
    questions = lss_selectors.work_wish_due_list(actor=user, today=today)
    ending = [
        (registration, lss_selectors.activity_compensation_end(registration.person.birth_year))
        for registration in lss_selectors.activity_compensation_ending_list(actor=user, today=today)
        if registration.person.birth_year is not None
    ]
    context = {
        "questions": questions,
        "ending": ending,
        "months": lss_selectors.ACTIVITY_COMPENSATION_WARNING_MONTHS,
    }
    caseload_selectors.list_view_audit(
        actor=user,
        detail="Daglig verksamhet att göra",
        shown=[*questions, *(registration for registration, _end in ending)],
        roles=caseload_selectors.STAFF_ROLES,
    )
    return render(request, TEMPLATES + "due.html", context)
