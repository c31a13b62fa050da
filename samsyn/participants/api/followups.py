"""Follow-up meetings, the caller's due list, and job and study starts."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from samsyn.audit.models import AuditAction
from samsyn.participants.api import followup_schemas as fs
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import (
    ObjectId,
    actor_of,
    conflicts,
    writable_registration,
)
from samsyn.participants.api.presenters import due_follow_up_out, follow_up_out, work_start_out
from samsyn.participants.selectors import caseload
from samsyn.participants.selectors.followups import (
    follow_up_meetings_of,
    work_start_of,
    work_starts_of,
)
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.followups import follow_up_meeting_create
from samsyn.participants.services.journey_access import audit_journey
from samsyn.participants.services.starts import work_start_create, work_start_status_record

router = Router(tags=["uppföljning"])


@router.get(
    "/registrations/{registration_id}/follow-ups",
    response={200: list[fs.FollowUpOut], 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Uppföljningsmöten",
    description="Newest first. Logged as a view of the participant.",
)
def follow_up_list(request: HttpRequest, registration_id: ObjectId) -> list[fs.FollowUpOut]:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.VIEW,
        obj=registration,
        detail="Uppföljningsmöten visade (API)",
    )
    rows = follow_up_meetings_of(registration=registration)
    return [follow_up_out(meeting) for meeting in rows]


@router.post(
    "/registrations/{registration_id}/follow-ups",
    response={
        201: fs.FollowUpOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Registrera ett uppföljningsmöte",
    description="Moves the registration's next follow-up to `next_due` (default: `held_on` "
    "plus the intervention's interval, 8 weeks unless set). An ended registration is 409.",
)
def follow_up_create(
    request: HttpRequest, registration_id: ObjectId, payload: fs.FollowUpIn
) -> Status[fs.FollowUpOut]:
    actor = actor_of(request)
    writable_registration(actor=actor, registration_id=registration_id)
    with conflicts("ended"):
        meeting = follow_up_meeting_create(
            actor=actor,
            registration_id=registration_id,
            held_on=payload.held_on,
            participants_present=payload.participants_present,
            note=payload.note,
            next_due=payload.next_due,
        )
    return Status(201, follow_up_out(meeting))


@router.get(
    "/follow-ups/due",
    response={200: fs.DueFollowUpPageOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Uppföljningar att göra",
    description="Ongoing registrations of the caller's caseload (an insatsansvarig: all its "
    "interventions) whose follow-up is overdue or due within `within_days` (default 14), "
    "grouped by coach. For the insatsansvarig and coaches. One view event per participant "
    "returned.",
)
def follow_ups_due(request: HttpRequest, filters: Query[fs.DueFilters]) -> fs.DueFollowUpPageOut:
    actor = actor_of(request)
    if not caseload.may_see_due_lists(actor=actor):
        raise Http404
    within = (
        caseload.FOLLOW_UPS_DUE_WITHIN_DAYS if filters.within_days is None else filters.within_days
    )
    groups = caseload.follow_ups_due_by_coach(actor=actor, within_days=within)
    rows = [registration for group in groups for registration in group.registrations]
    page = rows[filters.offset : filters.offset + filters.limit]
    caseload.list_view_audit(
        actor=actor,
        detail="Uppföljningar att göra (API)",
        shown=page,
        roles=caseload.STAFF_ROLES,
    )
    return fs.DueFollowUpPageOut(
        count=len(rows),
        limit=filters.limit,
        offset=filters.offset,
        within_days=within,
        items=[due_follow_up_out(registration) for registration in page],
    )


@router.post(
    "/registrations/{registration_id}/starts",
    response={
        201: fs.WorkStartOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Registrera en arbets- eller studiestart",
    description="`kind` arbete takes a form of employment, studier a form of study; only "
    "work can be `competitive`. An ended registration is 409.",
)
def work_start(
    request: HttpRequest, registration_id: ObjectId, payload: fs.WorkStartIn
) -> Status[fs.WorkStartOut]:
    actor = actor_of(request)
    writable_registration(actor=actor, registration_id=registration_id)
    with conflicts("ended"):
        start = work_start_create(
            actor=actor,
            registration_id=registration_id,
            kind=str(payload.kind),
            form=str(payload.form),
            employer=payload.employer,
            start_date=payload.start_date,
            end_date=payload.end_date,
            hours_per_week=payload.hours_per_week,
            competitive=payload.competitive,
            daily_activity_placement=str(payload.daily_activity_placement),
        )
    return Status(201, work_start_out(start))


@router.get(
    "/registrations/{registration_id}/starts",
    response={200: list[fs.WorkStartOut], 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Arbets- och studiestarter",
    description="Newest first. Logged as a view of the participant. For everyone who may "
    "see the registration.",
)
def start_list(request: HttpRequest, registration_id: ObjectId) -> list[fs.WorkStartOut]:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.VIEW,
        obj=registration,
        detail="Arbets- och studiestarter visade (API)",
    )
    return [work_start_out(start) for start in work_starts_of(registration=registration)]


@router.post(
    "/registrations/{registration_id}/starts/{start_id}/status",
    response={200: fs.WorkStartOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Arbete eller studier kvar, eller slutat",
    description="`held_on`: a day the participant was recorded as still in the job or "
    "studies (a follow-along check, a follow-up meeting, the follow-up after exit); the "
    "latest such day is kept. `end_date`: the day it ended. Either or both; allowed after "
    "the registration's exit too. The IPS 13-week retention counts a job as held only when "
    "one of them says so.",
)
def work_start_status(
    request: HttpRequest,
    registration_id: ObjectId,
    start_id: ObjectId,
    payload: fs.WorkStartStatusIn,
) -> fs.WorkStartOut:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    if work_start_of(registration=registration, work_start_id=start_id) is None:
        raise Http404
    start = work_start_status_record(
        actor=actor,
        registration_id=registration_id,
        work_start_id=start_id,
        held_on=payload.held_on,
        end_date=payload.end_date,
    )
    return work_start_out(start)
