"""What every write of a team's meetings shares: who may write, the frozen minutes, the
audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.collaboration.models import Meeting
from samsyn.collaboration.selectors.access import coordinates, teams_visible_to
from samsyn.core.models import Team, User

ROLE = "samordnare"
FROZEN_MESSAGE = gettext_lazy(
    "Protokollet är justerat, så mötet kan inte längre ändras. Det som beslutades står kvar "
    "som det justerades."
)
NOT_COORDINATOR = gettext_lazy("Bara teamets samordnare kan göra det här.")

Errors = dict[str, list[str]]


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def require_coordinator(actor: User, team: Team) -> None:
    """404 when the team is outside the actor's scope, 403 for a member who may read but not
    manage (the member knows the team exists)."""
    if not teams_visible_to(actor).filter(pk=team.pk).exists():
        raise Http404
    if not coordinates(actor, team.pk):
        raise PermissionDenied(NOT_COORDINATOR)


def locked_meeting(actor: User, meeting_id: int) -> Meeting:
    """The meeting, locked for the write, if the actor coordinates its team."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("team__forbund")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise Http404
    require_coordinator(actor, meeting.team)
    return meeting


def require_not_frozen(meeting: Meeting) -> None:
    if meeting.minutes_are_approved:
        raise ValidationError(str(FROZEN_MESSAGE), code="frozen")


def audit_write(
    actor: User, action: AuditAction, team: Team, obj: models.Model, detail: str
) -> None:
    audit_record(
        actor=actor, action=action, forbund=team.forbund, role=ROLE, obj=obj, detail=detail
    )


def too_long(value: str, limit: int, field: str, errors: Errors) -> None:
    if len(value) > limit:
        errors[field] = [_("Högst %(limit)s tecken.") % {"limit": limit}]
