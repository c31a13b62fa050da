"""Taking attendance at a held meeting: for every member party of the team, present or
absent and which of its seats came.

Recording attendance marks the meeting held (it cannot be taken before the day). The whole
attendance is written at once, one row per member party, so an absent party is a row that
says so and the absence figures (selectors/attendance.py) count only what was recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.collaboration.models import Attendance, MeetingStatus
from samsyn.collaboration.services._common import (
    Errors,
    audit_write,
    locked_meeting,
    raise_if,
    require_not_frozen,
)
from samsyn.core.models import Party, TeamMember, User
from samsyn.core.versioning import save_versioned


@dataclass(frozen=True)
class PartyAttendance:
    party_id: int
    present: bool
    member_ids: tuple[int, ...] = ()
    note: str = ""


def member_parties(team_id: int) -> list[Party]:
    """The parties holding a seat in the team, by name."""
    return list(
        Party.objects.filter(
            id__in=TeamMember.objects.filter(team_id=team_id).values("party_id")
        ).order_by("name")
    )


def _errors(team_id: int, rows: Sequence[PartyAttendance]) -> Errors:
    parties = {party.pk for party in member_parties(team_id)}
    given = [row.party_id for row in rows]
    if sorted(given) != sorted(parties) or len(set(given)) != len(given):
        return {"__all__": [_("Ange närvaro för varje part i teamet, en gång per part.")]}
    seats = dict(TeamMember.objects.filter(team_id=team_id).values_list("id", "party_id"))
    errors: Errors = {}
    for row in rows:
        key = f"party_{row.party_id}"
        if any(seats.get(member) != row.party_id for member in row.member_ids):
            errors[key] = [_("Välj bara personer som sitter i teamet för den här parten.")]
        elif row.member_ids and not row.present:
            errors[key] = [_("En frånvarande part kan inte ha deltagare på mötet.")]
        elif len(row.note) > 200:
            errors[key] = [_("Kommentaren får vara högst 200 tecken.")]
    return errors


@transaction.atomic
def attendance_record(
    *, actor: User, meeting_id: int, expected_version: int, rows: Sequence[PartyAttendance]
) -> None:
    meeting = locked_meeting(actor, meeting_id)
    require_not_frozen(meeting)
    errors = _errors(meeting.team_id, rows)
    if meeting.date > timezone.localdate():
        errors = {"__all__": [_("Närvaro kan tas först den dag mötet hålls.")]}
    elif meeting.status == MeetingStatus.CANCELLED:
        errors = {"__all__": [_("Mötet är inställt. Ändra status först om det ändå hölls.")]}
    raise_if(errors)
    meeting.status = MeetingStatus.HELD
    save_versioned(meeting, expected_version=expected_version, fields=["status"])
    Attendance.objects.filter(meeting=meeting).delete()
    created = Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting, party_id=row.party_id, present=row.present, note=row.note.strip()
        )
        for row in rows
    )
    links = [
        Attendance.members.through(attendance_id=attendance.pk, teammember_id=member)
        for attendance, row in zip(created, rows, strict=True)
        for member in row.member_ids
    ]
    Attendance.members.through.objects.bulk_create(links)
    absent = sum(1 for row in rows if not row.present)
    audit_write(
        actor,
        AuditAction.UPDATE,
        meeting.team,
        meeting,
        f"Närvaro registrerad: {len(rows) - absent} parter närvarande, {absent} frånvarande",
    )
