"""The action plan (versioned) and its sub-goals."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Status

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import ObjectId, actor_of, party_of, writable_registration
from samsyn.participants.api.presenters import plan_out, sub_goal_out
from samsyn.participants.models import Registration
from samsyn.participants.selectors.journey import registration_id_of_sub_goal, sub_goals_of
from samsyn.participants.selectors.journey_page import action_plan_of, sub_goal_get
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services import plan as plan_services
from samsyn.participants.services.journey_access import audit_journey

router = Router(tags=["handlingsplan"])


def _plan_of(registration: Registration) -> s.PlanOut:
    plan = action_plan_of(registration)
    return plan_out(registration, plan, sub_goals_of(plan=plan))


@router.get(
    "/registrations/{registration_id}/plan",
    response={200: s.PlanOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Handlingsplanen med delmål",
    description="`version` is null while no plan is written. Logged as a view of the "
    "participant. For everyone who may see the registration.",
)
def plan_get(request: HttpRequest, registration_id: ObjectId) -> s.PlanOut:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.VIEW,
        obj=registration,
        detail="Handlingsplan visad (API)",
    )
    return _plan_of(registration)


@router.put(
    "/registrations/{registration_id}/plan",
    response={200: s.PlanOut, 403: s.ErrorOut, 404: s.ErrorOut, 409: s.ErrorOut, 422: s.InvalidOut},
    summary="Skriv eller ändra handlingsplanen",
    description="Send the `version` you read (null for the first plan). When someone saved "
    "meanwhile the answer is 409 with the Swedish message and nothing changes. For the "
    "insatsansvarig and the participant's coach; the referring handläggare gets 403.",
)
def plan_put(request: HttpRequest, registration_id: ObjectId, payload: s.PlanIn) -> s.PlanOut:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    plan_services.action_plan_save(
        actor=actor,
        registration=registration,
        overall_goal=str(payload.overall_goal),
        agreed_on=payload.agreed_on,
        agreed_by_participant=payload.agreed_by_participant,
        agreed_by_referrer=payload.agreed_by_referrer,
        description=payload.description,
        expected_version=payload.version,
    )
    return _plan_of(registration)


@router.post(
    "/registrations/{registration_id}/plan/sub-goals",
    response={201: s.SubGoalOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Nytt delmål i handlingsplanen",
    description="The plan must exist first. `responsible_party` is a party id of the förbund.",
)
def sub_goal_create(
    request: HttpRequest, registration_id: ObjectId, payload: s.SubGoalIn
) -> Status[s.SubGoalOut]:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    sub_goal = plan_services.sub_goal_create(
        actor=actor,
        registration=registration,
        description=payload.description,
        target_date=payload.target_date,
        responsible_party=party_of(
            forbund_id=registration.intervention.forbund_id,
            pk=payload.responsible_party,
            field="responsible_party",
        ),
        status=str(payload.status),
        reached_on=payload.reached_on,
    )
    return Status(201, sub_goal_out(sub_goal))


def _registration_of_sub_goal(actor: User, sub_goal_id: int) -> Registration:
    """The writable registration a sub-goal belongs to. Only the parent's id is read
    without scope; ``writable_registration`` then decides (404 logged, or 403)."""
    registration_id = registration_id_of_sub_goal(sub_goal_id=sub_goal_id)
    if registration_id is None:
        raise Http404
    return writable_registration(actor=actor, registration_id=registration_id)


@router.patch(
    "/sub-goals/{sub_goal_id}",
    response={
        200: s.SubGoalOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Ändra ett delmål",
    description="Only the fields sent change. `version` is the sub-goal's version as read; "
    "a stale one is 409 and nothing changes.",
)
def sub_goal_update(
    request: HttpRequest, sub_goal_id: ObjectId, payload: s.SubGoalPatch
) -> s.SubGoalOut:
    actor = actor_of(request)
    registration = _registration_of_sub_goal(actor, sub_goal_id)
    sub_goal = sub_goal_get(registration=registration, sub_goal_id=sub_goal_id)
    sent = payload.model_fields_set
    party = sub_goal.responsible_party
    if "responsible_party" in sent:
        party = party_of(
            forbund_id=registration.intervention.forbund_id,
            pk=payload.responsible_party,
            field="responsible_party",
        )
    plan_services.sub_goal_update(
        actor=actor,
        registration=registration,
        sub_goal=sub_goal,
        expected_version=payload.version,
        description=payload.description if "description" in sent else sub_goal.description,
        target_date=payload.target_date if "target_date" in sent else sub_goal.target_date,
        responsible_party=party,
        status=str(payload.status) if "status" in sent else sub_goal.status,
        reached_on=payload.reached_on if "reached_on" in sent else sub_goal.reached_on,
    )
    return sub_goal_out(sub_goal)
