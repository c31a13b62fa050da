"""Shared fixtures of the IPS outcome tests: an IPS intervention (the personas' ``world``
intervention with method "ips"), two coaches and small builders for registrations, jobs
and contacts. The period of most tests is Q1 2026: 2026-01-01 – 2026-03-31."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from samsyn.conftest import World
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.interventions.models import ActivityType, Intervention
from samsyn.ips.models import Employer, EmployerContact
from samsyn.participants.models import Activity, FollowUpMeeting, Registration, WorkStart
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.stats.periods import Period

D = datetime.date
Q1 = Period(D(2026, 1, 1), D(2026, 3, 31))


@pytest.fixture
def ips(world: World) -> Intervention:
    intervention = world.intervention
    intervention.methods = ["ips"]
    intervention.save()
    return intervention


@pytest.fixture
def coach2(world: World, ips: Intervention) -> User:
    user = UserFactory(username="coach2", first_name="Bo", last_name="Andersson")
    MembershipFactory(user=user, forbund=world.forbund, role=Role.COACH, interventions=[ips])
    return user


def reg(
    intervention: Intervention,
    coach: User | None,
    start: datetime.date,
    end: datetime.date | None = None,
    *,
    gender: str = "kvinna",
    occupation: str = "ingen",
    **extra: Any,
) -> Registration:
    registration: Registration = RegistrationFactory(
        intervention=intervention,
        coach=coach,
        start_date=start,
        end_date=end,
        occupation_before=occupation,
        person__gender=gender,
        **extra,
    )
    return registration


def job(
    registration: Registration,
    start: datetime.date,
    end: datetime.date | None = None,
    *,
    competitive: bool = True,
    kind: str = "arbete",
) -> WorkStart:
    return WorkStart.objects.create(
        registration=registration,
        kind=kind,
        form="osubventionerad" if kind == "arbete" else "komvux",
        start_date=start,
        end_date=end,
        competitive=competitive,
    )


def activity(registration: Registration, day: datetime.date) -> Activity:
    kind, _created = ActivityType.objects.get_or_create(
        forbund=registration.intervention.forbund, name="Arbetsgivarkontakt"
    )
    return Activity.objects.create(
        registration=registration, activity_type=kind, held_on=day, hours=1
    )


def meeting(registration: Registration, day: datetime.date) -> FollowUpMeeting:
    return FollowUpMeeting.objects.create(
        registration=registration, held_on=day, next_due=day + datetime.timedelta(days=56)
    )


def employer_contact(registration: Registration, day: datetime.date) -> EmployerContact:
    intervention = registration.intervention
    employer, _created = Employer.objects.get_or_create(
        forbund=intervention.forbund,
        organisationsnummer="556036-0793",
        defaults={
            "name": "Testbolaget AB",
            "sni_section": "G",
            "municipality_code": "1780",
            "added_on": D(2025, 1, 1),
        },
    )
    assert registration.coach is not None
    return EmployerContact.objects.create(
        employer=employer,
        coach=registration.coach,
        intervention=intervention,
        registration=registration,
        contacted_on=day,
        kind="besok",
        purpose="Matchning",
    )


LATE_Q1 = D(2026, 3, 20)  # in the 28 days before Q1's last day


def touch(*registrations: Registration, day: datetime.date = LATE_Q1) -> None:
    """A follow-up meeting on ``day`` for each registration: in the active caseload of Q1."""
    for registration in registrations:
        meeting(registration, day)
