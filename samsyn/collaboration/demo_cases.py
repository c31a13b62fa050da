"""Demo cases discussed in Exempeldalen's teams (docs/collaboration-cases.md).

- Trisam-team Exempeldalen (the ``handlaggare`` demo user sits for Försäkringskassan): two
  cases without identity followed over several meetings, one of which became a referral (the
  Trisam route of seed 000: raised in the team → referred into an intervention), and a
  registered participant the handläggare referred, whose consent does not cover every party
  at the table — so it is shown under its code even to the handläggare.
- IPS-team Exempeldalen (``insatsansvarig`` and ``coach``): a participant of the coach whose
  consent covers every party present, shown with the name to the coach.

The meetings: this step uses the team's held meetings when the meetings demo (demo.py) has
made them, and otherwise makes three meetings per team itself, with attendance. Records are
written directly (not through the services) because a demo of history writes into meetings
whose minutes may already be approved. Idempotent: cases are found by team and number,
discussions by meeting and case; a second run creates nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from samsyn.collaboration.models import Attendance, CaseDiscussion, Meeting, TeamCase
from samsyn.collaboration.models.meetings import MeetingKind, MeetingStatus
from samsyn.core.models import Forbund, Team, User
from samsyn.participants.models import Consent, Person
from samsyn.participants.selectors.scoping import (
    active_consents,
    persons_visible_to,
    referrals_visible_to,
)

TRISAM = "Trisam-team Exempeldalen"
IPS_TEAM = "IPS-team Exempeldalen"
CONSENTED_AGENDA = "Ärende med samtycke: planering inför arbetsstart"
NOTES = (
    "Behöver kartläggning av arbetsförmåga. AF kontaktar inför nästa möte.",
    "Läget oförändrat. Regionen erbjuder samtal; följs upp nästa möte.",
    "Klar för anvisning till insats; handläggaren tar kontakt.",
)


def _meetings(team: Team, actor: User, counts: Counter[str]) -> list[Meeting]:
    """The team's three latest held meetings, or three made here (8, 4 and 2 weeks ago)."""
    held = list(Meeting.objects.filter(team=team, status="genomfort").order_by("-date")[:3])
    if len(held) == 3:
        return held[::-1]
    today = timezone.localdate()
    meetings = []
    for weeks in (8, 4, 2):
        meeting, created = Meeting.objects.get_or_create(
            team=team,
            date=today - datetime.timedelta(weeks=weeks),
            defaults={"status": "genomfort", "created_by": actor, "place": "Förbundets kansli"},
        )
        counts["meetings"] += created
        meetings.append(meeting)
    return meetings


def _attendance(meeting: Meeting, present: set[int]) -> None:
    """Present: the given parties; every other party with a seat absent (only if the meeting
    has no attendance yet)."""
    if meeting.attendance.exists():
        return
    for party_id in set(meeting.team.members.values_list("party_id", flat=True)):
        Attendance.objects.create(meeting=meeting, party_id=party_id, present=party_id in present)


def _case(
    team: Team, number: int, raised_at: Meeting, *, person: Person | None = None, summary: str
) -> tuple[TeamCase, bool]:
    return TeamCase.objects.get_or_create(
        team=team,
        number=number,
        defaults={"raised_at": raised_at, "person": person, "summary": summary},
    )


def _discuss(case: TeamCase, meetings: list[Meeting], counts: Counter[str]) -> None:
    for index, meeting in enumerate(meetings):
        _row, created = CaseDiscussion.objects.get_or_create(
            meeting=meeting, case=case, defaults={"notes": NOTES[index % len(NOTES)]}
        )
        counts["case_discussions"] += created


def _trisam(forbund: Forbund, counts: Counter[str]) -> None:
    team = Team.objects.filter(forbund=forbund, name=TRISAM).first()
    user = User.objects.filter(username="handlaggare").first()
    if team is None or user is None:
        return
    meetings = _meetings(team, user, counts)
    seats = set(team.members.values_list("party_id", flat=True))
    for meeting in meetings:
        _attendance(meeting, seats)
    first, created = _case(team, 1, meetings[0], summary="Kvinna 35 år, sjukskriven sedan två år")
    counts["cases"] += created
    _discuss(first, meetings, counts)
    second, created = _case(team, 2, meetings[0], summary="Man 28 år, utan försörjning")
    counts["cases"] += created
    _discuss(second, meetings[:2], counts)
    referral = referrals_visible_to(user).order_by("id").first()
    if referral is not None and second.referral_id is None:
        TeamCase.objects.filter(pk=second.pk).update(referral=referral)
    person = persons_visible_to(user).filter(is_anonymous=False).order_by("id").first()
    if person is not None:
        third, created = _case(team, 3, meetings[1], person=person, summary="Anvisad av FK")
        counts["cases"] += created
        _discuss(third, meetings[1:], counts)


def _covering_consent(user: User, team: Team, since: datetime.date) -> Consent | None:
    """An active consent, already valid on ``since``, of a person the user sees that names a
    party with a seat in the team (so someone it covers sits at the table)."""
    people = persons_visible_to(user).filter(is_anonymous=False).values("id")
    seats = team.members.values("party_id")
    return (
        active_consents()
        .filter(id__in=active_consents(today=since).values("id"))
        .filter(person_id__in=people, parties__in=seats)
        .order_by("id")
        .prefetch_related("parties")
        .first()
    )


def _consented_meeting(
    team: Team, actor: User, consent: Consent, covered: set[int], counts: Counter[str]
) -> Meeting:
    """A held extra meeting in the last weeks where only the parties the consent names came,
    so the case is shown with its name there. The team's ordinary meetings (the meetings
    demo) have the attendance of the whole team, which the consent does not cover. The
    meeting falls on a free day while the consent is valid (today at the latest)."""
    meeting = Meeting.objects.filter(
        team=team, kind=MeetingKind.EXTRA, agenda=CONSENTED_AGENDA
    ).first()
    if meeting is None:
        taken = set(Meeting.objects.filter(team=team).values_list("date", flat=True))
        today = timezone.localdate()
        days = [today - datetime.timedelta(days=back) for back in (*range(1, 60), 0)]
        day = next(
            (d for d in days if d not in taken and d >= consent.valid_from),
            max(today, consent.valid_from),
        )
        meeting = Meeting.objects.create(
            team=team,
            date=day,
            kind=MeetingKind.EXTRA,
            status=MeetingStatus.HELD,
            agenda=CONSENTED_AGENDA,
            place="Förbundets kansli",
            created_by=actor,
        )
        counts["meetings"] += 1
    _attendance(meeting, covered)
    return meeting


def _ips(forbund: Forbund, counts: Counter[str]) -> None:
    team = Team.objects.filter(forbund=forbund, name=IPS_TEAM).first()
    user = User.objects.filter(username="coach").first()
    if team is None or user is None:
        return
    meetings = _meetings(team, user, counts)
    # Valid at the last meeting at least; discussed at the meetings it covers.
    consent = _covering_consent(user, team, meetings[-1].date)
    covered = {party.pk for party in consent.parties.all()} if consent else set()
    for meeting in meetings:
        # Meetings made here: only the parties the consent names come.
        _attendance(meeting, covered)
    if consent is None:
        return
    consented = _consented_meeting(team, user, consent, covered, counts)
    valid = [m for m in meetings if m.date >= consent.valid_from and m.pk != consented.pk]
    case, created = _case(
        team,
        1,
        valid[0] if valid else consented,
        person=consent.person,
        summary="Söker arbete inom handel",
    )
    counts["cases"] += created
    _discuss(case, sorted([*valid, consented], key=lambda m: m.date), counts)


@transaction.atomic
def seed_cases(forbund: Forbund) -> Counter[str]:
    """Create whatever of the demo cases is missing; returns what it created per kind."""
    counts: Counter[str] = Counter()
    _trisam(forbund, counts)
    _ips(forbund, counts)
    return counts
