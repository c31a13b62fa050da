"""Shared set-up of the case tests: a Trisam team of Testdalen with seats for the ``coach``
and ``handlaggare`` personas (for Testby kommun) and a seat without log-in for
Försäkringskassan, a held meeting where kommun and FK were present, and the registration of
``journey_setup.registration_for`` (coached by ``coach``, referred by ``handlaggare``, consent
covering kommun and FK).

So ``coach`` and ``handlaggare`` are team members who may see the participant; the
insatsansvarig sees the participant but has no seat; admin, styrgrupp, granskare, outsider and
nobody have no seat (404 on every case page)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from samsyn.collaboration.models import Attendance, CaseDiscussion, Meeting, TeamCase
from samsyn.conftest import World
from samsyn.core.models import Party, Team, TeamKind, TeamMember
from samsyn.participants.models import Registration
from samsyn.participants.tests.journey_setup import registration_for

MEMBERS = ("coach", "handlaggare")
NO_SEAT = ("insatsansvarig", "admin", "styrgrupp", "granskare", "outsider", "nobody")
MEETING_DAY = datetime.date(2026, 3, 4)


@dataclass
class CaseWorld:
    team: Team
    meeting: Meeting
    registration: Registration
    identified: TeamCase  # the registration's person
    anonymous: TeamCase  # no identity stored
    discussion: CaseDiscussion  # the identified case at the meeting
    anonymous_discussion: CaseDiscussion


def make_team(world: World, name: str = "Trisam Testby") -> Team:
    team = Team.objects.create(
        forbund=world.forbund, kind=TeamKind.TRISAM, name=name, meeting_interval_weeks=4
    )
    TeamMember.objects.create(
        team=team, party=world.kommun, user=world["coach"], is_coordinator=True
    )
    TeamMember.objects.create(team=team, party=world.kommun, user=world["handlaggare"])
    TeamMember.objects.create(team=team, party=world.fk, name="Fia Kassa")
    return team


def make_meeting(
    world: World,
    team: Team,
    day: datetime.date = MEETING_DAY,
    *,
    status: str = "genomfort",
    present: tuple[Party, ...] | None = None,
    absent: tuple[Party, ...] = (),
    **fields: Any,
) -> Meeting:
    meeting = Meeting.objects.create(
        team=team, date=day, status=status, created_by=world["coach"], **fields
    )
    for party in present if present is not None else (world.kommun, world.fk):
        Attendance.objects.create(meeting=meeting, party=party, present=True)
    for party in absent:
        Attendance.objects.create(meeting=meeting, party=party, present=False)
    return meeting


def case_world(world: World) -> CaseWorld:
    team = make_team(world)
    meeting = make_meeting(world, team)
    registration = registration_for(world)
    identified = TeamCase.objects.create(
        team=team, number=1, person=registration.person, raised_at=meeting, summary="Ung vuxen"
    )
    anonymous = TeamCase.objects.create(
        team=team, number=2, raised_at=meeting, summary="Man 40 år, långvarigt sjukskriven"
    )
    discussion = CaseDiscussion.objects.create(meeting=meeting, case=identified, notes="Plan A")
    anonymous_discussion = CaseDiscussion.objects.create(
        meeting=meeting, case=anonymous, notes="Behöver kontakt med AF"
    )
    return CaseWorld(
        team=team,
        meeting=meeting,
        registration=registration,
        identified=identified,
        anonymous=anonymous,
        discussion=discussion,
        anonymous_discussion=anonymous_discussion,
    )


def discussion_for(world: World, registration: Registration) -> CaseDiscussion:
    """The registration's person as case Ä-001 of a Trisam team where the coach holds a seat,
    at a held meeting where the parties of its consent (kommun, FK) were present: identified
    to the coach (the personal-data table's world)."""
    team = make_team(world)
    meeting = make_meeting(world, team)
    case = TeamCase.objects.create(
        team=team, number=1, person=registration.person, raised_at=meeting
    )
    return CaseDiscussion.objects.create(meeting=meeting, case=case, notes="Plan A")
