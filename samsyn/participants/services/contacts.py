"""The contact log: contacts with a party or another recipient about a participant.

Secrecy between authorities (OSL 25:1, 26:1) lets the staff share information only as far as
the person's consent goes, so a contact is logged only with a recipient that a consent of the
person in the intervention, active on the day of the contact, names: one of its parties, or
one of its other recipients (seed 001's "tidigare arbetsplatser, praktiker, skolor och
arbetsgivare", the municipality's IFO or LSS-handläggare). Anything else is refused with a
Swedish message and nothing is saved.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import Party, User
from samsyn.participants.models import ParticipantContact, RecipientCategory, Registration
from samsyn.participants.selectors.consents import consent_covers
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)

MAX_PURPOSE = 300


@dataclass(frozen=True)
class ContactEntry:
    """Who was contacted: a party, or a recipient category with a name."""

    contacted_on: datetime.date
    purpose: str
    party: Party | None = None
    category: str = ""
    name: str = ""


def _check(registration: Registration, entry: ContactEntry) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    date_error = event_date_error(registration, entry.contacted_on)
    if date_error:
        errors["contacted_on"] = [date_error]
    if (entry.party is None) == (not entry.category):
        errors["recipient"] = [_("Välj antingen en part eller en annan mottagare.")]
    elif entry.party is not None and entry.party.forbund_id != registration.intervention.forbund_id:
        errors["recipient"] = [_("Okänd part: välj bland förbundets parter.")]
    elif entry.category and entry.category not in RecipientCategory.values:
        errors["recipient"] = [_("Okänt slag av mottagare.")]
    elif entry.category and not entry.name.strip():
        errors["recipient_name"] = [_("Ange mottagarens namn.")]
    purpose = entry.purpose.strip()
    if not purpose:
        errors["purpose"] = [_("Ange syftet med kontakten.")]
    elif len(purpose) > MAX_PURPOSE:
        errors["purpose"] = [_("Syftet får vara högst %(max)d tecken.") % {"max": MAX_PURPOSE}]
    return errors


def _recipient_label(entry: ContactEntry) -> str:
    if entry.party is not None:
        return entry.party.name
    return f"{RecipientCategory(entry.category).label}: {entry.name.strip()}"


@transaction.atomic
def participant_contact_create(
    *, actor: User, registration: Registration, entry: ContactEntry
) -> ParticipantContact:
    """Log a contact about the participant; refused unless an active consent covers it."""
    ensure_journey_writer(actor=actor, registration=registration)
    errors = _check(registration, entry)
    if errors:
        raise ValidationError(errors)
    covered = consent_covers(
        registration=registration,
        on=entry.contacted_on,
        party=entry.party,
        category=entry.category,
        name=entry.name,
    )
    if not covered:
        raise ValidationError(
            {
                "recipient": [
                    _(
                        "Personens samtycke omfattar inte kontakt med %(recipient)s den "
                        "%(date)s. Registrera ett samtycke som gäller mottagaren innan ni "
                        "tar kontakt."
                    )
                    % {"recipient": _recipient_label(entry), "date": entry.contacted_on}
                ]
            },
            code="not_covered",
        )
    contact = ParticipantContact.objects.create(
        registration=registration,
        contacted_on=entry.contacted_on,
        party=entry.party,
        recipient_category=entry.category if entry.party is None else "",
        recipient_name=entry.name.strip() if entry.party is None else "",
        purpose=entry.purpose.strip(),
        recorded_by=actor,
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=contact,
        detail="Kontakt om deltagaren loggad",
    )
    return contact
