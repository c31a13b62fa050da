"""Shared set-up: a team of Testdalen meeting every four weeks.

Seats: ``insatsansvarig`` (Region Test) is the coordinator; ``coach`` and ``handlaggare``
(Testby kommun) are members; Arbetsförmedlingen sits with a named person without a log-in;
``styrgrupp`` holds a seat for Försäkringskassan but, being styrgrupp, sees no meetings.
So admin and insatsansvarig manage, coach and handläggare read (403 on writes), and
styrgrupp, granskare, outsider and nobody get 404.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from samsyn.collaboration.models import Attendance, Meeting, MeetingAction
from samsyn.conftest import World
from samsyn.core.models import Team, TeamKind, TeamMember

MANAGERS = ("admin", "insatsansvarig")
READERS = ("coach", "handlaggare")
OUTSIDE = ("styrgrupp", "granskare", "outsider", "nobody")
ALL_PERSONAS = MANAGERS + READERS + OUTSIDE


def today() -> datetime.date:
    return timezone.localdate()


def make_team(world: World, **fields: Any) -> Team:
    values: dict[str, Any] = {
        "forbund": world.forbund,
        "kind": TeamKind.SAMVERKANSTEAM,
        "name": "Samverkansteam Test",
        "meeting_interval_weeks": 4,
    }
    values.update(fields)
    team = Team.objects.create(**values)
    TeamMember.objects.create(
        team=team, party=world.region, user=world["insatsansvarig"], is_coordinator=True
    )
    TeamMember.objects.create(team=team, party=world.kommun, user=world["coach"])
    TeamMember.objects.create(team=team, party=world.kommun, user=world["handlaggare"])
    TeamMember.objects.create(team=team, party=world.af, name="Aida Arbetsförmedlare")
    TeamMember.objects.create(team=team, party=world.fk, user=world["styrgrupp"])
    return team


def seat(team: Team, party: Any) -> TeamMember:
    return TeamMember.objects.filter(team=team, party=party).order_by("id").first()  # type: ignore[return-value]


def make_meeting(world: World, team: Team, days_ago: int = 7, **fields: Any) -> Meeting:
    values: dict[str, Any] = {
        "team": team,
        "date": today() - datetime.timedelta(days=days_ago),
        "created_by": world["insatsansvarig"],
        "agenda": "Punkt ett",
    }
    values.update(fields)
    return Meeting.objects.create(**values)


def held(world: World, team: Team, days_ago: int = 7, absent: tuple[Any, ...] = ()) -> Meeting:
    """A held meeting with attendance for every member party (``absent`` missing)."""
    meeting = make_meeting(world, team, days_ago, status="genomfort")
    for party in (world.region, world.kommun, world.af, world.fk):
        row = Attendance.objects.create(meeting=meeting, party=party, present=party not in absent)
        if party not in absent:
            row.members.set(TeamMember.objects.filter(team=team, party=party))
    return meeting


def make_action(
    world: World, meeting: Meeting, due_in_days: int = 14, **fields: Any
) -> MeetingAction:
    values: dict[str, Any] = {
        "meeting": meeting,
        "text": "Boka lokal",
        "owner_party": world.af,
        "due_date": meeting.date + datetime.timedelta(days=due_in_days),
    }
    values.update(fields)
    return MeetingAction.objects.create(**values)
