"""Job and study starts (step 10): employer or school, form, dates, hours, competitive job.

For a person in LSS daily activity the start also says what happens to that placement: kept,
paused or given up (seed 001: "deltagare som kommer säga upp sin insats för att gå vidare mot
studier, lönearbete"; "Kan vid uppfunnen arbetsplats frånsäga insatsen daglig verksamhet").
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.core.models import User
from samsyn.participants.models import (
    DailyActivityPlacement,
    Registration,
    StartForm,
    StartKind,
    WorkStart,
)
from samsyn.participants.selectors.lss import registration_in_daily_activity
from samsyn.participants.services.audit import audit_participant
from samsyn.participants.services.followups import ensure_ongoing, registration_for_write

JOB_FORMS = frozenset(
    {
        StartForm.OSUBVENTIONERAD,
        StartForm.LONEBIDRAG,
        StartForm.NYSTARTSJOBB,
        StartForm.INTRODUKTIONSJOBB,
        StartForm.TIMANSTALLNING,
        StartForm.TRYGGHETSANSTALLNING,
    }
)
STUDY_FORMS = frozenset(
    {
        StartForm.KOMVUX,
        StartForm.YRKESUTBILDNING,
        StartForm.FOLKHOGSKOLA,
        StartForm.SARVUX,
        StartForm.HOGSKOLA,
    }
)
FORMS_BY_KIND = {StartKind.ARBETE: JOB_FORMS, StartKind.STUDIER: STUDY_FORMS}
MAX_HOURS_PER_WEEK = Decimal(80)
EMPLOYER_MAX_LENGTH = 200


def _kind_errors(*, kind: str, form: str, competitive: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in StartKind.values:
        errors["kind"] = _("Välj arbete eller studier.")
        return errors
    if form not in FORMS_BY_KIND[StartKind(kind)]:
        errors["form"] = (
            _("Välj en anställningsform för arbete.")
            if kind == StartKind.ARBETE
            else _("Välj en studieform för studier.")
        )
    if competitive and kind != StartKind.ARBETE:
        errors["competitive"] = _("Bara ett arbete kan vara konkurrensutsatt.")
    return errors


def _validate_start(
    *,
    registration: Registration,
    kind: str,
    form: str,
    employer: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    hours_per_week: Decimal | None,
    competitive: bool,
) -> None:
    errors = _kind_errors(kind=kind, form=form, competitive=competitive)
    if start_date < registration.start_date:
        errors["start_date"] = _(
            "Starten kan inte vara före inskrivningens startdatum (%(date)s)."
        ) % {"date": registration.start_date.isoformat()}
    if end_date is not None and end_date < start_date:
        errors["end_date"] = _("Slutdatum kan inte vara före startdatum.")
    if hours_per_week is not None and not (0 <= hours_per_week <= MAX_HOURS_PER_WEEK):
        errors["hours_per_week"] = _("Ange mellan 0 och 80 timmar per vecka.")
    if len(employer) > EMPLOYER_MAX_LENGTH:
        errors["employer"] = _("Högst %(max)d tecken.") % {"max": EMPLOYER_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)


def _validate_placement(*, registration: Registration, placement: str) -> None:
    if placement and placement not in DailyActivityPlacement.values:
        raise ValidationError({"daily_activity_placement": _("Okänt val för platsen.")})
    in_daily_activity = registration_in_daily_activity(registration=registration)
    if in_daily_activity and not placement:
        raise ValidationError(
            {
                "daily_activity_placement": _(
                    "Personen har daglig verksamhet enligt LSS: ange om platsen behålls, "
                    "blir vilande eller lämnas."
                )
            }
        )
    if placement and not in_daily_activity:
        raise ValidationError(
            {"daily_activity_placement": _("Personen har ingen plats på daglig verksamhet.")}
        )


@transaction.atomic
def work_start_create(
    *,
    actor: User,
    registration_id: int,
    kind: str,
    form: str,
    employer: str = "",
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    hours_per_week: Decimal | None = None,
    competitive: bool = False,
    daily_activity_placement: str = "",
) -> WorkStart:
    """Record that the participant started a job or studies."""
    registration = registration_for_write(actor=actor, registration_id=registration_id)
    ensure_ongoing(registration)
    employer = employer.strip()
    _validate_start(
        registration=registration,
        kind=kind,
        form=form,
        employer=employer,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        competitive=competitive,
    )
    _validate_placement(registration=registration, placement=daily_activity_placement)
    start = WorkStart.objects.create(
        registration=registration,
        kind=kind,
        form=form,
        employer=employer,
        start_date=start_date,
        end_date=end_date,
        hours_per_week=hours_per_week,
        competitive=competitive,
        daily_activity_placement=daily_activity_placement,
    )
    audit_participant(
        actor=actor,
        action=AuditAction.CREATE,
        person=registration.person,
        intervention=registration.intervention,
        obj=start,
        detail="Arbets- eller studiestart",
    )
    return start
