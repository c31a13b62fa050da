"""The minutes: drafted in the meeting view, approved by the coordinator, then frozen.

Approval ("justering") freezes the meeting like an approved period report: its facts,
attendance, decisions, the actions recorded at it and its case notes can no longer change
(``require_not_frozen`` in every write). Approving twice is refused. The approved minutes are
the documentation seed 001 asks for ("dokumenterade och sparade").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.collaboration.models import Meeting, MeetingStatus
from samsyn.collaboration.services._common import (
    audit_write,
    locked_meeting,
    require_not_frozen,
)
from samsyn.core.models import User
from samsyn.core.versioning import save_versioned

MAX_MINUTES = 50_000


@transaction.atomic
def minutes_save(*, actor: User, meeting_id: int, expected_version: int, text: str) -> Meeting:
    meeting = locked_meeting(actor, meeting_id)
    require_not_frozen(meeting)
    if len(text) > MAX_MINUTES:
        raise ValidationError({"minutes": [_("Protokollet får vara högst 50 000 tecken.")]})
    meeting.minutes = text.strip()
    save_versioned(meeting, expected_version=expected_version, fields=["minutes"])
    audit_write(actor, AuditAction.UPDATE, meeting.team, meeting, "Protokollsutkast sparat")
    return meeting


@transaction.atomic
def minutes_approve(*, actor: User, meeting_id: int, expected_version: int) -> Meeting:
    meeting = locked_meeting(actor, meeting_id)
    if meeting.minutes_are_approved:
        raise ValidationError(
            _("Protokollet är redan justerat (%(date)s).")
            % {"date": meeting.minutes_approved_on.isoformat()},  # type: ignore[union-attr]
            code="already_approved",
        )
    if meeting.status != MeetingStatus.HELD or not meeting.attendance.exists():
        raise ValidationError(
            _("Ta närvaro för mötet innan protokollet justeras."), code="not_held"
        )
    if not meeting.minutes.strip():
        raise ValidationError(_("Skriv protokollet innan det justeras."), code="empty")
    meeting.minutes_approved_on = timezone.localdate()
    meeting.minutes_approved_by = actor
    save_versioned(
        meeting,
        expected_version=expected_version,
        fields=["minutes_approved_on", "minutes_approved_by"],
    )
    audit_write(actor, AuditAction.UPDATE, meeting.team, meeting, "Protokoll justerat")
    return meeting


def require_meeting_open(meeting: Meeting) -> None:
    """For the cases helper's writes on a meeting (case notes): refused once approved."""
    require_not_frozen(meeting)
