"""Phase changes: the history is kept as rows; the registration points at the current one."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.interventions.models import Phase
from samsyn.participants.models import PhaseChange, Registration
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)


def current_phase_of(registration: Registration) -> Phase | None:
    """The phase entered last (by date, then by order of recording)."""
    latest = (
        PhaseChange.objects.filter(registration=registration)
        .select_related("phase")
        .order_by("-entered_on", "-id")
        .first()
    )
    return latest.phase if latest is not None else None


@transaction.atomic
def phase_change_create(
    *,
    actor: User,
    registration: Registration,
    phase: Phase,
    entered_on: datetime.date,
) -> PhaseChange:
    """Record that the person entered ``phase`` on ``entered_on``.

    Any of the intervention's phases may follow any other (people go back as well as
    forward). A back-dated change is kept in the history and the current phase is the one
    entered last by date.
    """
    ensure_journey_writer(actor=actor, registration=registration)
    errors: dict[str, str] = {}
    if phase.intervention_id != registration.intervention_id:
        errors["phase"] = _("Välj en av insatsens faser.")
    date_error = event_date_error(registration, entered_on)
    if date_error:
        errors["entered_on"] = date_error
    if errors:
        raise ValidationError(errors)
    # Serialise phase changes of one registration, so the pointer below is never computed
    # from a history that misses a concurrent change.
    Registration.objects.select_for_update().filter(pk=registration.pk).values("pk").first()
    change = PhaseChange.objects.create(
        registration=registration, phase=phase, entered_on=entered_on, recorded_by=actor
    )
    current = current_phase_of(registration)
    # A derived pointer, not an edit of the registration: the version stays, so an exit form
    # open in another tab is not made stale by a phase change.
    Registration.objects.filter(pk=registration.pk).update(current_phase=current)
    registration.current_phase = current
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=change,
        detail=f"Fasbyte: {phase.name}",
    )
    return change
