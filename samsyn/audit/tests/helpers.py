"""Small builders for audit tests. Events are inserted directly: inserting is always allowed."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.models import User


def make_event(
    *,
    actor: User | None = None,
    action: str = AuditAction.VIEW,
    occurred_at: datetime.datetime | None = None,
    **fields: Any,
) -> AuditEvent:
    if actor is not None:
        fields.setdefault("actor_username", actor.username)
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        occurred_at=occurred_at or timezone.now(),
        **fields,
    )
