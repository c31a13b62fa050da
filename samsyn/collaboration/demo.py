"""The demo förbund's meetings: a year of meetings up to today for every team that meets
(not the styrgrupp, whose meetings are the board's own), through the app's services.

- every team meets on its cadence (``core.demo_teams``): held meetings with attendance,
  a decision and, every third meeting, an action; two meetings planned ahead as a series;
- Arbetsförmedlingen is often missing (seed 001's concern): absent at two of every five
  meetings of the operative working group and the samverkansteams, now and then elsewhere;
- every held meeting but the latest has approved minutes; the latest has a draft;
- older actions are done, some are left open past their due date (overdue);
- LOKUS has nothing planned after its last meeting, so its coordinator's start page flags
  the meeting as overdue.

A team that already has meetings is left alone, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils import timezone

from samsyn.collaboration.models import ActionStatus, Meeting, MeetingAction
from samsyn.collaboration.services.actions import ActionFields, action_create, action_set_status
from samsyn.collaboration.services.attendance import PartyAttendance, attendance_record
from samsyn.collaboration.services.meetings import (
    MeetingFields,
    SeriesFields,
    decision_add,
    meeting_plan,
    meeting_series_plan,
)
from samsyn.collaboration.services.minutes import minutes_approve, minutes_save
from samsyn.core.demo_teams import TEAMS
from samsyn.core.models import Forbund, Membership, PartyKind, Team, TeamKind, TeamMember, User
from samsyn.core.roles import Role

OFTEN_MISSING = (TeamKind.OPERATIV_ARBETSGRUPP, TeamKind.SAMVERKANSTEAM)
DECISIONS = (
    "Teamet fortsätter arbeta enligt samverkansöverenskommelsen.",
    "Parterna tar med frågan om gemensam kartläggning till sina chefer.",
    "Nästa möte hålls digitalt.",
    "Rutinen för samtycke gås igenom på nästa möte.",
)
ACTIONS = (
    "Ta fram en kontaktlista till alla parter",
    "Stäm av rutinen för återkoppling med enhetscheferna",
    "Bjud in Arbetsförmedlingens nya handläggare till nästa möte",
    "Sammanställ väntetiderna till psykiatrin",
)


def _actor(team: Team) -> User:
    seat = TeamMember.objects.filter(team=team, is_coordinator=True).select_related("user")
    found = seat.first()
    if found is not None and found.user is not None:
        return found.user
    admin = Membership.objects.filter(
        forbund_id=team.forbund_id, role=Role.FORBUNDSADMIN, is_active=True
    ).select_related("user")
    return admin.order_by("id").first().user  # type: ignore[union-attr]


def _dates(team: Team, today: datetime.date) -> list[datetime.date]:
    step = datetime.timedelta(weeks=team.meeting_interval_weeks or 4)
    day = today - datetime.timedelta(weeks=52)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)  # teams meet on Tuesdays
    dates = []
    while day <= today:
        dates.append(day)
        day += step
    if team.kind == TeamKind.LOKUS:
        # The latest meeting was not held: overdue on the coordinator's start page.
        dates = dates[:-1]
    return dates


def _absent(team: Team, party_kind: str, number: int) -> bool:
    if party_kind != PartyKind.ARBETSFORMEDLINGEN:
        return False
    return number % 5 in (1, 3) if team.kind in OFTEN_MISSING else number % 7 == 3


def _hold(actor: User, team: Team, meeting: Meeting, number: int) -> None:
    seats = list(TeamMember.objects.filter(team=team).select_related("party"))
    by_party: dict[int, list[TeamMember]] = {}
    for seat in seats:
        by_party.setdefault(seat.party_id, []).append(seat)
    rows = []
    for party_id, party_seats in by_party.items():
        absent = _absent(team, party_seats[0].party.kind, number)
        rows.append(
            PartyAttendance(
                party_id=party_id,
                present=not absent,
                member_ids=() if absent else tuple(seat.pk for seat in party_seats),
                note="Lämnade återbud" if absent and number % 2 else "",
            )
        )
    attendance_record(actor=actor, meeting_id=meeting.pk, expected_version=1, rows=rows)
    decision_add(actor=actor, meeting_id=meeting.pk, text=DECISIONS[number % len(DECISIONS)])
    if number % 3 == 0:
        owner = seats[number % len(seats)]
        action_create(
            actor=actor,
            meeting_id=meeting.pk,
            fields=ActionFields(
                text=ACTIONS[number % len(ACTIONS)],
                owner_party_id=owner.party_id,
                due_date=meeting.date + datetime.timedelta(weeks=3),
                responsible_id=owner.pk,
            ),
        )


def _follow_up_actions(actor: User, team: Team, today: datetime.date) -> None:
    """Older actions are done within their time; every fourth is left open past its date."""
    actions = MeetingAction.objects.filter(
        meeting__team=team, status=ActionStatus.OPEN, due_date__lt=today
    ).order_by("id")
    for index, action in enumerate(actions):
        if index % 4 == 1:
            continue
        action_set_status(
            actor=actor,
            action_id=action.pk,
            expected_version=action.version,
            status=ActionStatus.DONE,
            done_on=min(action.due_date, today),
        )


def _minutes(actor: User, held: list[Meeting]) -> None:
    for index, meeting in enumerate(held):
        meeting.refresh_from_db(fields=["version"])
        text = (
            f"Mötet öppnades. Parterna gick igenom öppna åtgärder och aktuella frågor. "
            f"Protokollet förs av {actor.get_full_name()}."
        )
        minutes_save(
            actor=actor, meeting_id=meeting.pk, expected_version=meeting.version, text=text
        )
        if index < len(held) - 1:
            minutes_approve(
                actor=actor, meeting_id=meeting.pk, expected_version=meeting.version + 1
            )
    # Approved a week after each meeting, as a team would; the services stamp today.
    for meeting in held[:-1]:
        Meeting.objects.filter(pk=meeting.pk).update(
            minutes_approved_on=min(meeting.date + datetime.timedelta(days=7), timezone.localdate())
        )


def _seed_team(team: Team, today: datetime.date, counts: Counter[str]) -> None:
    actor = _actor(team)
    held = []
    for number, day in enumerate(_dates(team, today)):
        meeting = meeting_plan(
            actor=actor,
            team=team,
            fields=MeetingFields(
                date=day,
                place="Kommunhuset, rum Samverkan",
                agenda="Öppna åtgärder\nÄrenden\nÖvriga frågor",
            ),
            confirm_date=True,
        )
        _hold(actor, team, meeting, number)
        held.append(meeting)
    _follow_up_actions(actor, team, today)
    _minutes(actor, held)
    counts["meetings"] += len(held)
    if team.kind != TeamKind.LOKUS and team.meeting_interval_weeks:
        step = datetime.timedelta(weeks=team.meeting_interval_weeks)
        ahead = meeting_series_plan(
            actor=actor,
            team=team,
            series=SeriesFields(
                first=held[-1].date + step,
                until=held[-1].date + 2 * step,
                every_weeks=team.meeting_interval_weeks,
                link="https://mote.exempeldalen.example/samverkan",
                agenda="Öppna åtgärder\nÄrenden\nÖvriga frågor",
            ),
            confirm_date=True,
        )
        counts["meetings"] += len(ahead)


def seed_meetings(forbund: Forbund) -> Counter[str]:
    """A year of meetings for every demo team that meets; teams with meetings are skipped."""
    counts: Counter[str] = Counter()
    today = timezone.localdate()
    names = [spec.name for spec in TEAMS if spec.kind != TeamKind.STYRGRUPP]
    teams = Team.objects.filter(forbund=forbund, name__in=names).order_by("name")
    for team in teams:
        if Meeting.objects.filter(team=team).exists():
            continue
        _seed_team(team, today, counts)
    return counts
