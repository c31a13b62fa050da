"""Follow-up after exit (step 12): the phone call 6 and 12 months after the end date.

A follow-up is recorded once. It carries no version, so a second save (two people calling the
same person) is refused with a message instead of overwriting the first answers.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.participants.models import IncomeSource, Occupation, PostExitFollowUp
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.followups import registration_for_write

ALREADY_RECORDED_MESSAGE = gettext_lazy(
    "Efteruppföljningen är redan registrerad av någon annan. Ladda om sidan för att se svaren."
)


def _validate(
    *,
    follow_up: PostExitFollowUp,
    done_on: datetime.date,
    reached: bool,
    occupation: str,
    income_sources: list[str],
    today: datetime.date,
) -> None:
    end_date = follow_up.registration.end_date
    errors: dict[str, str] = {}
    if done_on > today:
        errors["done_on"] = _("Datumet kan inte vara i framtiden.")
    elif end_date is not None and done_on < end_date:
        errors["done_on"] = _("Uppföljningen kan inte vara före slutdatum (%(date)s).") % {
            "date": end_date.isoformat()
        }
    if occupation and occupation not in Occupation.values:
        errors["occupation"] = _("Okänd sysselsättning.")
    elif reached and not occupation:
        errors["occupation"] = _("Ange personens sysselsättning nu.")
    elif not reached and occupation:
        errors["occupation"] = _("Lämna sysselsättning tom när personen inte nåddes.")
    if set(income_sources) - set(IncomeSource.values):
        errors["income_sources"] = _("Okänd försörjningskod.")
    elif reached and not income_sources:
        errors["income_sources"] = _("Ange minst en försörjning.")
    elif not reached and income_sources:
        errors["income_sources"] = _("Lämna försörjning tom när personen inte nåddes.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def post_exit_follow_up_record(
    *,
    actor: User,
    registration_id: int,
    follow_up_id: int,
    done_on: datetime.date,
    reached: bool,
    occupation: str = "",
    income_sources: list[str] | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> PostExitFollowUp:
    """Record the answers of a post-exit follow-up of a registration the actor may change."""
    registration = registration_for_write(actor=actor, registration_id=registration_id)
    follow_up = (
        PostExitFollowUp.objects.select_for_update()
        .filter(pk=follow_up_id, registration_id=registration.pk)
        .first()
    )
    if follow_up is None:
        raise Http404
    follow_up.registration = registration
    if follow_up.done_on is not None:
        raise ValidationError(ALREADY_RECORDED_MESSAGE, code="recorded")
    sources = sorted(set(income_sources or []))
    _validate(
        follow_up=follow_up,
        done_on=done_on,
        reached=reached,
        occupation=occupation,
        income_sources=sources,
        today=today or timezone.localdate(),
    )
    follow_up.done_on = done_on
    follow_up.reached = reached
    follow_up.occupation = occupation
    follow_up.income_sources = sources
    follow_up.note = note.strip()
    follow_up.save(update_fields=["done_on", "reached", "occupation", "income_sources", "note"])
    audit_participant(
        actor=actor,
        action=AuditAction.UPDATE,
        person=registration.person,
        intervention=registration.intervention,
        obj=follow_up,
        detail=f"Efteruppföljning {follow_up.months_after} månader",
    )
    return follow_up
