"""The yearly question to everyone in LSS daily activity: do you want to work? (seed 001:
"Upprätta rutin för daglig verksamhet att årligen eftersöka om deltagare har önskan om
lönearbete eller utflyttad verksamhet"). The answer is recorded with its follow-up, and the
next question is due one year later (selectors/lss.py lists the due ones)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.participants.models import Registration, WorkWish, WorkWishCheck
from samsyn.participants.services.journey_access import (
    audit_journey,
    ensure_journey_writer,
    event_date_error,
)

MAX_FOLLOW_UP = 300


def next_question_due(asked_on: datetime.date) -> datetime.date:
    """One year after ``asked_on`` (28 February for a 29 February)."""
    try:
        return asked_on.replace(year=asked_on.year + 1)
    except ValueError:
        return asked_on.replace(year=asked_on.year + 1, day=28)


@transaction.atomic
def work_wish_record(
    *,
    actor: User,
    registration: Registration,
    asked_on: datetime.date,
    answer: str,
    follow_up: str = "",
    follow_up_on: datetime.date | None = None,
) -> WorkWishCheck:
    """Record the answer; a "ja" or "vet inte" needs a follow-up (what happens next, by when)."""
    ensure_journey_writer(actor=actor, registration=registration)
    errors: dict[str, list[str]] = {}
    date_error = event_date_error(registration, asked_on)
    if date_error:
        errors["asked_on"] = [date_error]
    if answer not in WorkWish.values:
        errors["answer"] = [_("Välj personens svar.")]
    follow_up = follow_up.strip()
    if len(follow_up) > MAX_FOLLOW_UP:
        errors["follow_up"] = [
            _("Uppföljningen får vara högst %(max)d tecken.") % {"max": MAX_FOLLOW_UP}
        ]
    elif answer in (WorkWish.JA, WorkWish.KANSKE) and not (follow_up and follow_up_on):
        errors["follow_up"] = [
            _("Personen vill arbeta eller är osäker: skriv vad som händer nu och när.")
        ]
    if follow_up_on is not None and follow_up_on < asked_on:
        errors["follow_up_on"] = [_("Uppföljningen kan inte ligga före frågan.")]
    if errors:
        raise ValidationError(errors)
    check = WorkWishCheck.objects.create(
        registration=registration,
        asked_on=asked_on,
        answer=answer,
        follow_up=follow_up,
        follow_up_on=follow_up_on,
        next_due=next_question_due(asked_on),
        recorded_by=actor,
    )
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.CREATE,
        obj=check,
        detail="Årlig fråga om arbete registrerad",
    )
    return check
