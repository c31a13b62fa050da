"""Follow-up meetings (step 8) and the write-access rule shared by the follow-up services.

Who may write is the rule of ``services/journey_access.py``: the intervention's insatsansvarig
and the coach who has the person in their caseload. A handläggare who can see the
registration (their own referral, consent active) may read it but not change it: that is a
PermissionDenied with a Swedish message, since the existence of the registration is no secret
to them. Everybody else gets 404.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import FollowUpMeeting, Registration
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.journey_access import READ_ONLY_MESSAGE, can_write_journey

ENDED_MESSAGE = gettext_lazy(
    "Inskrivningen är avslutad. Uppgifter om deltagarens väg kan inte längre registreras."
)
PRESENT_MAX_LENGTH = 200


def is_intervention_lead(*, actor: User, registration: Registration) -> bool:
    led = interventions_visible_to(actor, Role.INSATSANSVARIG)
    return led.filter(pk=registration.intervention_id).exists()


def registration_for_write(*, actor: User, registration_id: int) -> Registration:
    """The registration ``actor`` may change, locked for the rest of the transaction.

    404 (and a logged refusal) when out of scope; PermissionDenied for read-only viewers.
    """
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    # Lock the bare row: FOR UPDATE may not reach the nullable side of the joins above.
    Registration.objects.select_for_update().filter(pk=registration.pk).values_list("pk").first()
    registration.refresh_from_db(
        fields=["version", "end_date", "exit_reason", "next_follow_up_due", "step_forward"]
    )
    return registration


def ensure_ongoing(registration: Registration) -> None:
    if not registration.is_ongoing:
        raise ValidationError(ENDED_MESSAGE, code="ended")


def default_next_due(*, registration: Registration, held_on: datetime.date) -> datetime.date:
    """The next follow-up falls one interval (8 weeks unless the intervention says) later."""
    weeks = registration.intervention.follow_up_interval_weeks or 8
    return held_on + datetime.timedelta(weeks=weeks)


def _validate_meeting(
    *,
    registration: Registration,
    held_on: datetime.date,
    next_due: datetime.date,
    participants_present: str,
    today: datetime.date,
) -> None:
    errors: dict[str, str] = {}
    if held_on > today:
        errors["held_on"] = _("Mötet kan inte ha hållits i framtiden.")
    elif held_on < registration.start_date:
        errors["held_on"] = _("Mötet kan inte vara före inskrivningens startdatum (%(date)s).") % {
            "date": registration.start_date.isoformat()
        }
    if next_due <= held_on:
        errors["next_due"] = _("Nästa uppföljning måste vara efter mötesdatumet.")
    if len(participants_present) > PRESENT_MAX_LENGTH:
        errors["participants_present"] = _("Högst %(max)d tecken.") % {"max": PRESENT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)


def _refresh_next_due(registration: Registration) -> None:
    """The registration's next follow-up is the one planned at its latest meeting."""
    latest = registration.follow_ups.order_by("-held_on", "-id").first()
    next_due = latest.next_due if latest is not None else None
    Registration.objects.filter(pk=registration.pk).update(next_follow_up_due=next_due)
    registration.next_follow_up_due = next_due


@transaction.atomic
def follow_up_meeting_create(
    *,
    actor: User,
    registration_id: int,
    held_on: datetime.date,
    participants_present: str = "",
    note: str = "",
    next_due: datetime.date | None = None,
    today: datetime.date | None = None,
) -> FollowUpMeeting:
    """Record a follow-up meeting and move the registration's next-due date.

    ``next_due`` defaults to ``held_on`` plus the intervention's follow-up interval.
    """
    registration = registration_for_write(actor=actor, registration_id=registration_id)
    ensure_ongoing(registration)
    day = today or timezone.localdate()
    due = next_due or default_next_due(registration=registration, held_on=held_on)
    present = participants_present.strip()
    _validate_meeting(
        registration=registration,
        held_on=held_on,
        next_due=due,
        participants_present=present,
        today=day,
    )
    meeting = FollowUpMeeting.objects.create(
        registration=registration,
        held_on=held_on,
        participants_present=present,
        note=note.strip(),
        next_due=due,
        recorded_by=actor,
    )
    _refresh_next_due(registration)
    audit_participant(
        actor=actor,
        action=AuditAction.CREATE,
        person=registration.person,
        intervention=registration.intervention,
        obj=meeting,
        detail="Uppföljningsmöte",
    )
    return meeting
