"""Writes of the cases a team discusses: put a case on a meeting's agenda, write its notes,
link it to the referral it led to. Every write checks that the actor holds a seat in the
team, validates, and logs (the participant's pseudonym, or the case's code and team)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.collaboration.models import CaseDiscussion, Meeting, MeetingStatus, TeamCase
from samsyn.collaboration.selectors.cases import (
    case_ref,
    case_teams_for,
    cases_visible_to,
    role_in_forbund,
)
from samsyn.core.models import Team, User
from samsyn.core.versioning import save_versioned
from samsyn.participants.models import Person, Referral
from samsyn.participants.selectors.scoping import persons_visible_to, referrals_visible_to

NOTES_MAX_LENGTH = 10000
# Six digits or more in a row look like a personnummer or a case number of another
# authority: a summary is written without anything that identifies the person.
_IDENTIFYING_DIGITS = re.compile(r"\d[\d\s-]{5,}\d")


def _ensure_seat(*, actor: User, team: Team) -> None:
    if not case_teams_for(actor).filter(pk=team.pk).exists():
        raise Http404


def _log(*, actor: User, case: TeamCase, action: AuditAction, obj: object, detail: str) -> None:
    audit_record(
        actor=actor,
        action=action,
        forbund=case.team.forbund,
        role=role_in_forbund(actor=actor, forbund_id=case.team.forbund_id),
        participant_ref=case_ref(case),
        obj=obj,  # type: ignore[arg-type]
        detail=detail,
    )


def _ensure_open_meeting(meeting: Meeting) -> None:
    if meeting.minutes_are_approved:
        raise ValidationError(_("Protokollet är justerat: mötets ärenden kan inte ändras."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Mötet är inställt: inga ärenden kan tas upp."))


def _clean_summary(summary: str) -> str:
    summary = summary.strip()
    if len(summary) > 200:
        raise ValidationError({"summary": _("Beskrivningen får vara högst 200 tecken.")})
    if _IDENTIFYING_DIGITS.search(summary):
        raise ValidationError(
            {
                "summary": _(
                    "Skriv beskrivningen utan personnummer eller andra nummer "
                    "som pekar ut personen."
                )
            }
        )
    return summary


def _new_case(*, team: Team, meeting: Meeting, person: Person | None, summary: str) -> TeamCase:
    # Lock the team row so two members adding cases at once get different numbers.
    Team.objects.select_for_update().filter(pk=team.pk).first()
    last = TeamCase.objects.filter(team=team).aggregate(last=Max("number"))["last"] or 0
    return TeamCase.objects.create(
        team=team, number=last + 1, person=person, raised_at=meeting, summary=summary
    )


@transaction.atomic
def case_add_to_meeting(
    *,
    actor: User,
    meeting: Meeting,
    person: Person | None = None,
    case: TeamCase | None = None,
    summary: str = "",
) -> CaseDiscussion:
    """Put a case on the meeting's agenda: an existing case of the team (continued), a
    registered participant the actor may see anyway (their earlier case of this team is
    reused, so the code stays the same), or — neither given — a new case without identity,
    described by ``summary`` without names."""
    team = meeting.team
    _ensure_seat(actor=actor, team=team)
    _ensure_open_meeting(meeting)
    summary = _clean_summary(summary)
    if case is not None and person is not None:
        raise ValidationError(_("Välj antingen ett pågående ärende eller en deltagare."))
    if case is not None:
        if case.team_id != team.pk or not cases_visible_to(actor).filter(pk=case.pk).exists():
            raise ValidationError({"case": _("Välj ett ärende i mötets team.")})
    elif person is not None:
        if not persons_visible_to(actor).filter(pk=person.pk, forbund_id=team.forbund_id).exists():
            raise ValidationError({"person": _("Välj en deltagare som du har tillgång till.")})
        case = TeamCase.objects.filter(team=team, person=person).first()
    if case is None:
        if person is None and not summary:
            raise ValidationError(
                {"summary": _("Beskriv ärendet kort, utan namn, eller välj en deltagare.")}
            )
        case = _new_case(team=team, meeting=meeting, person=person, summary=summary)
    if CaseDiscussion.objects.filter(meeting=meeting, case=case).exists():
        raise ValidationError(
            _("Ärendet %(code)s finns redan på mötets dagordning.") % {"code": case.code}
        )
    discussion = CaseDiscussion.objects.create(meeting=meeting, case=case)
    _log(
        actor=actor,
        case=case,
        action=AuditAction.CREATE,
        obj=discussion,
        detail="Ärende taget upp i team",
    )
    return discussion


@transaction.atomic
def case_notes_update(
    *, actor: User, discussion: CaseDiscussion, notes: str, expected_version: int
) -> CaseDiscussion:
    """Write the notes of a case at a meeting. Refused once the minutes are approved, and
    when someone else saved in between (stale version)."""
    case = discussion.case
    _ensure_seat(actor=actor, team=case.team)
    meeting = Meeting.objects.get(pk=discussion.meeting_id)
    if meeting.minutes_are_approved:
        raise ValidationError(_("Protokollet är justerat: anteckningarna kan inte ändras."))
    notes = notes.strip()
    if len(notes) > NOTES_MAX_LENGTH:
        raise ValidationError(
            {
                "notes": _("Anteckningarna får vara högst %(max)d tecken.")
                % {"max": NOTES_MAX_LENGTH}
            }
        )
    discussion.notes = notes
    save_versioned(discussion, expected_version=expected_version, fields=["notes"])
    _log(
        actor=actor,
        case=case,
        action=AuditAction.UPDATE,
        obj=discussion,
        detail="Anteckningar om ärende i team ändrade",
    )
    return discussion


@transaction.atomic
def case_link_referral(*, actor: User, case_id: int, referral: Referral) -> TeamCase:
    """Record that ``referral`` came from the team's case (the Trisam route of seed 000).

    The actor must hold a seat in the case's team and see the referral (they just made it);
    a case already linked keeps its first referral. The case keeps its code and identity:
    linking says where the referral came from, it does not name the case's person.
    """
    case = (
        cases_visible_to(actor).select_related("team__forbund", "person").filter(pk=case_id).first()
    )
    if case is None:
        raise Http404
    if not referrals_visible_to(actor).filter(pk=referral.pk).exists():
        raise Http404
    if referral.intervention.forbund_id != case.team.forbund_id:
        raise ValidationError(_("Anvisningen gäller ett annat förbund än ärendet."))
    if case.referral_id is not None and case.referral_id != referral.pk:
        raise ValidationError(
            _("Ärendet %(code)s är redan kopplat till en anvisning.") % {"code": case.code}
        )
    TeamCase.objects.filter(pk=case.pk).update(referral=referral)
    case.referral = referral
    _log(
        actor=actor,
        case=case,
        action=AuditAction.UPDATE,
        obj=case,
        detail="Ärende i team kopplat till anvisning",
    )
    return case


class TeamCaseOrigin:
    """A referral made from a team's case (``?fran_arende=<case id>`` on the referral form),
    registered in ``participants.referral_origins`` by ``CollaborationConfig.ready``."""

    param = "fran_arende"

    def link(self, *, actor: User, referral: Referral, origin_id: int) -> None:
        case_link_referral(actor=actor, case_id=origin_id, referral=referral)

    def describe(self, *, referral: Referral) -> str:
        case = (
            TeamCase.objects.filter(referral=referral)
            .select_related("team", "raised_at")
            .order_by("id")
            .first()
        )
        if case is None:
            return ""
        return _("Ärende %(code)s i %(team)s, taget upp vid mötet %(date)s") % {
            "code": case.code,
            "team": case.team.name,
            "date": case.raised_at.date.isoformat(),
        }


TEAM_CASE_ORIGIN = TeamCaseOrigin()
