"""Who may change the journey of a registration (plan, phases, activities, steps, notes).

Reading is decided by ``samsyn/participants/selectors/scoping.py``. Writing journey data is
narrower:

- the insatsansvarig of the intervention;
- a coach of the intervention who has the registration in their caseload: their own
  participants, or every participant of the intervention when it shares caseloads.

A handläggare sees the page of a person they referred (while the consent covers their
party) but changes nothing on it: existence is no secret to them, so a write attempt is
answered 403 with a Swedish message. Anyone who cannot see the registration gets 404.

Journal notes are the intervention staff's working notes and are shown to the same people
who may write them (not to the referring handläggare).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import Registration
from samsyn.participants.selectors.scoping import registrations_visible_to
from samsyn.participants.services.audit import audit_participant

READ_ONLY_MESSAGE = _(
    "Du kan se deltagarens uppgifter men inte ändra dem. Det gör insatsansvarig "
    "och deltagarens coach."
)


def can_write_journey(*, actor: User, registration: Registration) -> bool:
    """True when ``actor`` may change the journey of ``registration`` (see module doc)."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    intervention_id = registration.intervention_id
    if interventions_visible_to(actor, Role.INSATSANSVARIG).filter(pk=intervention_id).exists():
        return True
    if not interventions_visible_to(actor, Role.COACH).filter(pk=intervention_id).exists():
        return False
    return registration.coach_id == actor.pk or registration.intervention.coaches_share_caseload


def ensure_journey_writer(*, actor: User, registration: Registration) -> None:
    """404 when the registration is outside the actor's scope, 403 when it is read-only."""
    if not registrations_visible_to(actor).filter(pk=registration.pk).exists():
        raise Http404
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(READ_ONLY_MESSAGE)


def event_date_error(
    registration: Registration, day: datetime.date, *, today: datetime.date | None = None
) -> str | None:
    """Why ``day`` cannot date an event of the registration, or None when it can.

    Events happen between the start of the registration and its end (or today while it is
    ongoing); nothing is recorded ahead of time.
    """
    today = today or timezone.localdate()
    if day > today:
        return str(_("Datumet kan inte ligga i framtiden."))
    if day < registration.start_date:
        return str(
            _("Datumet ligger före inskrivningen (%(start)s).")
            % {"start": registration.start_date.isoformat()}
        )
    if registration.end_date is not None and day > registration.end_date:
        return str(
            _("Datumet ligger efter avslutet (%(end)s).")
            % {"end": registration.end_date.isoformat()}
        )
    return None


def audit_journey(
    *,
    actor: User,
    registration: Registration,
    action: str,
    obj: models.Model | None = None,
    detail: str = "",
) -> None:
    """One audit event about ``registration``'s person, in its intervention."""
    audit_participant(
        actor=actor,
        action=action,
        person=registration.person,
        intervention=registration.intervention,
        obj=obj,
        detail=detail,
    )
