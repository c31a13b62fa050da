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
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from samsyn.audit.models import AuditAction
from samsyn.core.web.record_views import RecordFormView
from samsyn.core.web.requests import actor
from samsyn.participants.forms import journey as jf
from samsyn.participants.models import ActionPlan, Registration, SubGoal
from samsyn.participants.selectors.journey_page import (
    action_plan_of,
    participant_page_get,
    sub_goal_get,
)
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services import activities, notes, phases, plan, progression
from samsyn.participants.services.journey_access import (
    READ_ONLY_MESSAGE,
    audit_journey,
    can_write_journey,
)

View = Callable[..., HttpResponseBase]


def journey_view(view: View) -> View:
    """Answer a refused write with 403 and the reason in Swedish, not a bare error page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
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


def _page_url(registration: Registration) -> str:
    return reverse("participants:registration_detail", args=[registration.pk]) + "#tidslinje"


class JourneyFormView(RecordFormView[Registration]):
    """A journey form on the participant page: opens in place with htmx, back to the
    timeline after saving."""

    template_name = "participants/journey/form_page.html"
    fragment_template_name = "participants/journey/form_fragment.html"

    def load_owner(self) -> Registration:
        """The registration the actor may change: 404 outside scope, 403 when read-only.

        Opening a form shows the person, so a GET is logged as a view; a POST is logged by
        the service as the change it makes.
        """
        user = actor(self.request)
        registration = registration_get(actor=user, registration_id=self.kwargs["pk"], audit=False)
        if not can_write_journey(actor=user, registration=registration):
            raise PermissionDenied(READ_ONLY_MESSAGE)
        if self.request.method == "GET":
            self.audit_read(registration)
        return registration

    def audit_read(self, owner: Registration) -> None:
        audit_journey(
            actor=actor(self.request), registration=owner, action=AuditAction.VIEW, obj=owner
        )

    def get_success_url(self, owner: Registration) -> str:
        return _page_url(owner)

    def get_htmx_redirect_url(self, owner: Registration) -> str:
        # No "#tidslinje" here: the browser is already on the page, and a URL differing only
        # by its fragment would scroll instead of loading the page with the new entry.
        return reverse("participants:registration_detail", args=[owner.pk])


@require_GET
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = participant_page_get(actor=actor(request), registration_id=pk)
    return render(
        request,
        "participants/registration_detail.html",
        {"page": page, "registration": page.registration, "today": timezone.localdate()},
    )


class PlanEdit(JourneyFormView):
    form_class = jf.ActionPlanForm
    url_name = "participants:plan_edit"
    submit = _("Spara handlingsplanen")
    success_message = _("Handlingsplanen är sparad.")

    def load_record(self, owner: Registration) -> ActionPlan | None:
        return action_plan_of(owner)

    def get_initial(self, owner: Registration, record: ActionPlan | None) -> dict[str, Any]:
        if record is None:
            return {"agreed_on": timezone.localdate()}
        return {
            "overall_goal": record.overall_goal,
            "agreed_on": record.agreed_on,
            "agreed_by_participant": record.agreed_by_participant,
            "agreed_by_referrer": record.agreed_by_referrer,
            "description": record.description,
            "version": record.version,
        }

    def get_title(self, record: ActionPlan | None) -> str:
        return str(_("Skriv handlingsplan") if record is None else _("Ändra handlingsplan"))

    def save(self, owner: Registration, record: ActionPlan | None, form: Any) -> object:
        data = form.cleaned_data
        return plan.action_plan_save(
            actor=actor(self.request),
            registration=owner,
            overall_goal=data["overall_goal"],
            agreed_on=data["agreed_on"],
            agreed_by_participant=data["agreed_by_participant"],
            agreed_by_referrer=data["agreed_by_referrer"],
            description=data["description"],
            expected_version=data["version"],
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


class SubGoalCreate(JourneyFormView):
    form_class = jf.SubGoalForm
    url_name = "participants:subgoal_create"
    title = _("Nytt delmål")
    submit = _("Spara delmålet")
    success_message = _("Delmålet är sparat.")

    def get_form_kwargs(self, owner: Registration, record: Any) -> dict[str, Any]:
        return {"forbund_id": owner.intervention.forbund_id}

    def save(self, owner: Registration, record: Any, form: Any) -> object:
        return plan.sub_goal_create(
            actor=actor(self.request), registration=owner, **_sub_goal_values(form)
        )


class SubGoalEdit(SubGoalCreate):
    url_name = "participants:subgoal_edit"
    title = _("Ändra delmål")

    def load_record(self, owner: Registration) -> SubGoal:
        return sub_goal_get(registration=owner, sub_goal_id=self.kwargs["sub_goal_pk"])

    def get_initial(self, owner: Registration, record: SubGoal) -> dict[str, Any]:
        return {
            "description": record.description,
            "target_date": record.target_date,
            "responsible_party": record.responsible_party_id,
            "status": record.status,
            "reached_on": record.reached_on,
            "version": record.version,
        }

    def save(self, owner: Registration, record: SubGoal, form: Any) -> object:
        version = form.cleaned_data["version"]
        return plan.sub_goal_update(
            actor=actor(self.request),
            registration=owner,
            sub_goal=record,
            expected_version=-1 if version is None else version,
            **_sub_goal_values(form),
        )


class PhaseChange(JourneyFormView):
    form_class = jf.PhaseChangeForm
    url_name = "participants:phase_change"
    title = _("Byt fas")
    submit = _("Spara fasbytet")
    success_message = _("Fasbytet är registrerat.")

    def get_initial(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"entered_on": timezone.localdate(), "phase": owner.current_phase_id}

    def get_form_kwargs(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"intervention_id": owner.intervention_id}

    def save(self, owner: Registration, record: None, form: Any) -> object:
        data = form.cleaned_data
        return phases.phase_change_create(
            actor=actor(self.request),
            registration=owner,
            phase=data["phase"],
            entered_on=data["entered_on"],
        )


class ActivityCreate(JourneyFormView):
    form_class = jf.ActivityForm
    url_name = "participants:activity_create"
    title = _("Ny aktivitet")
    submit = _("Spara aktiviteten")
    success_message = _("Aktiviteten är registrerad.")

    def get_initial(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"held_on": timezone.localdate()}

    def get_form_kwargs(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"intervention": owner.intervention}

    def save(self, owner: Registration, record: None, form: Any) -> object:
        data = form.cleaned_data
        return activities.activity_create(
            actor=actor(self.request),
            registration=owner,
            activity_type=data["activity_type"],
            held_on=data["held_on"],
            hours=data["hours"],
            provider=data["provider"],
            note=data["note"],
        )


class StepRecordCreate(JourneyFormView):
    form_class = jf.StepRecordForm
    url_name = "participants:step_record_create"
    title = _("Registrera steg på stegen")
    submit = _("Spara steget")
    success_message = _("Steget är registrerat.")

    def get_initial(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"recorded_on": timezone.localdate()}

    def get_form_kwargs(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"intervention_id": owner.intervention_id}

    def save(self, owner: Registration, record: None, form: Any) -> object:
        data = form.cleaned_data
        return progression.step_record_create(
            actor=actor(self.request),
            registration=owner,
            step=data["step"],
            recorded_on=data["recorded_on"],
        )


class IndicatorRatingCreate(JourneyFormView):
    form_class = jf.IndicatorRatingForm
    url_name = "participants:indicator_rating_create"
    title = _("Skatta indikatorer")
    submit = _("Spara skattningen")
    success_message = _("Skattningen är sparad.")

    def get_initial(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"rated_on": timezone.localdate()}

    def get_form_kwargs(self, owner: Registration, record: None) -> dict[str, Any]:
        return {"indicators": progression.indicators_for(owner)}

    def get_notice(self, form: Any) -> str:
        if form.indicators:
            return ""
        return str(_("Insatsen har inga progressionsindikatorer att skatta."))

    def save(self, owner: Registration, record: None, form: Any) -> object:
        return progression.indicator_ratings_create(
            actor=actor(self.request),
            registration=owner,
            rated_on=form.cleaned_data["rated_on"],
            scores=form.scores(),
        )


class NoteCreate(JourneyFormView):
    form_class = jf.JournalNoteForm
    url_name = "participants:note_create"
    title = _("Ny journalanteckning")
    submit = _("Spara anteckningen")
    success_message = _("Anteckningen är sparad.")

    def save(self, owner: Registration, record: None, form: Any) -> object:
        return notes.journal_note_create(
            actor=actor(self.request), registration=owner, text=form.cleaned_data["text"]
        )


plan_edit = journey_view(PlanEdit.as_view())
subgoal_create = journey_view(SubGoalCreate.as_view())
subgoal_edit = journey_view(SubGoalEdit.as_view())
phase_change = journey_view(PhaseChange.as_view())
activity_create = journey_view(ActivityCreate.as_view())
step_record_create = journey_view(StepRecordCreate.as_view())
indicator_rating_create = journey_view(IndicatorRatingCreate.as_view())
note_create = journey_view(NoteCreate.as_view())
