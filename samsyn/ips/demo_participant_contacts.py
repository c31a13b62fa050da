"""The demo IPS participants' own employer contacts, so that their participant pages show
progress as IPS measures it (docs/participants-journey.md, "Progress in IPS"): a first
face-to-face contact with an employer for the person within the first weeks (most within 30
days, one in four later, so the demo is not perfect), and one with the employer that hired
them before a job start.

The coaches' weekly contact counts of the last eight weeks (``demo_employers.WEEKLY_VISITS``)
stay as they are: inside that window a participant's contact only *names* one of the coach's
existing face-to-face contacts of that week; before it, a contact is created. Idempotent: a
registration that already has an employer contact is left alone.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from samsyn.core.demo_data import IPS_SLUG
from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention
from samsyn.ips.demo_employers import WEEKLY_VISITS
from samsyn.ips.models import ContactKind, Employer, EmployerContact
from samsyn.participants.models import ExitReason, Registration

# Days from the registration's start to its first employer contact, by pk % 4.
FIRST_CONTACT_DAYS = (8, 15, 22, 40)
PURPOSE = "Presentera deltagaren utifrån karriärprofilen"


def _window_start(today: datetime.date) -> datetime.date:
    """The Monday of the oldest week whose contacts demo_employers seeds."""
    monday = today - datetime.timedelta(days=today.weekday())
    return monday - datetime.timedelta(weeks=len(next(iter(WEEKLY_VISITS.values()))) - 1)


def _planned_days(registration: Registration, today: datetime.date) -> list[datetime.date]:
    until = min(registration.end_date or today, today)
    days = [
        registration.start_date + datetime.timedelta(days=FIRST_CONTACT_DAYS[registration.pk % 4])
    ]
    for start in registration.work_starts.all():
        days.append(start.start_date - datetime.timedelta(days=14))
    return sorted({day for day in days if registration.start_date <= day <= until})


def _name_existing(registration: Registration, day: datetime.date) -> bool:
    """Name an unnamed face-to-face contact of the coach in the week from ``day``."""
    contact = (
        EmployerContact.objects.filter(
            coach_id=registration.coach_id,
            intervention_id=registration.intervention_id,
            registration__isnull=True,
            kind=ContactKind.FACE_TO_FACE,
            contacted_on__gte=day,
            contacted_on__lte=day + datetime.timedelta(days=6),
        )
        .order_by("contacted_on", "id")
        .first()
    )
    if contact is None:
        return False
    EmployerContact.objects.filter(pk=contact.pk).update(registration=registration)
    return True


def _create(registration: Registration, employer: Employer, day: datetime.date) -> bool:
    key = {
        "employer": employer,
        "coach_id": registration.coach_id,
        "contacted_on": day,
        "kind": ContactKind.FACE_TO_FACE,
    }
    if EmployerContact.objects.filter(**key).exists():
        return False
    EmployerContact.objects.create(
        **key,
        intervention_id=registration.intervention_id,
        registration=registration,
        purpose=PURPOSE,
        outcome="Arbetsgivaren vill träffa deltagaren.",
    )
    return True


@transaction.atomic
def seed_participant_contacts(forbund: Forbund, today: datetime.date | None = None) -> Counter[str]:
    """Employer contacts naming the demo IPS intervention's participants; what was added."""
    today = today or timezone.localdate()
    created: Counter[str] = Counter()
    intervention = Intervention.objects.filter(forbund=forbund, slug=IPS_SLUG).first()
    employers = list(Employer.objects.filter(forbund=forbund).order_by("id"))
    if intervention is None or not employers:
        return created
    window = _window_start(today)
    registrations = (
        Registration.objects.filter(intervention=intervention, coach__isnull=False)
        .exclude(exit_reason=ExitReason.FELREGISTRERING)
        .exclude(employer_contacts__isnull=False)
        .prefetch_related("work_starts")
        .order_by("id")
    )
    for registration in registrations:
        for index, day in enumerate(_planned_days(registration, today)):
            employer = employers[(registration.pk * 5 + index) % len(employers)]
            if day >= window:
                added = _name_existing(registration, day)
            else:
                added = _create(registration, employer, day)
            created["participant_contacts"] += int(added)
    return created
