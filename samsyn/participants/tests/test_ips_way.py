"""A participant of an IPS intervention: IPS activities only, and progress shown as
employer contacts, job starts and time in work (docs/participants-journey.md)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samsyn.conftest import World
from samsyn.interventions.models import ActivityType
from samsyn.participants.models import WorkStart
from samsyn.participants.selectors.placement_progress import placement_progress
from samsyn.participants.services.activities import activity_create, activity_types_for
from samsyn.participants.tests.api_setup import as_api_fixture  # noqa: F401
from samsyn.participants.tests.journey_setup import Journey, journey_for

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def journey(world: World) -> Journey:
    world.intervention.methods = ["ips"]
    world.intervention.save(update_fields=["methods"])
    return journey_for(world)


def _types(world: World) -> tuple[ActivityType, ActivityType, ActivityType]:
    training = ActivityType.objects.create(
        forbund=world.forbund, name="Arbetsträning", approach="stegvis"
    )
    profile = ActivityType.objects.create(
        forbund=world.forbund, name="Karriärprofil", approach="ips"
    )
    shared = ActivityType.objects.get(forbund=world.forbund, name="Motiverande samtal")
    return training, profile, shared


def test_an_ips_participant_is_never_offered_arbetstraning(journey: Journey, world: World) -> None:
    training, profile, shared = _types(world)
    offered = activity_types_for(journey.registration)
    assert training not in offered and profile in offered and shared in offered
    with pytest.raises(ValidationError) as caught:
        activity_create(
            actor=world["coach"],
            registration=journey.registration,
            activity_type=training,
            held_on=D(2026, 3, 2),
            hours=Decimal(2),
        )
    assert "I en IPS-insats söks arbete direkt" in caught.value.message_dict["activity_type"][0]


def test_the_activity_form_and_the_api_choices_follow_the_way(
    as_persona, as_api, journey: Journey, world: World
) -> None:
    _types(world)
    client = as_persona("coach")
    form = client.get(reverse("participants:activity_create", args=[journey.registration.pk]))
    page = form.content.decode()
    assert "Karriärprofil" in page and "Arbetsträning" not in page
    choices = as_api("coach").get(f"/interventions/{world.intervention.slug}/choices").json()
    names = {kind["name"] for kind in choices["activity_types"]}
    assert "Karriärprofil" in names and "Arbetsträning" not in names


def test_a_step_by_step_participant_is_offered_arbetstraning_but_not_ips_types(
    world: World,
) -> None:
    journey = journey_for(world)  # world.intervention: no IPS
    training, profile, _shared = _types(world)
    offered = activity_types_for(journey.registration)
    assert training in offered and profile not in offered


def _start(journey: Journey, first: D, last: D | None, kind: str = "arbete") -> WorkStart:
    return WorkStart.objects.create(
        registration=journey.registration,
        kind=kind,
        form="osubventionerad" if kind == "arbete" else "komvux",
        start_date=first,
        end_date=last,
        hours_per_week=Decimal(20),
        competitive=kind == "arbete",
    )


def test_time_in_work_counts_overlapping_starts_once(journey: Journey) -> None:
    starts = [
        _start(journey, D(2026, 3, 1), D(2026, 3, 14)),  # 14 days
        _start(journey, D(2026, 3, 10), D(2026, 3, 20)),  # 6 more
        _start(journey, D(2026, 4, 1), None, kind="studier"),  # 1 April to today: 10 days
    ]
    progress = placement_progress(journey.registration, starts, D(2026, 4, 10))
    assert progress is not None
    assert (progress.job_starts, progress.competitive_job_starts, progress.study_starts) == (
        2,
        2,
        1,
    )
    assert progress.days_in_work_or_studies == 30 and progress.weeks_in_work_or_studies == 4
    assert progress.in_work_or_studies


def test_the_page_of_an_ips_participant_shows_ips_progress(as_persona, journey: Journey) -> None:
    _start(journey, D(2026, 3, 2), None)
    page = as_persona("coach").get(
        reverse("participants:registration_detail", args=[journey.registration.pk])
    )
    html = page.content.decode()
    assert "Framsteg i IPS" in html and "Milstolpar i IPS" in html
    assert "Milstolpe i IPS" in html and "Steg på stegen" not in html
    assert "Påbörjade arbeten" in html and "1, varav 1 konkurrensutsatt" in html
    assert "i arbete eller studier i dag" in html


def test_the_page_of_a_step_by_step_participant_shows_the_ladder(as_persona, world: World) -> None:
    journey = journey_for(world)
    html = (
        as_persona("coach")
        .get(reverse("participants:registration_detail", args=[journey.registration.pk]))
        .content.decode()
    )
    assert "Framsteg i IPS" not in html and "Steg på stegen" in html
    assert placement_progress(journey.registration, [], D(2026, 4, 1)) is None
