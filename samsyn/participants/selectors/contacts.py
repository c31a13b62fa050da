"""Reads of the contact log. The registration comes from ``registration_get``, so scope is
decided there and the caller writes the view event."""

from __future__ import annotations

from samsyn.participants.models import ParticipantContact, Registration


def contacts_of(*, registration: Registration) -> list[ParticipantContact]:
    """Newest first, one query."""
    return list(
        ParticipantContact.objects.filter(registration=registration).select_related(
            "party", "recorded_by"
        )
    )
