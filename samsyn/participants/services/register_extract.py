"""Producing a register extract (GDPR Art. 15): the request and the delivery are logged."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import User
from samsyn.core.personnummer import Personnummer
from samsyn.core.roles import Role
from samsyn.participants.documents.register_extract import (
    register_extract_json,
    register_extract_pdf,
)
from samsyn.participants.selectors.register_extract import (
    RegisterExtract,
    administered_forbund_get,
    person_by_personnummer,
    register_extract_build,
)


class ExtractFormat(StrEnum):
    JSON = "json"
    PDF = "pdf"


@dataclass(frozen=True)
class DeliveredExtract:
    content: bytes
    content_type: str
    filename: str


def register_extract_produce(
    *,
    actor: User,
    personnummer: Personnummer,
    output: ExtractFormat,
    forbund_id: int | None = None,
) -> DeliveredExtract:
    """Everything the förbund holds about the person, as PDF or JSON; 404 unless ``actor``
    is a förbundsadministratör of the förbund.

    The request's event and the reads are one short transaction; the file is rendered after
    it has committed (on SQLite an open transaction holds the database's one write lock, and
    a PDF takes seconds: issue #11), then the delivery's event is written."""
    extract = _extract_requested(actor=actor, personnummer=personnummer, forbund_id=forbund_id)
    if output == ExtractFormat.PDF:
        content, content_type = register_extract_pdf(extract), "application/pdf"
        action = AuditAction.PRINT
    else:
        content, content_type = register_extract_json(extract), "application/json"
        action = AuditAction.EXPORT
    pseudonym = extract.pseudonym
    audit_record(
        actor=actor,
        action=action,
        forbund=extract.forbund,
        role=Role.FORBUNDSADMIN,
        participant_ref=pseudonym,
        obj=extract.person,
        detail=f"Registerutdrag levererat som {output.value.upper()}",
    )
    stamp = extract.produced_at.strftime("%Y%m%d")
    name = f"registerutdrag-{pseudonym or 'inga-uppgifter'}-{stamp}.{output.value}"
    return DeliveredExtract(content=content, content_type=content_type, filename=name)


@transaction.atomic
def _extract_requested(
    *, actor: User, personnummer: Personnummer, forbund_id: int | None
) -> RegisterExtract:
    forbund = administered_forbund_get(actor=actor, forbund_id=forbund_id)
    person = person_by_personnummer(forbund=forbund, personnummer=personnummer)
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=forbund,
        role=Role.FORBUNDSADMIN,
        participant_ref=person.pseudonym if person is not None else "",
        obj=person,
        detail="Registerutdrag begärt (art. 15)"
        + ("" if person is not None else ": inga uppgifter om personen"),
    )
    return register_extract_build(forbund=forbund, person=person)
