"""Teams' meetings in the JSON API (/api/v1/collaboration/…): teams, meetings, attendance
and actions, with the same selectors and services as the pages: 404 outside scope, 403 for a
member who may read but not manage, 422 with Swedish field errors, 409 for a stale version.
See docs/collaboration.md."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from samsyn.collaboration.api import schemas as s
from samsyn.collaboration.models import Meeting, MeetingAction
from samsyn.collaboration.selectors import actions as action_selectors
from samsyn.collaboration.selectors import meetings as selectors
from samsyn.collaboration.services import actions as action_services
from samsyn.collaboration.services import meetings as services
from samsyn.collaboration.services.actions import ActionFields
from samsyn.collaboration.services.attendance import PartyAttendance, attendance_record
from samsyn.collaboration.services.meetings import MeetingFields
from samsyn.core.api.schemas import ErrorOut, InvalidOut
from samsyn.participants.api.common import ObjectId, actor_of

router = Router(tags=["Samverkansmöten"])
BASE = "/collaboration"
READ_ERRORS = {404: ErrorOut}
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


class ActionFilter(Schema):
    team_id: int | None = Field(None, ge=1, le=2_147_483_647)
    party_id: int | None = Field(None, ge=1, le=2_147_483_647)
    overdue: bool = False


def _summary(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "team_id": meeting.team_id,
        "date": meeting.date,
        "start_time": meeting.start_time,
        "kind": meeting.kind,
        "status": meeting.status,
        "place": meeting.place,
        "link": meeting.link,
        "version": meeting.version,
        "minutes_approved_on": meeting.minutes_approved_on,
    }


def _action(action: MeetingAction, today: object) -> s.ActionOut:
    return s.ActionOut(
        id=action.pk,
        meeting_id=action.meeting_id,
        text=action.text,
        owner_party_id=action.owner_party_id,
        owner_party=action.owner_party.name,
        responsible_id=action.responsible_id,
        due_date=action.due_date,
        status=action.status,
        done_on=action.done_on,
        overdue=action.status == "oppen" and action.due_date < today,  # type: ignore[operator]
        version=action.version,
    )


def _meeting_out(actor: object, meeting_id: int) -> s.MeetingOut:
    page = selectors.meeting_page(actor=actor, meeting_id=meeting_id)  # type: ignore[arg-type]
    meeting = page.meeting
    return s.MeetingOut(
        **_summary(meeting),
        agenda=meeting.agenda,
        minutes=meeting.minutes,
        attendance=[
            s.AttendanceOut(
                party_id=row.party.pk,
                party=row.party.name,
                present=row.attendance.present if row.attendance else None,
                member_ids=[m.pk for m in row.attendance.members.all()] if row.attendance else [],
                note=row.attendance.note if row.attendance else "",
            )
            for row in page.parties
        ],
        decisions=[s.DecisionOut(id=d.pk, text=d.text, order=d.order) for d in page.decisions],
        actions=[_action(a, page.today) for a in page.actions],
        carried_actions=[_action(a, page.today) for a in page.carried],
        can_manage=page.can_manage,
    )


@router.get(
    BASE + "/teams",
    response=list[s.TeamOut],
    summary="Mina team",
    description="Teams the caller sits in (or administers), with cadence and open actions.",
    operation_id="samsyn_collaboration_api_team_list",
)
def team_list(request: HttpRequest) -> list[s.TeamOut]:
    return [
        s.TeamOut(
            id=row.team.pk,
            name=row.team.name,
            kind=row.team.kind,
            meeting_interval_weeks=row.team.meeting_interval_weeks,
            last_held=row.last_held,
            next_planned=row.next_planned,
            next_due=row.due,
            overdue=row.overdue,
            open_actions=row.open_actions,
            overdue_actions=row.overdue_actions,
            coordinated=row.coordinated,
        )
        for row in selectors.team_rows(actor=actor_of(request))
    ]


@router.get(
    BASE + "/teams/{team_id}/meetings",
    response={200: list[s.MeetingSummaryOut], **READ_ERRORS},
    summary="Teamets möten",
    operation_id="samsyn_collaboration_api_meeting_list",
)
def meeting_list(request: HttpRequest, team_id: ObjectId) -> list[s.MeetingSummaryOut]:
    page = selectors.team_page(actor=actor_of(request), team_id=team_id)
    return [s.MeetingSummaryOut(**_summary(m)) for m in page.meetings]


@router.post(
    BASE + "/teams/{team_id}/meetings",
    response={201: s.MeetingOut, **WRITE_ERRORS},
    summary="Planera ett möte",
    description="Coordinators only. A date more than a year from today needs confirm_date.",
    operation_id="samsyn_collaboration_api_meeting_create",
)
def meeting_create(
    request: HttpRequest, team_id: ObjectId, payload: s.MeetingIn
) -> Status[s.MeetingOut]:
    actor = actor_of(request)
    team = selectors.team_get(actor=actor, team_id=team_id)
    fields = MeetingFields(**payload.dict(exclude={"confirm_date"}))
    meeting = services.meeting_plan(
        actor=actor, team=team, fields=fields, confirm_date=payload.confirm_date
    )
    return Status(201, _meeting_out(actor, meeting.pk))


@router.get(
    BASE + "/meetings/{meeting_id}",
    response={200: s.MeetingOut, **READ_ERRORS},
    summary="Ett möte",
    description="The meeting with attendance, decisions, its actions and the open actions "
    "carried from earlier meetings.",
    operation_id="samsyn_collaboration_api_meeting_get",
)
def meeting_get(request: HttpRequest, meeting_id: ObjectId) -> s.MeetingOut:
    return _meeting_out(actor_of(request), meeting_id)


@router.put(
    BASE + "/meetings/{meeting_id}/attendance",
    response={200: s.MeetingOut, **WRITE_ERRORS},
    summary="Registrera närvaro",
    description="Every member party once; marks the meeting held. Refused once the minutes "
    "are approved.",
    operation_id="samsyn_collaboration_api_attendance_put",
)
def attendance_put(
    request: HttpRequest, meeting_id: ObjectId, payload: s.AttendanceIn
) -> s.MeetingOut:
    actor = actor_of(request)
    selectors.meeting_get(actor=actor, meeting_id=meeting_id)
    attendance_record(
        actor=actor,
        meeting_id=meeting_id,
        expected_version=payload.version,
        rows=[
            PartyAttendance(
                party_id=row.party_id,
                present=row.present,
                member_ids=tuple(row.member_ids),
                note=row.note,
            )
            for row in payload.parties
        ],
    )
    return _meeting_out(actor, meeting_id)


@router.get(
    BASE + "/actions",
    response={200: list[s.ActionOut], **READ_ERRORS},
    summary="Öppna åtgärder",
    description="Open actions of the caller's teams, by team and owning party; "
    "overdue=true for those past their due date. A team or party the caller does not "
    "see is 404.",
    operation_id="samsyn_collaboration_api_action_list",
)
def action_list(request: HttpRequest, filters: Query[ActionFilter]) -> list[s.ActionOut]:
    listing = action_selectors.action_list(
        actor=actor_of(request),
        team_id=filters.team_id,
        party_id=filters.party_id,
        overdue_only=filters.overdue,
    )
    return [_action(a, listing.today) for a in listing.actions]


@router.post(
    BASE + "/actions",
    response={201: s.ActionOut, **WRITE_ERRORS},
    summary="Registrera en åtgärd",
    description="Coordinators only. Owning party and due date are required.",
    operation_id="samsyn_collaboration_api_action_create",
)
def action_create(request: HttpRequest, payload: s.ActionIn) -> Status[s.ActionOut]:
    actor = actor_of(request)
    selectors.meeting_get(actor=actor, meeting_id=payload.meeting_id)
    action = action_services.action_create(
        actor=actor,
        meeting_id=payload.meeting_id,
        fields=ActionFields(
            text=payload.text,
            owner_party_id=payload.owner_party_id,
            due_date=payload.due_date,
            responsible_id=payload.responsible_id,
        ),
    )
    found = action_selectors.action_get(actor=actor, action_id=action.pk)
    return Status(201, _action(found, timezone.localdate()))


@router.patch(
    BASE + "/actions/{action_id}",
    response={200: s.ActionOut, **WRITE_ERRORS},
    summary="Ändra en åtgärds status",
    description="The team's coordinators or the person holding the responsible seat.",
    operation_id="samsyn_collaboration_api_action_status",
)
def action_status(
    request: HttpRequest, action_id: ObjectId, payload: s.ActionStatusIn
) -> s.ActionOut:
    actor = actor_of(request)
    action_services.action_set_status(
        actor=actor,
        action_id=action_id,
        expected_version=payload.version,
        status=str(payload.status),
        done_on=payload.done_on,
    )
    found = action_selectors.action_get(actor=actor, action_id=action_id)
    return _action(found, timezone.localdate())
