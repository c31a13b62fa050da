"""Demo data behind the IPS figures' definitions (docs/ips-outcomes.md, ips-fidelity.md):

- **Days to the first employer contact** count face-to-face contacts only. Each demo IPS
  participant gets contacts naming them, in turn: a face-to-face visit 10 days after the
  start; a phone call after 5 days and the first visit after 45 days (the call does not
  count); or only a phone call, so they are still waiting and count their days up to today.
- **Jobs held 13 weeks** count only jobs recorded as held on day 91 or later. Of the demo's
  competitive jobs that started at least 91 days ago and have neither an end date nor a
  check, those with an even id get a check on day 100 (through the participants service, as
  a coach would record it at a follow-along contact); the others stay "unknown", so the
  outcomes page shows both.

Runs after the journeys and the employer bank. Idempotent: contacts are looked up by
(employer, coach, registration, day, kind); a job already checked or ended is left alone.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from samsyn.core.demo_data import IPS_SLUG
from samsyn.core.models import Forbund, User
from samsyn.interventions.models import Intervention
from samsyn.ips.models import ContactKind, Employer, EmployerContact
from samsyn.ips.selectors.job_development import last_weeks
from samsyn.participants.models import Consent, ConsentRecipient, Registration, WorkStart
from samsyn.participants.models.choices import RecipientCategory, StartKind
from samsyn.participants.services.starts import work_start_confirm_held

RETENTION_DAYS = 91
WEEKLY_WINDOW = 8
CHECK_DAY = 100
# (kind, days after the start) per participant, in turn.
CONTACT_PATTERNS: tuple[tuple[tuple[str, int], ...], ...] = (
    ((ContactKind.FACE_TO_FACE, 10),),
    ((ContactKind.PHONE, 5), (ContactKind.FACE_TO_FACE, 45)),
    ((ContactKind.PHONE, 3),),
)


def _contact(
    registration: Registration,
    coach: User,
    employer: Employer,
    day: datetime.date,
    kind: str,
    created: Counter[str],
) -> None:
    _row, made = EmployerContact.objects.get_or_create(
        employer=employer,
        coach=coach,
        registration=registration,
        contacted_on=day,
        kind=kind,
        defaults={
            "intervention": registration.intervention,
            "purpose": "Presentera deltagaren för arbetsgivaren",
        },
    )
    created["participant_contacts"] += int(made)


def _seed_first_contacts(
    intervention: Intervention, today: datetime.date, created: Counter[str]
) -> None:
    employers = list(Employer.objects.filter(forbund_id=intervention.forbund_id).order_by("pk"))
    if not employers:
        return
    registrations = (
        Registration.objects.countable()
        .filter(intervention=intervention, coach__isnull=False)
        .select_related("coach", "intervention")
        .order_by("start_date", "pk")
    )
    # The coaches' face-to-face counts of the last eight weeks are demo_employers' (the job
    # development page's weekly table): a visit inside them is left to
    # demo_participant_contacts, which names one of those visits instead of adding one.
    window_start = last_weeks(today, WEEKLY_WINDOW)[0]
    for index, registration in enumerate(registrations):
        assert registration.coach is not None
        employer = employers[index % len(employers)]
        for kind, days in CONTACT_PATTERNS[index % len(CONTACT_PATTERNS)]:
            day = registration.start_date + datetime.timedelta(days=days)
            last = registration.end_date or today
            if kind == ContactKind.FACE_TO_FACE and day >= window_start:
                continue
            if day <= min(last, today):
                _contact(registration, registration.coach, employer, day, kind, created)


def _seed_job_checks(
    intervention: Intervention, today: datetime.date, created: Counter[str]
) -> None:
    jobs = (
        WorkStart.objects.filter(
            registration__in=Registration.objects.countable().filter(intervention=intervention),
            registration__coach__isnull=False,
            kind=StartKind.ARBETE,
            competitive=True,
            start_date__lte=today - datetime.timedelta(days=RETENTION_DAYS),
            end_date__isnull=True,
            held_confirmed_on__isnull=True,
        )
        .select_related("registration__coach")
        .order_by("pk")
    )
    for job in jobs:
        if job.pk % 2:
            continue  # left unknown: nobody has asked
        coach = job.registration.coach
        assert coach is not None
        work_start_confirm_held(
            actor=coach,
            registration_id=job.registration_id,
            work_start_id=job.pk,
            held_on=min(job.start_date + datetime.timedelta(days=CHECK_DAY), today),
            today=today,
        )
        created["job_checks"] += 1


@transaction.atomic
def seed_contact_consents(forbund: Forbund) -> Counter[str]:
    """Every demo participant presented to an employer has a consent naming that employer
    (the rule of ips/services/contacts.py; the demo's contacts are stored directly). Runs
    after the contacts; adds only what is missing."""
    created: Counter[str] = Counter()
    pairs = (
        EmployerContact.objects.filter(intervention__forbund=forbund, registration__isnull=False)
        .values_list("registration__person_id", "intervention_id", "employer__name")
        .distinct()
    )
    for person_id, intervention_id, employer_name in pairs:
        consent = (
            Consent.objects.filter(person_id=person_id, intervention_id=intervention_id)
            .order_by("-valid_from", "-pk")
            .first()
        )
        if consent is None:
            continue  # anonymous: no consent, and the contact names nobody identifiable
        _row, made = ConsentRecipient.objects.get_or_create(
            consent=consent, category=RecipientCategory.ARBETSGIVARE, name=employer_name
        )
        created["consent_recipients"] += int(made)
    return created


@transaction.atomic
def seed_ips_figures(forbund: Forbund, today: datetime.date | None = None) -> Counter[str]:
    """Seed the demo IPS intervention's participant contacts and job checks."""
    today = today or timezone.localdate()
    created: Counter[str] = Counter()
    intervention = Intervention.objects.filter(forbund=forbund, slug=IPS_SLUG).first()
    if intervention is not None:
        _seed_first_contacts(intervention, today, created)
        _seed_job_checks(intervention, today, created)
    return created
