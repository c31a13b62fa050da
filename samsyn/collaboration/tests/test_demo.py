"""The demo meetings: a year for every team that meets, Arbetsförmedlingen often missing,
open and overdue actions, approved minutes, coordinators; a second run creates nothing."""

from __future__ import annotations

import pytest
from django.db.models import Q

from samsyn.collaboration.demo import seed_meetings
from samsyn.collaboration.models import Attendance, Meeting, MeetingAction
from samsyn.collaboration.selectors.attendance import Period, party_absences
from samsyn.collaboration.selectors.meetings import coordinator_alerts
from samsyn.core.demo import seed_forbund, seed_staff
from samsyn.core.demo_data import SeedSummary
from samsyn.core.models import Team, TeamMember, User
from samsyn.interventions.demo import seed_interventions

pytestmark = pytest.mark.django_db


def test_demo_meetings_are_complete_and_idempotent() -> None:
    summary = SeedSummary()
    forbund, parties = seed_forbund(summary)
    interventions = seed_interventions(forbund, parties, summary)
    seed_staff(forbund, parties, interventions, summary)
    counts = seed_meetings(forbund)
    assert counts["meetings"] > 100
    operative = Team.objects.get(forbund=forbund, name="Operativ arbetsgrupp")
    assert operative.meeting_interval_weeks == 7
    assert TeamMember.objects.filter(
        team=operative, is_coordinator=True, user__username="coach"
    ).exists()
    held = Meeting.objects.filter(team=operative, status="genomfort")
    assert 7 <= held.count() <= 8
    rows = {r.party_name: r for r in party_absences(team=operative, period=Period.last_year())}
    assert rows["Arbetsförmedlingen"].absent >= 2 and rows["Försäkringskassan"].absent == 0
    assert Meeting.objects.filter(team=operative, status="planerat").count() == 2
    assert Meeting.objects.filter(minutes_approved_on__isnull=False).count() > 90
    assert Meeting.objects.filter(
        ~Q(minutes=""), minutes_approved_on__isnull=True, status="genomfort"
    ).exists()
    actions = MeetingAction.objects.filter(meeting__team__forbund=forbund)
    assert actions.filter(status="klar").exists() and actions.filter(status="oppen").exists()
    assert actions.filter(status="oppen", due_date__lt=held.last().date).exists()  # type: ignore[union-attr]
    assert not Team.objects.get(forbund=forbund, name="Styrgrupp Exempeldalen").meetings.exists()
    admin = User.objects.get(username="admin")
    assert "LOKUS Exempeldalen" in {row.team.name for row in coordinator_alerts(actor=admin)}
    before = (Meeting.objects.count(), Attendance.objects.count(), MeetingAction.objects.count())
    assert not sum(seed_meetings(forbund).values())
    assert (
        Meeting.objects.count(),
        Attendance.objects.count(),
        MeetingAction.objects.count(),
    ) == before
