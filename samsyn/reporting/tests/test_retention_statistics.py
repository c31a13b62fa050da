"""Retention leaves every statistic as it was: a past period's report content is the same
before and after, a frozen snapshot never changes, and the IPS and resource-inventory
records of a cleared registration lose their free text through the registry."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from samsyn.assessments.models import ProfessionalAssessment, ResourceInventory
from samsyn.conftest import World
from samsyn.ips.models import CareerProfile
from samsyn.participants.models import PostExitFollowUp
from samsyn.participants.services.retention import retention_execute, retention_plan
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.intake_setup import media_fixture  # noqa: F401  # fixture
from samsyn.participants.tests.lifecycle_setup import TODAY, identified_person, old_file
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR_2027 = Period(D(2027, 1, 1), D(2027, 12, 31))


def _past_files(world: World) -> None:
    old_file(world)
    old_file(world, person=identified_person(world, "19800101-0001"))
    for gender, kommun in (("kvinna", "1783"), ("man", "1737")):
        person = PersonFactory(forbund=world.forbund, gender=gender, home_municipality_code=kommun)
        registration = RegistrationFactory(
            intervention=world.intervention,
            person=person,
            start_date=D(2027, 3, 1),
            end_date=D(2027, 9, 1),
            exit_reason="fullfoljt",
            outcome="studier",
            step_forward=True,
        )
        PostExitFollowUp.objects.create(
            registration=registration,
            months_after=6,
            due_on=D(2028, 2, 1),
            done_on=D(2028, 2, 2),
            reached=True,
            occupation="studerar",
            note="Trivs på komvux.",
        )
    # Still in the intervention: never cleared, counted in 2027 too.
    RegistrationFactory(intervention=world.intervention, start_date=D(2027, 5, 1))


def test_a_past_periods_report_is_the_same_before_and_after_retention(
    world: World, media: Path
) -> None:
    _past_files(world)
    modes = (False, True)
    before = [report_content(world.intervention, YEAR_2027, suppress=s, today=TODAY) for s in modes]
    assert len(retention_plan(forbund=world.forbund, today=TODAY).registrations) == 4
    result = retention_execute(forbund=world.forbund, today=TODAY)
    assert result.registrations == 4
    after = [report_content(world.intervention, YEAR_2027, suppress=s, today=TODAY) for s in modes]
    assert after == before
    assert before[0]["metrics"]


def test_a_frozen_snapshot_never_changes(world: World, media: Path) -> None:
    _past_files(world)
    snapshot = report_content(world.intervention, YEAR_2027, suppress=True, today=TODAY)
    report = PeriodReport.objects.create(
        intervention=world.intervention,
        kind="ar",
        title="Årsrapport 2027",
        period_from=YEAR_2027.start,
        period_to=YEAR_2027.end,
        status="approved",
        snapshot=snapshot,
    )
    retention_execute(forbund=world.forbund, today=TODAY)
    report.refresh_from_db()
    assert report.snapshot == snapshot
    assert report.version == 1


def test_the_ips_and_inventory_records_are_cleared_through_the_registry(
    world: World, media: Path
) -> None:
    file = old_file(world)
    profile = CareerProfile.objects.create(
        registration=file.registration,
        interests="Bakning",
        strengths="Noggrann",
        preferred_occupations=["5120"],
        preferred_hours_per_week=20,
    )
    inventory = ResourceInventory.objects.create(
        registration=file.registration,
        started_on=D(2027, 2, 1),
        recommendation_reasons="Klarar 20 timmar.",
        handover_note="Till AF.",
    )
    assessment = ProfessionalAssessment.objects.create(
        inventory=inventory,
        profession="arbetsterapeut",
        assessor="OT",
        assessed_on=D(2027, 3, 1),
        findings="Uthållighet god.",
    )
    retention_execute(forbund=world.forbund, today=TODAY)
    profile.refresh_from_db()
    assert (profile.interests, profile.strengths) == ("", "")
    assert (profile.preferred_occupations, profile.preferred_hours_per_week) == (["5120"], 20)
    inventory.refresh_from_db()
    assert (inventory.recommendation_reasons, inventory.handover_note) == ("", "")
    assert inventory.started_on == D(2027, 2, 1)
    assessment.refresh_from_db()
    assert (assessment.findings, assessment.profession) == ("", "arbetsterapeut")


def test_a_recent_ips_contact_counts_as_the_last_entry(world: World, media: Path) -> None:
    file = old_file(world)
    inventory = ResourceInventory.objects.create(
        registration=file.registration, started_on=D(2027, 2, 1)
    )
    ProfessionalAssessment.objects.create(
        inventory=inventory, profession="arbetsterapeut", assessor="OT", assessed_on=D(2029, 3, 1)
    )
    assert retention_plan(forbund=world.forbund, today=TODAY).registrations == []
