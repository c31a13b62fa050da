"""Erasure on request (GDPR Art. 17): one förbundsadministratör asks, another approves.

The approved erasure goes through the retention path (services/retention.py): free text,
documents, contact details and identity are cleared, the statistics stay. A person with an
ongoing registration is refused: the registration must be ended first
(docs/data-lifecycle.md)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.personnummer import Personnummer
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.core.versioning import save_versioned
from samsyn.participants.models import (
    ErasureRequest,
    ErasureStatus,
    Person,
    Referral,
    Registration,
)
from samsyn.participants.selectors.register_extract import (
    administered_forbund_get,
    person_by_personnummer,
)
from samsyn.participants.services.retention import (
    ERASURE_ACTOR_DETAIL,
    RetentionResult,
    personal_data_clear,
)


def erasure_request_list(*, actor: User) -> QuerySet[ErasureRequest]:
    """The requests of the förbund ``actor`` administers, newest first (constant queries)."""
    return ErasureRequest.objects.filter(
        forbund__in=forbunds_administered_by(actor)
    ).select_related("forbund", "person", "requested_by", "decided_by")


def erasure_request_get(*, actor: User, request_id: int) -> ErasureRequest:
    found = erasure_request_list(actor=actor).filter(pk=request_id).first()
    if found is None:
        raise Http404
    return found


def _refuse_if_ongoing(person: Person) -> None:
    if Registration.objects.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError(
            _("Personen har en pågående inskrivning. Avsluta den innan uppgifterna raderas."),
            code="ongoing",
        )


@transaction.atomic
def erasure_request_create(
    *, actor: User, personnummer: Personnummer, reason: str, forbund_id: int | None = None
) -> ErasureRequest:
    forbund = administered_forbund_get(actor=actor, forbund_id=forbund_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Ange skälet till begäran.")})
    person = person_by_personnummer(forbund=forbund, personnummer=personnummer)
    if person is None:
        raise ValidationError(
            {"personnummer": _("Förbundet har inga uppgifter om personen med det personnumret.")}
        )
    _refuse_if_ongoing(person)
    if ErasureRequest.objects.filter(person=person, status=ErasureStatus.PENDING).exists():
        raise ValidationError(
            _("Det finns redan en begäran om radering för personen som väntar på godkännande."),
            code="pending",
        )
    request = ErasureRequest.objects.create(
        forbund=forbund, person=person, reason=reason[:300], requested_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        forbund=forbund,
        role=Role.FORBUNDSADMIN,
        participant_ref=person.pseudonym,
        obj=request,
        detail="Begäran om radering (art. 17)",
    )
    return request


@transaction.atomic
def erasure_request_decide(
    *, actor: User, request: ErasureRequest, approve: bool, expected_version: int
) -> RetentionResult | None:
    """Approve (and carry out) or refuse a pending request; never by the one who asked."""
    request = erasure_request_get(actor=actor, request_id=request.pk)
    if request.requested_by_id == actor.pk:
        raise ValidationError(
            _("En annan förbundsadministratör än den som begärde raderingen måste besluta."),
            code="same_admin",
        )
    if request.status != ErasureStatus.PENDING:
        raise ValidationError(_("Begäran är redan beslutad."), code="decided")
    if approve:
        _refuse_if_ongoing(request.person)
    request.status = ErasureStatus.APPROVED if approve else ErasureStatus.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    save_versioned(
        request, expected_version=expected_version, fields=["status", "decided_by", "decided_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        forbund=request.forbund,
        role=Role.FORBUNDSADMIN,
        participant_ref=request.person.pseudonym,
        obj=request,
        detail="Radering godkänd (art. 17)" if approve else "Radering avslagen (art. 17)",
    )
    if not approve:
        return None
    person = request.person
    return personal_data_clear(
        forbund=request.forbund,
        today=timezone.localdate(),
        registration_ids=list(
            Registration.objects.filter(
                person=person, personal_data_cleared_on__isnull=True
            ).values_list("pk", flat=True)
        ),
        referral_ids=list(
            Referral.objects.filter(
                person=person, personal_data_cleared_on__isnull=True
            ).values_list("pk", flat=True)
        ),
        detail=ERASURE_ACTOR_DETAIL,
        actor_username=actor.get_username(),
        actor_id=actor.pk,
    )
