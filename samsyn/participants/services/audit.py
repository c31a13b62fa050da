"""Every touch of a participant's data is logged with the participant's pseudonymous code."""

from __future__ import annotations

from django.db import models

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services.events import audit_record
from samsyn.core.models import Membership, User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Person, Referral, Registration

REFUSED_DETAIL = "Åtkomst nekad: utanför behörighet eller samtycke"


def acting_role(*, actor: User, intervention: Intervention) -> str:
    """The role under which ``actor`` reaches ``intervention`` (the most specific one)."""
    roles = set(
        Membership.objects.filter(
            user=actor, is_active=True, forbund_id=intervention.forbund_id
        ).values_list("role", flat=True)
    )
    for role in ("insatsansvarig", "coach", "handlaggare", "forbundsadministrator"):
        if role in roles:
            return role
    return next(iter(sorted(roles)), "")


def audit_participant(
    *,
    actor: User | None,
    action: AuditAction | str,
    person: Person,
    intervention: Intervention,
    obj: models.Model | None = None,
    detail: str = "",
) -> AuditEvent:
    role = acting_role(actor=actor, intervention=intervention) if actor else ""
    return audit_record(
        actor=actor,
        action=action,
        forbund=intervention.forbund,
        intervention=intervention,
        role=role,
        participant_ref=person.pseudonym,
        obj=obj,
        detail=detail,
    )


def audit_refused_access(
    *, actor: User, model: type[Registration] | type[Referral], pk: int
) -> None:
    """An attempt to open a registration or referral outside one's scope is itself logged.

    A handläggare whose consent has ended must leave a trace when they try again; the event
    names the record only when it exists, and the answer is 404 either way.
    """
    record = model.objects.select_related("person", "intervention__forbund").filter(pk=pk).first()
    if record is None:
        return
    audit_participant(
        actor=actor,
        action=AuditAction.VIEW,
        person=record.person,
        intervention=record.intervention,
        obj=record,
        detail=REFUSED_DETAIL,
    )
