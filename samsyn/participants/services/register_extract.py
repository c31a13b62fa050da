"""Producing a register extract (GDPR Art. 15): the request and the delivery are logged."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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


# Not one transaction: the request's event, the reads and the PDF rendering, then the
# delivery's event, each on its own, so no write lock is held while the PDF renders.
def register_extract_produce(
    *,
    actor: User,
    personnummer: Personnummer,
    output: ExtractFormat,
    forbund_id: int | None = None,
) -> DeliveredExtract:
    """Everything the förbund holds about the person, as PDF or JSON; 404 unless ``actor``
    is a förbundsadministratör of the förbund."""
    forbund = administered_forbund_get(actor=actor, forbund_id=forbund_id)
    person = person_by_personnummer(forbund=forbund, personnummer=personnummer)
    pseudonym = person.pseudonym if person is not None else ""
    audit_record(
        actor=actor,
        action=AuditAction.VIEW,
        forbund=forbund,
        role=Role.FORBUNDSADMIN,
        participant_ref=pseudonym,
        obj=person,
        detail="Registerutdrag begärt (art. 15)"
        + ("" if person is not None else ": inga uppgifter om personen"),
    )
    extract = register_extract_build(forbund=forbund, person=person)
    if output == ExtractFormat.PDF:
        content, content_type, action = (
            register_extract_pdf(extract),
            "application/pdf",
            AuditAction.PRINT,
        )
    else:
        content = register_extract_json(extract)
        content_type, action = "application/json", AuditAction.EXPORT
    audit_record(
        actor=actor,
        action=action,
        forbund=forbund,
        role=Role.FORBUNDSADMIN,
        participant_ref=pseudonym,
        obj=person,
        detail=f"Registerutdrag levererat som {output.value.upper()}",
    )
    stamp = extract.produced_at.strftime("%Y%m%d")
    name = f"registerutdrag-{pseudonym or 'inga-uppgifter'}-{stamp}.{output.value}"
    return DeliveredExtract(content=content, content_type=content_type, filename=name)
