"""Writing to the access log. Every service that touches personal data calls ``audit_record``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from samsyn.audit.context import current_origin
from samsyn.audit.models import AuditAction, AuditEvent

if TYPE_CHECKING:
    from samsyn.core.models import Forbund, User
    from samsyn.interventions.models import Intervention


def audit_record(
    *,
    actor: User | None,
    action: AuditAction | str,
    forbund: Forbund | None = None,
    intervention: Intervention | None = None,
    role: str = "",
    participant_ref: str = "",
    obj: models.Model | None = None,
    detail: str = "",
    actor_username: str = "",
) -> AuditEvent:
    """Append one event. Origin (IP address, request id) comes from the current request."""
    origin = current_origin()
    if intervention is not None and forbund is None:
        forbund = intervention.forbund
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_username=(user.get_username() if user else actor_username)[:150],
        role=role,
        forbund=forbund,
        intervention=intervention,
        participant_ref=participant_ref,
        action=str(action),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        detail=detail[:255],
        ip_address=origin.ip_address,
        request_id=origin.request_id,
    )
