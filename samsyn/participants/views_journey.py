"""The participant page and the journey forms that open in place on it (htmx).

Each form view answers a GET with header ``HX-Request`` with just the form fragment, and a
plain GET with a full page, so everything works without JavaScript. A successful POST
redirects to the participant page (for htmx: 204 with ``HX-Redirect``); a POST with errors
re-renders the form. Reads go through selectors, writes through the services, which check
permission again. A read-only viewer (the referring handläggare) gets 403 with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.audit.models import AuditAction
from samsyn.core.manage.common import add_service_errors
from samsyn.core.models import User
from samsyn.participants import journey_forms as jf
from samsyn.participants.journey_page import action_plan_of, participant_page_get, sub_goal_get
from samsyn.participants.models import Registration
from samsyn.participants.selectors import registration_get
from samsyn.participants.services import activities, notes, phases, plan, progression
from samsyn.participants.services.journey_access import (
    READ_ONLY_MESSAGE,
    audit_journey,
    can_write_journey,
)

View = Callable[..., HttpResponse]


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _actor(request: HttpRequest) -> User:
    return cast(User, request.user)


def journey_view(view: View) -> View:
    """Answer a refused write with 403 and the reason in Swedish, not a bare error page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            message = str(denied) or str(READ_ONLY_MESSAGE)
            return render(
                request,
                "participants/journey/forbidden.html",
                {"message": message, "registration_id": kwargs.get("pk")},
                status=403,
            )

    return wrapper


def _writable(request: HttpRequest, pk: int) -> Registration:
    """The registration the actor may change: 404 outside scope, 403 when read-only.

    Opening a form shows the person, so a GET is logged as a view; a POST is logged by the
    service as the change it makes.
    """
    actor = _actor(request)
    registration = registration_get(actor=actor, registration_id=pk, audit=False)
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    if request.method == "GET":
        audit_journey(
            actor=actor, registration=registration, action=AuditAction.VIEW, obj=registration
        )
    return registration


def _page_url(registration: Registration) -> str:
    return reverse("participants:registration_detail", args=[registration.pk]) + "#tidslinje"


def _done(request: HttpRequest, registration: Registration, message: str) -> HttpResponse:
    messages.success(request, message)
    if is_htmx(request):
        # No "#tidslinje" here: the browser is already on the page, and a URL differing only
        # by its fragment would scroll instead of loading the page with the new entry.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse(
            "participants:registration_detail", args=[registration.pk]
        )
        return response
    return redirect(_page_url(registration))


def _form_response(
    request: HttpRequest,
    registration: Registration,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    action: str,
    notice: str = "",
) -> HttpResponse:
    context = {
        "notice": notice,
        "registration": registration,
        "form": form,
        "title": title,
        "submit": submit,
        "action": action,
        "back_url": _page_url(registration),
        "fragment": is_htmx(request),
    }
    template = (
        "participants/journey/form_fragment.html"
        if is_htmx(request)
        else "participants/journey/form_page.html"
    )
    return render(request, template, context)


def _call(form: forms.Form, service: Callable[[], object]) -> bool:
    """Run ``service``; show its ValidationError on ``form``. True when it succeeded."""
    try:
        service()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@require_GET
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = participant_page_get(actor=_actor(request), registration_id=pk)
    return render(
        request,
        "participants/registration_detail.html",
        {"page": page, "registration": page.registration, "today": timezone.localdate()},
    )


@journey_view
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    current = action_plan_of(registration)
    initial: dict[str, Any] = {"agreed_on": timezone.localdate()}
    if current is not None:
        initial = {
            "overall_goal": current.overall_goal,
            "agreed_on": current.agreed_on,
            "agreed_by_participant": current.agreed_by_participant,
            "agreed_by_referrer": current.agreed_by_referrer,
            "description": current.description,
            "version": current.version,
        }
    form = jf.ActionPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            lambda: plan.action_plan_save(
                actor=_actor(request),
                registration=registration,
                overall_goal=data["overall_goal"],
                agreed_on=data["agreed_on"],
                agreed_by_participant=data["agreed_by_participant"],
                agreed_by_referrer=data["agreed_by_referrer"],
                description=data["description"],
                expected_version=data["version"],
            ),
        ):
            return _done(request, registration, _("Handlingsplanen är sparad."))
    title = _("Skriv handlingsplan") if current is None else _("Ändra handlingsplan")
    return _form_response(
        request,
        registration,
        form,
        title=title,
        submit=_("Spara handlingsplanen"),
        action=reverse("participants:plan_edit", args=[pk]),
    )


def _sub_goal_values(form: jf.SubGoalForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "description": data["description"],
        "target_date": data["target_date"],
        "responsible_party": data["responsible_party"],
        "status": data["status"],
        "reached_on": data["reached_on"],
    }


@journey_view
@require_http_methods(["GET", "POST"])
def subgoal_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = jf.SubGoalForm(request.POST or None, forbund_id=registration.intervention.forbund_id)
    if request.method == "POST" and form.is_valid():
        values = _sub_goal_values(form)
        if _call(
            form,
            lambda: plan.sub_goal_create(
                actor=_actor(request), registration=registration, **values
            ),
        ):
            return _done(request, registration, _("Delmålet är sparat."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Nytt delmål"),
        submit=_("Spara delmålet"),
        action=reverse("participants:subgoal_create", args=[pk]),
    )


@journey_view
@require_http_methods(["GET", "POST"])
def subgoal_edit(request: HttpRequest, pk: int, sub_goal_pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    sub_goal = sub_goal_get(registration=registration, sub_goal_id=sub_goal_pk)
    initial = {
        "description": sub_goal.description,
        "target_date": sub_goal.target_date,
        "responsible_party": sub_goal.responsible_party_id,
        "status": sub_goal.status,
        "reached_on": sub_goal.reached_on,
        "version": sub_goal.version,
    }
    form = jf.SubGoalForm(
        request.POST or None, initial=initial, forbund_id=registration.intervention.forbund_id
    )
    if request.method == "POST" and form.is_valid():
        values = _sub_goal_values(form)
        version = form.cleaned_data["version"]
        if _call(
            form,
            lambda: plan.sub_goal_update(
                actor=_actor(request),
                registration=registration,
                sub_goal=sub_goal,
                expected_version=-1 if version is None else version,
                **values,
            ),
        ):
            return _done(request, registration, _("Delmålet är sparat."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Ändra delmål"),
        submit=_("Spara delmålet"),
        action=reverse("participants:subgoal_edit", args=[pk, sub_goal.pk]),
    )


@journey_view
@require_http_methods(["GET", "POST"])
def phase_change(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = jf.PhaseChangeForm(
        request.POST or None,
        initial={"entered_on": timezone.localdate(), "phase": registration.current_phase_id},
        intervention_id=registration.intervention_id,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            lambda: phases.phase_change_create(
                actor=_actor(request),
                registration=registration,
                phase=data["phase"],
                entered_on=data["entered_on"],
            ),
        ):
            return _done(request, registration, _("Fasbytet är registrerat."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Byt fas"),
        submit=_("Spara fasbytet"),
        action=reverse("participants:phase_change", args=[pk]),
    )


@journey_view
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = jf.ActivityForm(
        request.POST or None,
        initial={"held_on": timezone.localdate()},
        forbund_id=registration.intervention.forbund_id,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            lambda: activities.activity_create(
                actor=_actor(request),
                registration=registration,
                activity_type=data["activity_type"],
                held_on=data["held_on"],
                hours=data["hours"],
                provider=data["provider"],
                note=data["note"],
            ),
        ):
            return _done(request, registration, _("Aktiviteten är registrerad."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Ny aktivitet"),
        submit=_("Spara aktiviteten"),
        action=reverse("participants:activity_create", args=[pk]),
    )


@journey_view
@require_http_methods(["GET", "POST"])
def step_record_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = jf.StepRecordForm(
        request.POST or None,
        initial={"recorded_on": timezone.localdate()},
        intervention_id=registration.intervention_id,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            lambda: progression.step_record_create(
                actor=_actor(request),
                registration=registration,
                step=data["step"],
                recorded_on=data["recorded_on"],
            ),
        ):
            return _done(request, registration, _("Steget är registrerat."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Registrera steg på stegen"),
        submit=_("Spara steget"),
        action=reverse("participants:step_record_create", args=[pk]),
    )


@journey_view
@require_http_methods(["GET", "POST"])
def indicator_rating_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = jf.IndicatorRatingForm(
        request.POST or None,
        initial={"rated_on": timezone.localdate()},
        indicators=progression.indicators_for(registration),
    )
    notice = ""
    if not form.indicators:
        notice = _("Insatsen har inga progressionsindikatorer att skatta.")
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _call(
            form,
            lambda: progression.indicator_ratings_create(
                actor=_actor(request),
                registration=registration,
                rated_on=data["rated_on"],
                scores=form.scores(),
            ),
        ):
            return _done(request, registration, _("Skattningen är sparad."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Skatta indikatorer"),
        submit=_("Spara skattningen"),
        action=reverse("participants:indicator_rating_create", args=[pk]),
        notice=notice,
    )


@journey_view
@require_http_methods(["GET", "POST"])
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _writable(request, pk)
    form = jf.JournalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if _call(
            form,
            lambda: notes.journal_note_create(
                actor=_actor(request), registration=registration, text=text
            ),
        ):
            return _done(request, registration, _("Anteckningen är sparad."))
    return _form_response(
        request,
        registration,
        form,
        title=_("Ny journalanteckning"),
        submit=_("Spara anteckningen"),
        action=reverse("participants:note_create", args=[pk]),
    )
