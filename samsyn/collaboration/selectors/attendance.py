"""Attendance by party: who was missing, summarised per party and period in SQL.

A party counts at a meeting when the meeting was held in the period and its attendance was
taken (a row for the party); it was missing when the row says absent. "Arbetsförmedlingen
saknades vid 3 av 7 möten" is ``absent`` of ``meetings`` for that party.

Seed 001: "Skulle någon av inbjudna parter inte delta på inbjuden träff rapporterar IPS
handledare detta till daglig verksamhets enhetschef" — the absence report (a page to copy,
PDF or DOCX) is what the coordinator sends to the manager concerned.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.collaboration.models import Attendance, Meeting, MeetingStatus
from samsyn.collaboration.selectors.meetings import team_get
from samsyn.core.models import Party, Team, TeamMember, User


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def last_year(cls) -> Period:
        today = timezone.localdate()
        return cls(today - datetime.timedelta(days=365), today)


@dataclass(frozen=True)
class PartyAbsence:
    party_id: int
    party_name: str
    meetings: int
    absent: int

    @property
    def present(self) -> int:
        return self.meetings - self.absent

    @property
    def sentence(self) -> str:
        return _("%(party)s saknades vid %(absent)s av %(meetings)s möten") % {
            "party": self.party_name,
            "absent": self.absent,
            "meetings": self.meetings,
        }


def _held(team: Team, period: Period) -> Q:
    return Q(
        meeting__team=team,
        meeting__status=MeetingStatus.HELD,
        meeting__date__gte=period.start,
        meeting__date__lte=period.end,
    )


def party_absences(*, team: Team, period: Period) -> list[PartyAbsence]:
    """One row per party with attendance taken in the period: one query."""
    rows = (
        Attendance.objects.filter(_held(team, period))
        .values("party_id", "party__name")
        .annotate(meetings=Count("id"), absent=Count("id", filter=Q(present=False)))
        .order_by("party__name")
    )
    return [
        PartyAbsence(row["party_id"], row["party__name"], row["meetings"], row["absent"])
        for row in rows
    ]


def held_meeting_count(*, team: Team, period: Period) -> int:
    return Meeting.objects.filter(
        team=team,
        status=MeetingStatus.HELD,
        date__gte=period.start,
        date__lte=period.end,
    ).count()


@dataclass
class AbsenceReport:
    team: Team
    party: Party
    period: Period
    summary: PartyAbsence
    missed: list[Attendance]
    coordinators: list[TeamMember]
    generated_on: datetime.date


def absence_report(*, actor: User, team_id: int, party_id: int, period: Period) -> AbsenceReport:
    """The report on one party's absences in a team, for its manager: the count and each
    meeting missed. 404 when the team is outside scope or the party never sat in it."""
    team = team_get(actor=actor, team_id=team_id)
    party = Party.objects.filter(pk=party_id, forbund_id=team.forbund_id).first()
    if party is None:
        raise Http404
    found = [row for row in party_absences(team=team, period=period) if row.party_id == party.pk]
    seated = TeamMember.objects.filter(team=team, party=party).exists()
    if not found and not seated:
        raise Http404
    summary = found[0] if found else PartyAbsence(party.pk, party.name, 0, 0)
    missed = list(
        Attendance.objects.filter(_held(team, period), party=party, present=False)
        .select_related("meeting")
        .order_by("meeting__date")
    )
    coordinators = list(
        TeamMember.objects.filter(team=team, is_coordinator=True).select_related("user", "party")
    )
    return AbsenceReport(team, party, period, summary, missed, coordinators, timezone.localdate())
