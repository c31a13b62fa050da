"""Actions agreed at a meeting: an owning party, a responsible seat, a due date, a status.

The coordinator records actions; an action without an owning party or a due date is refused.
Once the meeting's minutes are approved, no action is added to it and what was recorded
stays, but the status of its actions is still followed up at later meetings: the
coordinator or the person holding the responsible seat marks an action done or struck.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.collaboration.models import ActionStatus, MeetingAction
from samsyn.collaboration.selectors.access import actions_visible_to, may_update_action_status
from samsyn.collaboration.services._common import (
    Errors,
    audit_write,
    locked_meeting,
    raise_if,
    require_not_frozen,
    too_long,
)
from samsyn.collaboration.services.attendance import member_parties
from samsyn.core.models import TeamMember, User
from samsyn.core.versioning import save_versioned


@dataclass(frozen=True)
class ActionFields:
    text: str
    owner_party_id: int | None
    due_date: datetime.date | None
    responsible_id: int | None = None


def _errors(team_id: int, fields: ActionFields) -> Errors:
    errors: Errors = {}
    if not fields.text.strip():
        errors["text"] = [_("Beskriv åtgärden.")]
    too_long(fields.text, 2000, "text", errors)
    parties = {party.pk for party in member_parties(team_id)}
    if fields.owner_party_id is None:
        errors["owner_party"] = [_("Ange vilken part som äger åtgärden.")]
    elif fields.owner_party_id not in parties:
        errors["owner_party"] = [_("Välj en av teamets parter.")]
    if fields.due_date is None:
        errors["due_date"] = [_("Ange när åtgärden ska vara klar.")]
    if fields.responsible_id is not None:
        seat = TeamMember.objects.filter(pk=fields.responsible_id, team_id=team_id).first()
        if seat is None:
            errors["responsible"] = [_("Välj en person som sitter i teamet.")]
        elif seat.party_id != fields.owner_party_id:
            errors["responsible"] = [_("Den ansvariga personen ska sitta för den ägande parten.")]
    return errors


@transaction.atomic
def action_create(*, actor: User, meeting_id: int, fields: ActionFields) -> MeetingAction:
    meeting = locked_meeting(actor, meeting_id)
    require_not_frozen(meeting)
    raise_if(_errors(meeting.team_id, fields))
    assert fields.owner_party_id is not None and fields.due_date is not None
    action = MeetingAction.objects.create(
        meeting=meeting,
        text=fields.text.strip(),
        owner_party_id=fields.owner_party_id,
        responsible_id=fields.responsible_id,
        due_date=fields.due_date,
    )
    audit_write(actor, AuditAction.CREATE, meeting.team, action, f"Åtgärd vid möte {meeting.pk}")
    return action


@transaction.atomic
def action_set_status(
    *,
    actor: User,
    action_id: int,
    expected_version: int,
    status: str,
    done_on: datetime.date | None = None,
) -> MeetingAction:
    """Mark an action done (on ``done_on``, today by default), struck, or open again."""
    action = (
        actions_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("meeting__team__forbund")
        .filter(pk=action_id)
        .first()
    )
    if action is None:
        raise Http404
    if not may_update_action_status(actor, action):
        raise PermissionDenied(_("Bara teamets samordnare eller den ansvariga kan ändra status."))
    if status not in ActionStatus.values:
        raise ValidationError({"status": [_("Välj öppen, klar eller struken.")]})
    today = timezone.localdate()
    if status == ActionStatus.DONE:
        done_on = done_on or today
        if done_on > today:
            raise ValidationError({"done_on": [_("En åtgärd kan inte vara klar i framtiden.")]})
        if done_on < action.meeting.date:
            raise ValidationError(
                {"done_on": [_("En åtgärd kan inte bli klar före mötet där den beslutades.")]}
            )
    else:
        done_on = None
    old = action.status
    action.status, action.done_on = status, done_on
    save_versioned(action, expected_version=expected_version, fields=["status", "done_on"])
    audit_write(
        actor,
        AuditAction.UPDATE,
        action.meeting.team,
        action,
        f"Åtgärdens status ändrad från {old} till {status}",
    )
    return action
