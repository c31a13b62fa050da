"""Undo the removal of a meeting's decision within ``RESTORE_DAYS`` days (docs/deleting.md).

Registered with core (``samsyn.core.restorable``) in ``CollaborationConfig.ready`` under the
scope ``meeting``: the team's samordnare restores, while the minutes are not approved (after
that the meeting stands as approved and nothing comes back). A member who may only read the
meeting, and everyone else, gets 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from samsyn.collaboration.models import Meeting, MeetingDecision
from samsyn.collaboration.selectors.meetings import meeting_get
from samsyn.collaboration.services._common import ROLE, require_coordinator, require_not_frozen
from samsyn.core.models import DeletedRecord, User
from samsyn.core.restorable import (
    Place,
    RestorableKind,
    Restorer,
    RestoreScope,
    register_kind,
    register_scope,
)
from samsyn.core.services.deleted import keep_deleted

SCOPE = "meeting"
LABEL_TEXT = 120


def remember_decision(*, actor: User, meeting: Meeting, decision: MeetingDecision) -> DeletedRecord:
    text = " ".join(decision.text.split())
    if len(text) > LABEL_TEXT:
        text = text[: LABEL_TEXT - 1] + "…"
    return keep_deleted(
        instance=decision,
        forbund=meeting.team.forbund,
        scope=SCOPE,
        scope_id=meeting.pk,
        kind="decision",
        label=_("Beslut: %(text)s") % {"text": text},
        actor=actor,
    )


def _place(actor: User, meeting_id: int) -> Place:
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    title = _("Möte %(date)s, %(team)s") % {
        "date": meeting.date.isoformat(),
        "team": meeting.team.name,
    }
    link = reverse("collaboration:meeting_detail", args=[meeting.pk])
    return Place(
        title=title,
        forbund_id=meeting.team.forbund_id,
        links=[(_("Tillbaka till mötet"), link)],
    )


def _restorer(actor: User, meeting_id: int) -> Restorer:
    meeting = meeting_get(actor=actor, meeting_id=meeting_id)
    try:
        require_coordinator(actor, meeting.team)
    except PermissionDenied as error:
        raise Http404 from error
    require_not_frozen(meeting)
    return Restorer(role=ROLE)


def register_restorable() -> None:
    register_scope(RestoreScope(SCOPE, _place))
    register_kind(RestorableKind("decision", "collaboration.meetingdecision", SCOPE, _restorer))
