"""Every touch of a participant's data is logged with the participant's pseudonymous code."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.services.events import ShownParticipant, audit_participants_shown, audit_record
from samsyn.core.models import Membership, User
from samsyn.interventions.models import Intervention
from samsyn.participants.models import Consent, Person, Referral, Registration

REFUSED_DETAIL = "Åtkomst nekad: utanför behörighet eller samtycke"
# A refused download of a signed consent form: the event says so and names the consent, never
# anything from the document.
CONSENT_DOCUMENT_REFUSED_DETAIL = "Åtkomst nekad: samtyckesblankett"


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


def audit_participant_records_read(
    *,
    actor: User,
    person: Person,
    intervention: Intervention,
    records: Sequence[models.Model],
    detail: str,
) -> None:
    """One view event per record read (journal notes), each naming the person and the record
    (object type and id), written in one insert."""
    if not records:
        return
    audit_participants_shown(
        actor=actor,
        role=acting_role(actor=actor, intervention=intervention),
        detail=detail,
        shown=[
            ShownParticipant(
                participant_ref=person.pseudonym,
                forbund_id=intervention.forbund_id,
                intervention_id=intervention.pk,
                obj=record,
            )
            for record in records
        ],
    )


def audit_refused_access(
    *,
    actor: User,
    model: type[Registration] | type[Referral] | type[Consent],
    pk: int,
    detail: str = REFUSED_DETAIL,
) -> None:
    """An attempt to open a registration, referral or consent outside one's scope is itself
    logged.

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
        detail=detail,
    )
