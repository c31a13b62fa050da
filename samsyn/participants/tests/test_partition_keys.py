"""Activities, step records and indicator ratings carry their registration's förbund (the
partition key, samsyn/participants/models/partitioned.py), however they are written."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection

from samsyn.conftest import World
from samsyn.participants.models import Activity, IndicatorRating, StepRecord
from samsyn.participants.models.partitioned import forbund_copies_mismatched, partitioned_models
from samsyn.participants.services import activities, progression
from samsyn.participants.tests.journey_setup import Journey, journey_for

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 16)


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def test_the_partitioned_models() -> None:
    assert {model._meta.label for model in partitioned_models()} == {
        "participants.Activity",
        "participants.StepRecord",
        "participants.IndicatorRating",
    }


def test_services_write_the_forbund(world: World, journey: Journey) -> None:
    registration, coach = journey.registration, world["coach"]
    activity = activities.activity_create(
        actor=coach,
        registration=registration,
        activity_type=journey.activity_types[0],
        held_on=DAY,
        hours=Decimal(2),
    )
    step = progression.step_record_create(
        actor=coach, registration=registration, step=journey.ladder[1], recorded_on=DAY
    )
    ratings = progression.indicator_ratings_create(
        actor=coach,
        registration=registration,
        rated_on=DAY,
        scores={indicator.pk: 3 for indicator in journey.indicators},
    )
    rows = [activity, step, *ratings]
    assert len(rows) == 2 + len(journey.indicators) > 2
    for row in rows:
        row.refresh_from_db()
        assert row.forbund_id == world.forbund.pk
    assert forbund_copies_mismatched() == {
        "participants.Activity": 0,
        "participants.StepRecord": 0,
        "participants.IndicatorRating": 0,
    }


def test_a_write_without_the_forbund_gets_it_from_the_registration(
    world: World, journey: Journey
) -> None:
    registration = journey.registration
    activity = Activity.objects.create(
        registration=registration,
        activity_type=journey.activity_types[0],
        held_on=DAY,
        hours=Decimal(1),
    )
    steps = StepRecord.objects.bulk_create(
        StepRecord(registration=registration, step=step, recorded_on=DAY)
        for step in journey.ladder[:2]
    )
    rating = IndicatorRating(
        registration=registration, indicator=journey.indicators[0], rated_on=DAY, score=2
    )
    rating.save()
    for row in [activity, *steps, rating]:
        assert type(row)._default_manager.get(pk=row.pk).forbund_id == world.forbund.pk


def test_a_differing_copy_is_found(world: World, journey: Journey) -> None:
    activity = Activity.objects.create(
        registration=journey.registration,
        activity_type=journey.activity_types[0],
        held_on=DAY,
        hours=Decimal(1),
    )
    Activity.objects.filter(pk=activity.pk).update(forbund=world.other_forbund)
    assert forbund_copies_mismatched()["participants.Activity"] == 1


def test_the_data_migration_copies_the_registrations_forbund(
    world: World, journey: Journey
) -> None:
    """The migration that added the column fills it for rows written before it."""
    migration = importlib.import_module("samsyn.participants.migrations.0010_forbund_partition_key")
    activity = Activity.objects.create(
        registration=journey.registration,
        activity_type=journey.activity_types[0],
        held_on=DAY,
        hours=Decimal(1),
    )
    Activity.objects.filter(pk=activity.pk).update(forbund=world.other_forbund)
    migration.copy_forbund(django_apps, SimpleNamespace(connection=connection))
    activity.refresh_from_db()
    assert activity.forbund_id == world.forbund.pk
    assert set(forbund_copies_mismatched().values()) == {0}
