from samsyn.collaboration.models.actions import ActionStatus, MeetingAction
from samsyn.collaboration.models.cases import CaseDiscussion, TeamCase
from samsyn.collaboration.models.meetings import (
    Attendance,
    Meeting,
    MeetingDecision,
    MeetingKind,
    MeetingStatus,
)

__all__ = [
    "ActionStatus",
    "Attendance",
    "CaseDiscussion",
    "Meeting",
    "MeetingAction",
    "MeetingDecision",
    "MeetingKind",
    "MeetingStatus",
    "TeamCase",
]
