"""Activities, phase changes and steps on the progression ladder."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from samsyn.audit.models import AuditAction
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import ObjectId, actor_of, one_of, writable_registration
from samsyn.participants.api.presenters import activity_out, phase_change_out, step_record_out
from samsyn.participants.selectors.journey import (
    activities_of,
    activity_types_of,
    ladder_steps_of,
    phases_of,
)
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services import activities, phases, progression
from samsyn.participants.services.journey_access import audit_journey

router = Router(tags=["deltagarens väg"])


@router.get(
    "/registrations/{registration_id}/activities",
    response={200: list[s.ActivityOut], 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Deltagarens aktiviteter",
    description="Newest first. Logged as a view of the participant. For everyone who may "
    "see the registration.",
)
def activity_list(request: HttpRequest, registration_id: ObjectId) -> list[s.ActivityOut]:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.VIEW,
        obj=registration,
        detail="Aktiviteter visade (API)",
    )
    return [activity_out(activity) for activity in activities_of(registration=registration)]


@router.post(
    "/registrations/{registration_id}/activities",
    response={201: s.ActivityOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Registrera en aktivitet",
    description="`activity_type` is an active activity type of the förbund (see "
    "`/interventions/{slug}/choices`). For the insatsansvarig and the participant's coach.",
)
def activity_create(
    request: HttpRequest, registration_id: ObjectId, payload: s.ActivityIn
) -> Status[s.ActivityOut]:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    activity_type = one_of(
        activity_types_of(forbund_id=registration.intervention.forbund_id),
        payload.activity_type,
        field="activity_type",
        message=_("Välj en av förbundets aktivitetstyper."),
    )
    activity = activities.activity_create(
        actor=actor,
        registration=registration,
        activity_type=activity_type,
        held_on=payload.held_on,
        hours=payload.hours,
        provider=payload.provider,
        note=payload.note,
    )
    return Status(201, activity_out(activity))


@router.post(
    "/registrations/{registration_id}/phase",
    response={201: s.PhaseChangeOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Byt fas",
    description="Any of the intervention's phases may follow any other; the current phase "
    "is the one entered last by date.",
)
def phase_change(
    request: HttpRequest, registration_id: ObjectId, payload: s.PhaseChangeIn
) -> Status[s.PhaseChangeOut]:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    phase = one_of(
        phases_of(intervention_id=registration.intervention_id),
        payload.phase,
        field="phase",
        message=_("Välj en av insatsens faser."),
    )
    change = phases.phase_change_create(
        actor=actor, registration=registration, phase=phase, entered_on=payload.entered_on
    )
    return Status(201, phase_change_out(change))


@router.post(
    "/registrations/{registration_id}/steps",
    response={201: s.StepRecordOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Registrera steg på stegen",
    description="The ladder step the person stands on, on a date.",
)
def step_record_create(
    request: HttpRequest, registration_id: ObjectId, payload: s.StepRecordIn
) -> Status[s.StepRecordOut]:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    step = one_of(
        ladder_steps_of(intervention_id=registration.intervention_id),
        payload.step,
        field="step",
        message=_("Välj ett av stegen på insatsens stege."),
    )
    record = progression.step_record_create(
        actor=actor, registration=registration, step=step, recorded_on=payload.recorded_on
    )
    return Status(201, step_record_out(record))
