"""Exit (versioned) and the follow-ups 6 and 12 months after it."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router

from samsyn.participants.api import followup_schemas as fs
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import (
    ObjectId,
    actor_of,
    conflicts,
    writable_registration,
)
from samsyn.participants.api.presenters import post_exit_out, registration_out
from samsyn.participants.selectors import caseload
from samsyn.participants.selectors.followups import registration_id_of_post_exit
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.exit import ExitData, registration_exit, registration_exit_undo
from samsyn.participants.services.post_exit import post_exit_follow_up_record

router = Router(tags=["avslut"])


@router.post(
    "/registrations/{registration_id}/exit",
    response={
        200: s.RegistrationOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Avsluta inskrivningen",
    description="`version` is the registration's version as read (GET /registrations/{id}); "
    "a stale one, or a registration already ended, is 409 and nothing changes. Books the "
    "follow-ups 6 and 12 months later, except after a `felregistrering`, which never "
    "counts in any statistic, and for an anonymous registration, whom nobody can call. "
    "`outcome` must agree with `occupation_after` (docs/participants-followup.md), else 422. "
    "`step_forward` null lets the documented rule decide.",
)
def exit_registration(
    request: HttpRequest, registration_id: ObjectId, payload: fs.ExitIn
) -> s.RegistrationOut:
    actor = actor_of(request)
    writable_registration(actor=actor, registration_id=registration_id)
    data = ExitData(
        end_date=payload.end_date,
        reason=str(payload.reason),
        income_sources_after=[str(source) for source in payload.income_sources_after],
        occupation_after=str(payload.occupation_after or ""),
        outcome=str(payload.outcome or ""),
        exit_plan=payload.exit_plan,
        recommendation=str(payload.recommendation or ""),
        step_forward=payload.step_forward,
    )
    with conflicts("ended"):
        registration = registration_exit(
            actor=actor,
            registration_id=registration_id,
            expected_version=payload.version,
            data=data,
        )
    return registration_out(registration, can_write=True, today=timezone.localdate())


@router.post(
    "/registrations/{registration_id}/exit/undo",
    response={
        200: s.RegistrationOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Ångra avslutet",
    description="Reopens an ended registration, e.g. after an exit by mistake: the exit's "
    "answers and the booked follow-ups after exit are removed. Only the insatsansvarig "
    "(others who see the registration get 403). 409 when the registration is not ended, "
    "when a follow-up after exit is already recorded, or when `version` is stale.",
)
def exit_undo(
    request: HttpRequest, registration_id: ObjectId, payload: s.VersionIn
) -> s.RegistrationOut:
    actor = actor_of(request)
    registration_get(actor=actor, registration_id=registration_id, audit=False)
    with conflicts("ongoing", "followed_up"):
        registration = registration_exit_undo(
            actor=actor, registration_id=registration_id, expected_version=payload.version
        )
    return registration_out(registration, can_write=True, today=timezone.localdate())


@router.get(
    "/post-exit-follow-ups/due",
    response={200: fs.PostExitPageOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Efteruppföljningar att göra",
    description="Follow-ups after exit not yet recorded that are overdue or due within "
    "`within_days` (default 30), soonest first: the insatsansvarig's interventions, a "
    "coach's caseload. One view event per participant returned.",
)
def post_exit_due(request: HttpRequest, filters: Query[fs.DueFilters]) -> fs.PostExitPageOut:
    actor = actor_of(request)
    if not caseload.may_see_due_lists(actor=actor):
        raise Http404
    today = timezone.localdate()
    within = (
        caseload.POST_EXIT_DUE_WITHIN_DAYS if filters.within_days is None else filters.within_days
    )
    follow_ups = caseload.post_exit_due_list(actor=actor, today=today, within_days=within)
    count = follow_ups.count()
    rows = list(follow_ups[filters.offset : filters.offset + filters.limit])
    caseload.list_view_audit(
        actor=actor,
        detail="Efteruppföljningar att göra (API)",
        shown=[follow_up.registration for follow_up in rows],
        roles=caseload.STAFF_ROLES,
    )
    return fs.PostExitPageOut(
        count=count,
        limit=filters.limit,
        offset=filters.offset,
        within_days=within,
        items=[post_exit_out(follow_up, today) for follow_up in rows],
    )


@router.post(
    "/post-exit-follow-ups/{follow_up_id}",
    response={
        200: fs.PostExitOut,
        403: s.ErrorOut,
        404: s.ErrorOut,
        409: s.ErrorOut,
        422: s.InvalidOut,
    },
    summary="Registrera en efteruppföljning",
    description="The answers of the call 6 or 12 months after exit: reached or not, and if "
    "reached the occupation and income sources now. Recorded once: a second save is 409.",
)
def post_exit_record(
    request: HttpRequest, follow_up_id: ObjectId, payload: fs.PostExitIn
) -> fs.PostExitOut:
    actor = actor_of(request)
    # Only the parent's id is read without scope; then the scope decides (404 logged, or 403).
    registration_id = registration_id_of_post_exit(follow_up_id=follow_up_id)
    if registration_id is None:
        raise Http404
    writable_registration(actor=actor, registration_id=registration_id)
    with conflicts("recorded"):
        follow_up = post_exit_follow_up_record(
            actor=actor,
            registration_id=registration_id,
            follow_up_id=follow_up_id,
            done_on=payload.done_on,
            reached=payload.reached,
            occupation=str(payload.occupation or ""),
            income_sources=[str(source) for source in payload.income_sources],
            note=payload.note,
        )
    return post_exit_out(follow_up, timezone.localdate())
