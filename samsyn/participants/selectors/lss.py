"""Due lists for people in LSS daily activity (seed 001, Landskrona's "Ett riktigt jobb").

- The yearly question: "En rutin som är ledningsgrundad kommer införas där daglig verksamhet
  årligen undersöker deltagares önsknings om att komma vidare mot utflyttat verksamhet eller
  lönearbete." Due when never asked, or a year after the last time.
- Aktivitetsersättning ends at 30: Försäkringskassan pays it "längst till och med månaden
  innan man fyller 30"; seed 001 names the stress of that end. Flagged ahead (docs).

A person is in daily activity when the referral states an LSS decision on daglig verksamhet
or the income before is habiliteringsersättning. Both lists are one query each.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from samsyn.core.models import User
from samsyn.participants.models import (
    IncomeMoment,
    IncomeSource,
    Registration,
    RegistrationIncome,
    WorkWishCheck,
)
from samsyn.participants.selectors.caseload import staff_registrations

# How far ahead the end of aktivitetsersättning is flagged (docs/participants-intake.md).
ACTIVITY_COMPENSATION_WARNING_MONTHS = 6
ACTIVITY_COMPENSATION_LAST_AGE = 30


def _with_income(source: str) -> Exists:
    return Exists(
        RegistrationIncome.objects.filter(
            registration=OuterRef("pk"), moment=IncomeMoment.BEFORE, source=source
        )
    )


def in_daily_activity(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    return registrations.filter(
        Q(referral__has_lss_daily_activity=True)
        | _with_income(IncomeSource.HABILITERINGSERSATTNING)
    )


def registration_in_daily_activity(*, registration: Registration) -> bool:
    """One query."""
    return in_daily_activity(Registration.objects.filter(pk=registration.pk)).exists()


def work_wish_due_list(*, actor: User, today: datetime.date | None = None) -> list[Registration]:
    """Ongoing registrations in daily activity whose yearly question is due: never asked,
    or the last answer's ``next_due`` has come. Annotated with ``last_asked`` and
    ``question_due``."""
    day = today or timezone.localdate()
    rows = (
        in_daily_activity(staff_registrations(actor=actor).filter(end_date__isnull=True))
        .annotate(last_asked=Max("work_wish_checks__asked_on"))
        .annotate(question_due=Max("work_wish_checks__next_due"))
        .filter(Q(question_due__isnull=True) | Q(question_due__lte=day))
        .select_related("person", "intervention", "coach")
        .order_by(F("question_due").asc(nulls_first=True), "start_date", "id")
    )
    return list(rows)


def activity_compensation_end(birth_year: int) -> datetime.date:
    """The earliest day aktivitetsersättning can have stopped for someone born in
    ``birth_year``: 1 January of the year they turn 30 (born in January, the last month paid
    is December). Only the birth year is stored unencrypted, so this is the safe side."""
    return datetime.date(birth_year + ACTIVITY_COMPENSATION_LAST_AGE, 1, 1)


def _months_ahead(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def activity_compensation_ending_list(
    *, actor: User, today: datetime.date | None = None
) -> list[Registration]:
    """Ongoing registrations with aktivitetsersättning before whose end is within
    ACTIVITY_COMPENSATION_WARNING_MONTHS months (or has passed), oldest first."""
    day = today or timezone.localdate()
    horizon_year = _months_ahead(day, ACTIVITY_COMPENSATION_WARNING_MONTHS).year
    latest_birth_year = horizon_year - ACTIVITY_COMPENSATION_LAST_AGE
    rows = (
        staff_registrations(actor=actor)
        .filter(end_date__isnull=True, person__birth_year__lte=latest_birth_year)
        .filter(_with_income(IncomeSource.AKTIVITETSERSATTNING))
        .select_related("person", "intervention", "coach")
        .order_by("person__birth_year", "id")
    )
    return list(rows)


def work_wish_checks_of(*, registration: Registration) -> list[WorkWishCheck]:
    """The registration (read in scope by the caller) answers, newest first."""
    return list(registration.work_wish_checks.order_by("-asked_on", "-id"))
