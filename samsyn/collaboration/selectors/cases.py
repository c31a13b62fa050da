"""Reads of the cases a team discusses, safe by construction (issue #14, item 3).

Who: a user holding a seat in the team (``TeamMember.user``). Everyone else — the förbund's
administrator, styrgrupp, granskare, another team's members — gets 404 on a case, a case
list or a meeting's cases: the administrator manages the team's meetings but the cases and
their notes are the team's own work; styrgrupp sees the figures only (selectors/figures.py).

Identity: a case is shown with its name only when :func:`case_shown_identified` says so, for
that viewer and that meeting; otherwise under its stable code (``Ä-007``) with the summary
(written without names) and the notes. Every read of notes leaves an audit event naming the
participant's pseudonym, or for a case without a registered person its code and team.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from samsyn.audit.services.events import ShownParticipant, audit_participants_shown
from samsyn.collaboration.models import Attendance, CaseDiscussion, Meeting, TeamCase
from samsyn.collaboration.selectors.access import seated_teams
from samsyn.core.models import Membership, Team, TeamMember, User
from samsyn.participants.models import Consent, Person
from samsyn.participants.selectors.scoping import persons_visible_to

NOTES_READ_DETAIL = "Anteckningar om ärende i team visade"
CASES_SHOWN_DETAIL = "Ärenden i team visade"
CHOICES_SHOWN_DETAIL = "Deltagare att ta upp i team visade"


# --- the rule -----------------------------------------------------------------------------


def case_shown_identified(
    *,
    has_person: bool,
    viewer_may_see_person: bool,
    parties_present: frozenset[int],
    consented_parties: Iterable[frozenset[int]],
) -> bool:
    """Whether a case is shown with the person's name to this viewer at this meeting.

    All of these must hold, otherwise the case is shown under its code only:

    1. the case is a registered participant (``has_person``) — a person not in any
       intervention has no identity stored at all;
    2. the viewer may see that participant anyway (``viewer_may_see_person``: the person is
       in ``participants.selectors.scoping.persons_visible_to(viewer)``, i.e. the viewer's
       caseload, intervention or own referral with its consent — a team seat alone grants
       nothing);
    3. some parties are known to be present (``parties_present``: the parties marked present
       in the attendance, or before attendance is taken every party with a seat in the team),
       and
    4. ONE of the person's consents that is active both on the meeting's day and today
       (not expired, not withdrawn — ``consented_parties`` holds the party ids of each such
       consent) names every party present. Consents of different interventions are not
       added together: each was signed for its own purpose.
    """
    if not has_person or not viewer_may_see_person or not parties_present:
        return False
    return any(parties_present <= parties for parties in consented_parties)


# --- the facts the rule needs, for many cases at once (constant queries) -------------------


def parties_present_at(meetings: Iterable[Meeting]) -> dict[int, frozenset[int]]:
    """For each meeting, the parties present; before attendance is recorded, every party
    with a seat in the team (whoever may come). Two queries."""
    meetings = list(meetings)
    present: dict[int, set[int]] = {meeting.pk: set() for meeting in meetings}
    recorded: set[int] = set()
    rows = Attendance.objects.filter(meeting__in=[m.pk for m in meetings]).order_by()
    for meeting_id, party_id, is_present in rows.values_list("meeting_id", "party_id", "present"):
        recorded.add(meeting_id)
        if is_present:
            present[meeting_id].add(party_id)
    unrecorded = [m for m in meetings if m.pk not in recorded]
    if unrecorded:
        seats = TeamMember.objects.filter(team__in={m.team_id for m in unrecorded}).order_by()
        by_team: dict[int, set[int]] = defaultdict(set)
        for team_id, party_id in seats.values_list("team_id", "party_id"):
            by_team[team_id].add(party_id)
        for meeting in unrecorded:
            present[meeting.pk] = by_team[meeting.team_id]
    return {meeting_id: frozenset(parties) for meeting_id, parties in present.items()}


@dataclass
class _ConsentFacts:
    valid_from: datetime.date
    valid_to: datetime.date | None
    withdrawn_on: datetime.date | None
    parties: set[int] = field(default_factory=set)

    def active_on(self, day: datetime.date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _consents_of(person_ids: set[int]) -> dict[int, list[_ConsentFacts]]:
    """Every consent of the persons with its parties: one query."""
    consents: dict[int, _ConsentFacts] = {}
    by_person: dict[int, list[_ConsentFacts]] = defaultdict(list)
    if not person_ids:
        return by_person
    rows = (
        Consent.objects.filter(person_id__in=person_ids)
        .order_by()
        .values_list("id", "person_id", "valid_from", "valid_to", "withdrawn_on", "parties")
    )
    for consent_id, person_id, valid_from, valid_to, withdrawn_on, party_id in rows:
        if consent_id not in consents:
            consents[consent_id] = _ConsentFacts(valid_from, valid_to, withdrawn_on)
            by_person[person_id].append(consents[consent_id])
        if party_id is not None:
            consents[consent_id].parties.add(party_id)
    return by_person


class IdentityFacts:
    """What the rule needs for a set of (case, meeting) pairs seen by one viewer: who the
    viewer may see, which parties each meeting had, and the persons' consents. Four queries
    at most, however many cases."""

    def __init__(self, *, viewer: User, cases: Iterable[TeamCase], meetings: Iterable[Meeting]):
        person_ids = {case.person_id for case in cases if case.person_id is not None}
        self.visible: set[int] = (
            set(
                persons_visible_to(viewer)
                .filter(id__in=person_ids)
                .order_by()
                .values_list("id", flat=True)
            )
            if person_ids
            else set()
        )
        self.present = parties_present_at(meetings)
        self.consents = _consents_of(person_ids)
        self.today = timezone.localdate()

    def identified(self, case: TeamCase, meeting: Meeting) -> bool:
        active = [
            frozenset(consent.parties)
            for consent in self.consents.get(case.person_id or 0, [])
            if consent.active_on(meeting.date) and consent.active_on(self.today)
        ]
        return case_shown_identified(
            has_person=case.person_id is not None,
            viewer_may_see_person=case.person_id in self.visible,
            parties_present=self.present.get(meeting.pk, frozenset()),
            consented_parties=active,
        )


# --- scope ----------------------------------------------------------------------------------


def case_teams_for(user: User) -> QuerySet[Team]:
    """Teams whose cases ``user`` works with: those where the user holds a seat under a role
    that works with people (selectors/access.py); a styrgrupp or granskare seat opens none."""
    return seated_teams(user).filter(is_active=True)


def cases_visible_to(user: User) -> QuerySet[TeamCase]:
    return TeamCase.objects.filter(team__in=case_teams_for(user).values("id"))


def case_team_get(*, actor: User, team_id: int) -> Team:
    team = case_teams_for(actor).select_related("forbund").filter(pk=team_id).first()
    if team is None:
        raise Http404
    return team


def case_meeting_get(*, actor: User, meeting_id: int) -> Meeting:
    """A meeting of a team whose cases the actor works with, or 404."""
    meeting = (
        Meeting.objects.filter(team__in=case_teams_for(actor).values("id"), pk=meeting_id)
        .select_related("team", "team__forbund")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def case_get(*, actor: User, case_id: int) -> TeamCase:
    case = (
        cases_visible_to(actor)
        .select_related("team", "team__forbund", "person", "raised_at", "referral")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise Http404
    return case


def discussion_get(*, actor: User, discussion_id: int) -> CaseDiscussion:
    discussion = (
        CaseDiscussion.objects.filter(case__in=cases_visible_to(actor).values("id"))
        .select_related("case", "case__team", "case__team__forbund", "case__person", "meeting")
        .filter(pk=discussion_id)
        .first()
    )
    if discussion is None:
        raise Http404
    return discussion


# --- audit ----------------------------------------------------------------------------------


def case_ref(case: TeamCase) -> str:
    """How the log names a case: the person's pseudonym, or the code and the team."""
    if case.person is not None:
        return case.person.pseudonym
    return f"{case.code} team {case.team_id}"


def role_in_forbund(*, actor: User, forbund_id: int) -> str:
    roles = sorted(
        Membership.objects.filter(user=actor, is_active=True, forbund_id=forbund_id).values_list(
            "role", flat=True
        )
    )
    return roles[0] if roles else "teammedlem"


def audit_cases_read(
    *, actor: User, team: Team, shown: Iterable[tuple[TeamCase, object]], detail: str
) -> None:
    """One view event per case (and record) shown, written in one insert."""
    items = [
        ShownParticipant(participant_ref=case_ref(case), forbund_id=team.forbund_id, obj=obj)  # type: ignore[arg-type]
        for case, obj in shown
    ]
    if items:
        audit_participants_shown(
            actor=actor,
            role=role_in_forbund(actor=actor, forbund_id=team.forbund_id),
            detail=detail,
            shown=items,
        )


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownCase:
    case: TeamCase
    identified: bool
    meetings_discussed: int = 0
    first_raised: datetime.date | None = None

    @property
    def label(self) -> str:
        """The name where the rule allows it, the code otherwise."""
        if self.identified and self.case.person is not None:
            return f"{self.case.code} – {self.case.person.display_name}"
        return self.case.code


@dataclass(frozen=True)
class ShownDiscussion:
    discussion: CaseDiscussion
    shown: ShownCase

    @property
    def frozen(self) -> bool:
        return self.discussion.meeting.minutes_are_approved


def case_list(*, actor: User, team: Team) -> list[ShownCase]:
    """The team's cases: code, first raised, meetings discussed, referral yes/no. Each is
    identified as at its latest meeting. Constant queries; identified cases are logged."""
    cases = list(
        TeamCase.objects.filter(team=team)
        .select_related("person", "raised_at")
        .annotate(
            meetings_discussed=Count("discussions", distinct=True),
            # The latest meeting by date (not by id: a series is planned ahead).
            latest_meeting=Subquery(
                CaseDiscussion.objects.filter(case=OuterRef("pk"))
                .order_by("-meeting__date", "-meeting_id")
                .values("meeting_id")[:1]
            ),
        )
        .order_by("number")
    )
    latest_ids = {case.latest_meeting or case.raised_at_id for case in cases}
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=latest_ids)}
    facts = IdentityFacts(viewer=actor, cases=cases, meetings=meetings.values())
    rows = [
        ShownCase(
            case=case,
            identified=facts.identified(
                case,
                meetings[case.latest_meeting or case.raised_at_id],
            ),
            meetings_discussed=case.meetings_discussed,
            first_raised=case.raised_at.date,
        )
        for case in cases
    ]
    audit_cases_read(
        actor=actor,
        team=team,
        shown=[(row.case, row.case) for row in rows if row.identified],
        detail=CASES_SHOWN_DETAIL,
    )
    return rows


def discussions_shown(*, actor: User, discussions: list[CaseDiscussion]) -> list[ShownDiscussion]:
    """The discussions with the identity rule applied (no audit: the caller logs)."""
    facts = IdentityFacts(
        viewer=actor,
        cases=[d.case for d in discussions],
        meetings={d.meeting for d in discussions},
    )
    return [
        ShownDiscussion(
            discussion=d,
            shown=ShownCase(case=d.case, identified=facts.identified(d.case, d.meeting)),
        )
        for d in discussions
    ]


@dataclass(frozen=True)
class CasePage:
    case: TeamCase
    shown: ShownCase
    discussions: list[ShownDiscussion]


def case_page(*, actor: User, case: TeamCase) -> CasePage:
    """The case and its discussions over time, each identified as at its own meeting; the
    case's heading as at its latest meeting. Every note read is logged."""
    discussions = list(
        CaseDiscussion.objects.filter(case=case)
        .select_related("meeting", "case", "case__person")
        .order_by("meeting__date", "meeting_id")
    )
    shown = discussions_shown(actor=actor, discussions=discussions)
    latest = discussions[-1].meeting if discussions else case.raised_at
    identified = IdentityFacts(viewer=actor, cases=[case], meetings=[latest]).identified(
        case, latest
    )
    audit_cases_read(
        actor=actor,
        team=case.team,
        shown=[(case, item.discussion) for item in shown] or [(case, case)],
        detail=NOTES_READ_DETAIL,
    )
    return CasePage(case=case, shown=ShownCase(case=case, identified=identified), discussions=shown)


def meeting_cases(*, actor: User, meeting: Meeting) -> list[ShownDiscussion]:
    """The cases on one meeting's agenda with their notes; every note read is logged."""
    discussions = list(
        CaseDiscussion.objects.filter(meeting=meeting)
        .select_related("meeting", "case", "case__person")
        .order_by("case__number")
    )
    shown = discussions_shown(actor=actor, discussions=discussions)
    audit_cases_read(
        actor=actor,
        team=meeting.team,
        shown=[(item.discussion.case, item.discussion) for item in shown],
        detail=NOTES_READ_DETAIL,
    )
    return shown


def meeting_cases_for(*, actor: User, meeting: Meeting) -> list[ShownDiscussion] | None:
    """The meeting's cases for its page or minutes, or None when the actor holds no seat
    that works with the team's cases (then the block is left out, not empty)."""
    if not case_teams_for(actor).filter(pk=meeting.team_id).exists():
        return None
    return meeting_cases(actor=actor, meeting=meeting)


def discussion_shown(*, actor: User, discussion: CaseDiscussion) -> ShownDiscussion:
    """One discussion (the notes form); its read is logged."""
    shown = discussions_shown(actor=actor, discussions=[discussion])[0]
    audit_cases_read(
        actor=actor,
        team=discussion.case.team,
        shown=[(discussion.case, discussion)],
        detail=NOTES_READ_DETAIL,
    )
    return shown


def person_choices(*, actor: User, team: Team, audit: bool = True) -> list[Person]:
    """The registered participants the actor may put on the team's agenda: only those the
    actor may see anyway (participants' own scoping), never anyone else. Listing them is
    logged (their names are shown) unless ``audit`` is False (a POST validating a choice)."""
    persons = list(
        persons_visible_to(actor)
        .filter(forbund_id=team.forbund_id, is_anonymous=False, identity_cleared_on__isnull=True)
        .order_by("id")
    )
    if not audit:
        return persons
    audit_participants_shown(
        actor=actor,
        role=role_in_forbund(actor=actor, forbund_id=team.forbund_id),
        detail=CHOICES_SHOWN_DETAIL,
        shown=[
            ShownParticipant(participant_ref=p.pseudonym, forbund_id=team.forbund_id, obj=p)
            for p in persons
        ],
    )
    return persons


def case_teams_page(*, actor: User) -> list[Team]:
    """The teams whose cases the actor works with, by name."""
    return list(case_teams_for(actor).order_by("name"))


def open_cases_of(*, team: Team) -> list[TeamCase]:
    """The team's open cases, to continue at a meeting (codes only)."""
    return list(TeamCase.objects.filter(team=team, is_closed=False).order_by("number"))


def case_for_referral_origin(referral_ids: Iterable[int]) -> dict[int, TeamCase]:
    """Cases linked to the referrals, with the meeting each was raised at (one query)."""
    cases = TeamCase.objects.filter(referral_id__in=list(referral_ids)).select_related(
        "raised_at", "team"
    )
    return {case.referral_id: case for case in cases if case.referral_id is not None}
