"""Demo employer bank for Exempeldalen: 30 employers a year ago, growing to 42 today (+40 %,
like Landskrona's bank in seed 001), with contact people, two agreements and the demo IPS
coaches' employer contacts over the last eight weeks (some weeks reach the target of six
face-to-face contacts, some do not).

Idempotent: employers are looked up by organisationsnummer, contact people and agreements by
employer, contacts by (employer, coach, day); a second run changes nothing. The numbers are
invented (valid check digits); the names are the demo's own.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from samsyn.core.demo_data import IPS_SLUG
from samsyn.core.luhn import luhn_valid
from samsyn.core.models import Forbund, User
from samsyn.interventions.models import Intervention
from samsyn.ips.models import (
    AgreementStatus,
    ContactKind,
    Employer,
    EmployerAgreement,
    EmployerContact,
    EmployerContactPerson,
    EmployerEvent,
    EmployerEventType,
)

FIRST_NAMES = (
    "Älvby", "Granberga", "Sjötorp", "Forsnäs", "Björkdal", "Lindvik", "Ekeby", "Storås",
    "Bergsjö", "Västanå", "Norrby", "Söderdal", "Hagtorp", "Lillån",
)  # fmt: skip
KINDS = (
    ("Bygg", "F"), ("Café", "I"), ("Handel", "G"), ("Omsorg", "Q"), ("Verkstad", "C"),
    ("Transport", "H"), ("Fastighetsservice", "N"), ("Trädgård", "A"), ("Data", "J"),
)  # fmt: skip
MUNICIPALITIES = ("1783", "1763", "1762", "1780")
START_SIZE, NEW_THIS_YEAR = 30, 12
COACHES = ("coach", "elin.sjoberg")
# Face-to-face contacts per week, newest week last, per coach.
WEEKLY_VISITS = {"coach": (6, 4, 7, 6, 3, 6, 5, 2), "elin.sjoberg": (5, 6, 6, 2, 6, 7, 4, 1)}


def demo_orgnr(serial: int) -> str:
    body = f"5599{serial:05d}"
    check = next(d for d in range(10) if luhn_valid(f"{body}{d}"))
    digits = f"{body}{check}"
    return f"{digits[:6]}-{digits[6:]}"


def _specs(today: datetime.date) -> list[tuple[str, str, str, str, datetime.date]]:
    """(orgnr, name, SNI, kommun, added_on): 30 older than a year, 12 spread over the year."""
    year_ago = today.replace(year=today.year - 1)
    specs = []
    for serial in range(START_SIZE + NEW_THIS_YEAR):
        place = FIRST_NAMES[serial % len(FIRST_NAMES)]
        kind, sni = KINDS[serial % len(KINDS)]
        if serial < START_SIZE:
            added = year_ago - datetime.timedelta(days=30 + serial * 9)
        else:
            added = year_ago + datetime.timedelta(days=(serial - START_SIZE + 1) * 29)
        name = f"{place} {kind} AB"
        specs.append((demo_orgnr(serial), name, sni, MUNICIPALITIES[serial % 4], added))
    return specs


def _seed_bank(forbund: Forbund, today: datetime.date, created: Counter[str]) -> list[Employer]:
    existing = {e.organisationsnummer: e for e in Employer.objects.filter(forbund=forbund)}
    employers = []
    for number, name, sni, kommun, added in _specs(today):
        employer = existing.get(number)
        if employer is None:
            employer = Employer.objects.create(
                forbund=forbund,
                organisationsnummer=number,
                name=name,
                sni_section=sni,
                municipality_code=kommun,
                added_on=min(added, today),
                description="Demoarbetsgivare.",
            )
            EmployerEvent.objects.create(
                employer=employer, event_type=EmployerEventType.DEMO_CREATED
            )
            created["employers"] += 1
        employers.append(employer)
    return employers


def _seed_people(employers: list[Employer], created: Counter[str]) -> None:
    for index, employer in enumerate(employers[:12]):
        if employer.contact_people.exists():
            continue
        EmployerContactPerson.objects.create(
            employer=employer,
            name=f"Kontakt {index + 1} Exempelsson",
            title="Platschef" if index % 2 else "HR-ansvarig",
            phone=f"070-000 00 {index:02d}",
            email=f"kontakt{index + 1}@example.se",
        )
        created["contact_people"] += 1


def _seed_agreements(
    employers: list[Employer], today: datetime.date, created: Counter[str]
) -> None:
    for employer, status in (
        (employers[0], AgreementStatus.SIGNED),
        (employers[1], AgreementStatus.DISCUSSED),
    ):
        if employer.agreements.exists():
            continue
        EmployerAgreement.objects.create(
            employer=employer,
            status=status,
            agreed_on=today - datetime.timedelta(days=60)
            if status == AgreementStatus.SIGNED
            else None,
            content="Anställning på vanliga villkor för deltagare i IPS, med stöd av "
            "IPS-coachen på arbetsplatsen.",
        )
        created["agreements"] += 1


def _seed_contacts(
    employers: list[Employer],
    intervention: Intervention,
    today: datetime.date,
    created: Counter[str],
) -> None:
    coaches = {u.username: u for u in User.objects.filter(username__in=COACHES)}
    monday = today - datetime.timedelta(days=today.weekday())
    for username, visits in WEEKLY_VISITS.items():
        coach = coaches.get(username)
        if coach is None:
            continue
        for week_index, count in enumerate(visits):
            week = monday - datetime.timedelta(weeks=len(visits) - 1 - week_index)
            for visit in range(count):
                day = min(week + datetime.timedelta(days=visit % 5), today)
                employer = employers[(week_index * 7 + visit) % len(employers)]
                _contact(employer, coach, intervention, day, ContactKind.FACE_TO_FACE, created)
            _contact(employers[week_index], coach, intervention, week, ContactKind.PHONE, created)


def _contact(
    employer: Employer,
    coach: User,
    intervention: Intervention,
    day: datetime.date,
    kind: str,
    created: Counter[str],
) -> None:
    _contact_row, made = EmployerContact.objects.get_or_create(
        employer=employer,
        coach=coach,
        contacted_on=day,
        kind=kind,
        defaults={
            "intervention": intervention,
            "purpose": "Presentera IPS och höra om behov av arbetskraft",
            "outcome": "Intresserad av att träffa en kandidat.",
        },
    )
    created["contacts"] += int(made)


@transaction.atomic
def seed_employers(forbund: Forbund, today: datetime.date | None = None) -> Counter[str]:
    """Seed the demo förbund's employer bank; returns what was created."""
    today = today or timezone.localdate()
    created: Counter[str] = Counter()
    employers = _seed_bank(forbund, today, created)
    _seed_people(employers, created)
    _seed_agreements(employers, today, created)
    intervention = Intervention.objects.filter(forbund=forbund, slug=IPS_SLUG).first()
    if intervention is not None:
        _seed_contacts(employers, intervention, today, created)
    return created
