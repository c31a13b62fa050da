"""Request and response bodies of the collaboration API. Shapes only; the rules and their
Swedish messages are the services'."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from samsyn.collaboration.models import ActionStatus, MeetingKind, MeetingStatus
from samsyn.participants.api.schemas import Day, Id, IdList, In, LongText, ShortText, Version

Url = Annotated[ShortText, Field(max_length=200)]


class TeamOut(Schema):
    id: int
    name: str
    kind: str
    meeting_interval_weeks: int | None
    last_held: datetime.date | None
    next_planned: datetime.date | None
    next_due: datetime.date | None = Field(description="Latest meeting + the interval.")
    overdue: bool = Field(description="The due day has passed and nothing is held or planned.")
    open_actions: int
    overdue_actions: int
    coordinated: bool = Field(description="Whether the caller plans this team's meetings.")


class MeetingIn(In):
    date: Day
    start_time: datetime.time | None = None
    place: ShortText = ""
    link: Url = ""
    kind: MeetingKind = MeetingKind.ORDINARY
    status: MeetingStatus = MeetingStatus.PLANNED
    agenda: LongText = ""
    confirm_date: bool = Field(
        False, description="Confirms a date more than a year from today (else 422)."
    )


class MeetingSummaryOut(Schema):
    id: int
    team_id: int
    date: datetime.date
    start_time: datetime.time | None
    kind: str
    status: str
    place: str
    link: str
    version: int
    minutes_approved_on: datetime.date | None


class AttendanceOut(Schema):
    party_id: int
    party: str
    present: bool | None = Field(description="null: not recorded")
    member_ids: list[int]
    note: str


class DecisionOut(Schema):
    id: int
    text: str
    order: int


class ActionOut(Schema):
    id: int
    meeting_id: int
    text: str
    owner_party_id: int
    owner_party: str
    responsible_id: int | None
    due_date: datetime.date
    status: str
    done_on: datetime.date | None
    overdue: bool
    version: int


class MeetingOut(MeetingSummaryOut):
    agenda: str
    minutes: str
    attendance: list[AttendanceOut]
    decisions: list[DecisionOut]
    actions: list[ActionOut]
    carried_actions: list[ActionOut] = Field(
        description="Open actions of earlier meetings, on this meeting's agenda."
    )
    can_manage: bool


class PartyAttendanceIn(In):
    party_id: Id
    present: bool
    member_ids: IdList = []
    note: ShortText = ""


class AttendanceIn(In):
    version: Version
    parties: Annotated[list[PartyAttendanceIn], Field(max_length=50)]


class ActionIn(In):
    meeting_id: Id
    text: LongText
    owner_party_id: Id | None = None
    responsible_id: Id | None = None
    due_date: Day | None = None


class ActionStatusIn(In):
    version: Version
    status: ActionStatus
    done_on: Day | None = None
