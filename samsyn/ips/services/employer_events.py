"""Writing the employer's history: one event row with a type and its parameters.

The callers (services/employers.py, services/contacts.py) have checked the actor's access
and run inside their own transaction; this module only turns what happened into
``EmployerEvent`` rows. The sentence is rendered when the row is shown
(``EmployerEvent.text``), so every reader sees it in their own language; the access log
gets the Swedish sentence, as it always has.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import translation

from samsyn.core.models import User
from samsyn.ips.models import (
    Employer,
    EmployerAgreement,
    EmployerContact,
    EmployerContactPerson,
    EmployerEvent,
    EmployerEventType,
    render_employer_event,
)


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def employer_event_record(
    *,
    employer: Employer,
    actor: User | None,
    event_type: EmployerEventType,
    parameters: dict[str, Any] | None = None,
) -> EmployerEvent:
    """Append one row to ``employer``'s history."""
    return EmployerEvent.objects.create(
        employer=employer, actor=actor, event_type=event_type, parameters=parameters or {}
    )


def employer_event_swedish(event: EmployerEvent) -> str:
    """The row's sentence in Swedish, whatever the request's language: for the access log."""
    with translation.override("sv"):
        return render_employer_event(event.event_type, event.parameters)


def employer_created_parameters(employer: Employer) -> dict[str, Any]:
    return {"name": employer.name}


def employer_updated_parameters(changed_fields: list[str]) -> dict[str, Any]:
    return {"fields": list(changed_fields)}


def employer_removed_parameters(removed_on: datetime.date) -> dict[str, Any]:
    return {"removed_on": removed_on.isoformat()}


def contact_person_parameters(person: EmployerContactPerson) -> dict[str, Any]:
    return {"title": person.title, "is_active": person.is_active}


def agreement_parameters(agreement: EmployerAgreement) -> dict[str, Any]:
    return {"status": agreement.status, "agreed_on": _day(agreement.agreed_on)}


def contact_logged_parameters(contact: EmployerContact) -> dict[str, Any]:
    return {
        "contact_kind": contact.kind,
        "contacted_on": contact.contacted_on.isoformat(),
        "purpose": contact.purpose,
    }
