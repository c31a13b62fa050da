"""Journal notes: free text, encrypted at rest, every listing logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.participants.models import JournalNote, Registration
from samsyn.participants.services.journey_access import audit_journey, ensure_journey_writer

NOTE_MAX_LENGTH = 10000


@transaction.atomic
def journal_note_create(*, actor: User, registration: Registration, text: str) -> JournalNote:
    """Write a note. Notes are never edited: a correction is a new note."""
    ensure_journey_writer(actor=actor, registration=registration)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv anteckningen.")})
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Anteckningen får vara högst %(max)d tecken.") % {"max": NOTE_MAX_LENGTH}}
        )
    note = JournalNote.objects.create(registration=registration, author=actor, text=text)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=note,
        detail="Journalanteckning skriven",
    )
    return note
