"""Shared data of the period report tests: an intervention with a fixed schedule and
enough participants in the first quarter of 2026 (Rapport 5) that nothing is suppressed."""

from __future__ import annotations

import datetime
from typing import cast

import pytest

from samsyn.conftest import World
from samsyn.core.models import User
from samsyn.participants.models import Registration
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.reporting.models import PeriodReport, ReportKind
from samsyn.reporting.services.period_reports import period_report_create

Q1_FROM = datetime.date(2026, 1, 1)
Q1_TO = datetime.date(2026, 3, 31)
WOMEN = 7
MEN = 6


def add_registration(world: World, gender: str, start: datetime.date) -> Registration:
    person = PersonFactory(forbund=world.forbund, gender=gender)
    registration = RegistrationFactory(
        intervention=world.intervention, person=person, start_date=start
    )
    return cast(Registration, registration)


@pytest.fixture
def scheduled(world: World) -> World:
    """The test intervention runs 2025-01-01–2026-12-31: 8 quarters, 2 years, a final."""
    world.intervention.start_date = datetime.date(2025, 1, 1)
    world.intervention.end_date = datetime.date(2026, 12, 31)
    world.intervention.save(update_fields=["start_date", "end_date"])
    return world


@pytest.fixture
def participants(scheduled: World) -> World:
    for index in range(WOMEN):
        add_registration(scheduled, "kvinna", datetime.date(2026, 1, 5 + index))
    for index in range(MEN):
        add_registration(scheduled, "man", datetime.date(2026, 2, 2 + index))
    return scheduled


def create_q1(world: World, actor: User | None = None) -> PeriodReport:
    return period_report_create(
        actor=actor or world["insatsansvarig"],
        intervention=world.intervention,
        kind=ReportKind.QUARTER,
        period_from=Q1_FROM,
        period_to=Q1_TO,
    )


@pytest.fixture
def draft(participants: World) -> PeriodReport:
    return create_q1(participants)
