"""Activities (aktiviteter) a participant took part in: type, date, hours, provider, note."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.interventions.models import ActivityType
from samsyn.participants.models import Activity, Registration
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)

MAX_HOURS = Decimal(24)
PROVIDER_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 4000


def activity_types_for(registration: Registration) -> list[ActivityType]:
    """The active activity types of the registration's förbund that its intervention offers
    (an IPS one never offers arbetsträning or praktik: docs/interventions.md)."""
    intervention = registration.intervention
    return list(
        ActivityType.objects.filter(
            forbund_id=intervention.forbund_id,
            is_active=True,
            approach__in=intervention.activity_approaches,
        ).order_by("name")
    )


def _validate(
    registration: Registration,
    *,
    activity_type: ActivityType,
    held_on: datetime.date,
    hours: Decimal,
    provider: str,
    note: str,
) -> None:
    errors: dict[str, str] = {}
    if (
        activity_type.forbund_id != registration.intervention.forbund_id
        or not activity_type.is_active
    ):
        errors["activity_type"] = _("Välj en av förbundets aktivitetstyper.")
    elif activity_type.approach not in registration.intervention.activity_approaches:
        errors["activity_type"] = _(
            "Aktivitetstypen hör inte till insatsens arbetssätt. I en IPS-insats söks arbete "
            "direkt, utan arbetsträning eller praktik först."
        )
    date_error = event_date_error(registration, held_on)
    if date_error:
        errors["held_on"] = date_error
    if not Decimal(0) <= hours <= MAX_HOURS:
        errors["hours"] = _("Ange antal timmar mellan 0 och 24.")
    if len(provider) > PROVIDER_MAX_LENGTH:
        errors["provider"] = _("Utföraren får vara högst %(max)d tecken.") % {
            "max": PROVIDER_MAX_LENGTH
        }
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("Anteckningen får vara högst %(max)d tecken.") % {"max": NOTE_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(
    *,
    actor: User,
    registration: Registration,
    activity_type: ActivityType,
    held_on: datetime.date,
    hours: Decimal,
    provider: str = "",
    note: str = "",
) -> Activity:
    ensure_journey_writer(actor=actor, registration=registration)
    provider, note = provider.strip(), note.strip()
    _validate(
        registration,
        activity_type=activity_type,
        held_on=held_on,
        hours=hours,
        provider=provider,
        note=note,
    )
    activity = Activity.objects.create(
        registration=registration,
        forbund_id=registration.intervention.forbund_id,
        activity_type=activity_type,
        held_on=held_on,
        hours=hours,
        provider=provider,
        note=note,
        recorded_by=actor,
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=activity,
        detail=f"Aktivitet: {activity_type.name}",
    )
    return activity
