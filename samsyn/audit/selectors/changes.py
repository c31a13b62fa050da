"""Who last saved a record, and when: read from the record's own create/update events.

Used when a save is refused as stale, to tell the user whose version they are looking at.
The caller has already loaded the record through its scoped selector, so the user may see
it; this names only the colleague who saved it and the time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models

from samsyn.audit.models import AuditAction, AuditEvent


@dataclass(frozen=True)
class LastChange:
    by: str
    at: datetime.datetime


def last_change_of(obj: models.Model, *, forbund_id: int | None = None) -> LastChange | None:
    """The newest create/update event of ``obj``; None when the log has none.

    Pass the record's ``forbund_id`` when known: it lets the database use the log's
    (forbund, occurred_at) index instead of reading every event. One query.
    """
    events = AuditEvent.objects.filter(
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        action__in=[AuditAction.CREATE, AuditAction.UPDATE],
    )
    if forbund_id is not None:
        events = events.filter(forbund_id=forbund_id)
    event = events.select_related("actor").order_by("-occurred_at", "-id").first()
    if event is None:
        return None
    name = event.actor.get_full_name() if event.actor is not None else ""
    return LastChange(by=name or event.actor_username, at=event.occurred_at)
