"""Reads of teams and their meetings, each starting from what the acting user may see.

The cadence: a team meeting every N weeks (``Team.meeting_interval_weeks``) is due N weeks
after its latest meeting held or planned; it is overdue when that day has passed and nothing
is held or planned since. A team whose dates are set by hand has no due date.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from samsyn.collaboration.models import (
    ActionStatus,
    Attendance,
    Meeting,
    MeetingAction,
    MeetingStatus,
)
from samsyn.collaboration.selectors.access import (
    coordinates,
    meetings_visible_to,
    teams_coordinated_by,
    teams_visible_to,
)
from samsyn.core.models import Party, Team, TeamMember, User

ACTIVE = (MeetingStatus.PLANNED, MeetingStatus.HELD)


@dataclass
class TeamRow:
    team: Team
    last_held: datetime.date | None
    next_planned: datetime.date | None
    due: datetime.date | None
    overdue: bool
    open_actions: int = 0
    overdue_actions: int = 0
    coordinated: bool = False


def _with_cadence(teams: QuerySet[Team], today: datetime.date) -> QuerySet[Team]:
    return teams.annotate(
        last_held=Max("meetings__date", filter=Q(meetings__status=MeetingStatus.HELD)),
        next_planned=Min(
            "meetings__date",
            filter=Q(meetings__status=MeetingStatus.PLANNED, meetings__date__gte=today),
        ),
        latest=Max("meetings__date", filter=Q(meetings__status__in=ACTIVE)),
    )


def _row(team: Team, today: datetime.date) -> TeamRow:
    latest = getattr(team, "latest", None)
    due = None
    if team.meeting_interval_weeks and latest is not None:
        due = latest + datetime.timedelta(weeks=team.meeting_interval_weeks)
    return TeamRow(
        team=team,
        last_held=getattr(team, "last_held", None),
        next_planned=getattr(team, "next_planned", None),
        due=due,
        overdue=due is not None and due < today,
    )


def team_rows(*, actor: User, teams: QuerySet[Team] | None = None) -> list[TeamRow]:
    """The teams the user sees, with the cadence and the open and overdue actions: three
    queries however many teams and meetings."""
    today = timezone.localdate()
    visible = teams if teams is not None else teams_visible_to(actor)
    ordered = _with_cadence(visible.filter(is_active=True), today).order_by("name")
    rows = [_row(team, today) for team in ordered.select_related("forbund")]
    counts = (
        MeetingAction.objects.filter(
            meeting__team_id__in=[row.team.pk for row in rows], status=ActionStatus.OPEN
        )
        .values("meeting__team_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
        .order_by()
    )
    by_team: dict[int, tuple[int, int]] = {
        item["meeting__team_id"]: (item["open"], item["overdue"]) for item in counts
    }
    coordinated = set(teams_coordinated_by(actor).values_list("id", flat=True))
    for row in rows:
        row.open_actions, row.overdue_actions = by_team.get(row.team.pk, (0, 0))
        row.coordinated = row.team.pk in coordinated
    return rows


def coordinator_alerts(*, actor: User) -> list[TeamRow]:
    """For the start page: the coordinator's teams whose next meeting is overdue, or due
    within two weeks with nothing planned, or with overdue actions."""
    soon = timezone.localdate() + datetime.timedelta(weeks=2)
    rows = team_rows(actor=actor, teams=teams_coordinated_by(actor))
    return [
        row
        for row in rows
        if row.overdue
        or row.overdue_actions
        or (row.due is not None and row.next_planned is None and row.due <= soon)
    ]


def team_get(*, actor: User, team_id: int) -> Team:
    team = teams_visible_to(actor).select_related("forbund").filter(pk=team_id).first()
    if team is None:
        raise Http404
    return team


@dataclass
class TeamPage:
    team: Team
    row: TeamRow
    meetings: Sequence[Meeting]
    seats: list[TeamMember]
    can_manage: bool


def team_page(*, actor: User, team_id: int) -> TeamPage:
    team = team_get(actor=actor, team_id=team_id)
    row = team_rows(actor=actor, teams=Team.objects.filter(pk=team.pk))[0]
    meetings = list(
        Meeting.objects.filter(team=team)
        .annotate(
            absent=Count("attendance", filter=Q(attendance__present=False)),
            open_actions=Count("actions", filter=Q(actions__status=ActionStatus.OPEN)),
        )
        .order_by("-date", "-id")
    )
    seats = list(
        TeamMember.objects.filter(team=team)
        .select_related("party", "user")
        .order_by("party__name", "id")
    )
    return TeamPage(team, row, meetings, seats, row.coordinated)


def meeting_get(*, actor: User, meeting_id: int) -> Meeting:
    meeting = (
        meetings_visible_to(actor)
        .select_related("team__forbund", "minutes_approved_by", "created_by")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


@dataclass
class PartyRow:
    party: Party
    attendance: Attendance | None
    seats: list[TeamMember] = field(default_factory=list)

    @property
    def absent(self) -> bool:
        return self.attendance is not None and not self.attendance.present


@dataclass
class MeetingPage:
    meeting: Meeting
    parties: list[PartyRow]
    seats: list[TeamMember]
    decisions: list
    actions: list[MeetingAction]
    carried: list[MeetingAction]
    can_manage: bool
    today: datetime.date

    @property
    def absent_parties(self) -> list[Party]:
        return [row.party for row in self.parties if row.absent]

    @property
    def attendance_taken(self) -> bool:
        return any(row.attendance is not None for row in self.parties)


def _actions(queryset: QuerySet[MeetingAction]) -> list[MeetingAction]:
    return list(
        queryset.select_related("owner_party", "responsible__user", "meeting__team").order_by(
            "due_date", "id"
        )
    )


def carried_actions(meeting: Meeting) -> list[MeetingAction]:
    """Open actions from the team's earlier meetings: carried to this meeting's agenda."""
    return _actions(
        MeetingAction.objects.filter(
            meeting__team_id=meeting.team_id, status=ActionStatus.OPEN
        ).filter(
            Q(meeting__date__lt=meeting.date)
            | Q(meeting__date=meeting.date, meeting_id__lt=meeting.pk)
        )
    )


def meeting_page(*, actor: User, meeting_id: int) -> MeetingPage:
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    seats = list(
        TeamMember.objects.filter(team_id=meeting.team_id)
        .select_related("party", "user")
        .order_by("party__name", "id")
    )
    attendance = {
        row.party_id: row
        for row in Attendance.objects.filter(meeting=meeting)
        .select_related("party")
        .prefetch_related(Prefetch("members", queryset=TeamMember.objects.select_related("user")))
    }
    parties: dict[int, PartyRow] = {}
    for seat in seats:
        row = parties.setdefault(seat.party_id, PartyRow(seat.party, attendance.get(seat.party_id)))
        row.seats.append(seat)
    # A party that has since left the team still shows in the meeting it attended.
    for party_id, recorded in attendance.items():
        parties.setdefault(party_id, PartyRow(recorded.party, recorded))
    return MeetingPage(
        meeting=meeting,
        parties=sorted(parties.values(), key=lambda row: row.party.name),
        seats=seats,
        decisions=list(meeting.decisions.order_by("order", "id")),
        actions=_actions(meeting.actions.all()),
        carried=carried_actions(meeting),
        can_manage=coordinates(actor, meeting.team_id),
        today=timezone.localdate(),
    )
