"""Ladder steps and indicator ratings: forms, services, bad input, permissions per persona."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import LadderStep, ProgressionIndicator
from samsyn.participants.models import IndicatorRating, StepRecord
from samsyn.participants.services import progression
from samsyn.participants.tests.journey_setup import (
    ALL_PERSONAS,
    WRITERS,
    Journey,
    journey_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def expected_status(persona: str, ok: int) -> int:
    return ok if persona in WRITERS else 403 if persona == "handlaggare" else 404


def step_url(journey: Journey) -> str:
    return reverse("participants:step_record_create", args=[journey.registration.pk])


def rating_url(journey: Journey) -> str:
    return reverse("participants:indicator_rating_create", args=[journey.registration.pk])


def rating_data(journey: Journey, scores: list[str], day: str = "2026-03-15") -> dict[str, str]:
    data = {"rated_on": day}
    for indicator, score in zip(journey.indicators, scores, strict=True):
        data[f"indicator_{indicator.pk}"] = score
    return data


# --- Ladder steps -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_step_form_permissions(as_persona, journey, persona):
    assert as_persona(persona).get(step_url(journey)).status_code == expected_status(persona, 200)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_step_record_permissions(as_persona, journey, persona):
    data = {"step": journey.ladder[2].pk, "recorded_on": "2026-03-01"}
    response = as_persona(persona).post(step_url(journey), data)
    assert response.status_code == expected_status(persona, 302)
    assert StepRecord.objects.exists() is (persona in WRITERS)


def test_step_record_is_stored_and_audited(as_persona, journey, world):
    data = {"step": journey.ladder[2].pk, "recorded_on": "2026-03-01"}
    as_persona("coach").post(step_url(journey), data)
    record = StepRecord.objects.get()
    assert record.step.order == 3
    assert record.recorded_on == datetime.date(2026, 3, 1)
    assert record.recorded_by == world["coach"]
    assert AuditEvent.objects.filter(action="create", detail="Steg 3 registrerat").exists()


def test_form_lists_the_ladder_in_order(as_persona, journey):
    page = as_persona("coach").get(step_url(journey)).content.decode()
    positions = [page.index(f"Steg {order}") for order in range(1, 8)]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"recorded_on": "2026-03-01"}, "Välj ett steg"),
        ({"step": "0", "recorded_on": "2026-03-01"}, "insatsens stege"),
        ({"step": "LADDER", "recorded_on": "2099-03-01"}, "framtiden"),
        ({"step": "LADDER", "recorded_on": ""}, "Ange ett datum"),
    ],
)
def test_bad_step_input(as_persona, journey, data, message):
    if data.get("step") == "LADDER":
        data = {**data, "step": str(journey.ladder[0].pk)}
    response = as_persona("coach").post(step_url(journey), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StepRecord.objects.exists()


def test_step_of_another_intervention_is_refused(journey, world):
    other = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    foreign = LadderStep.objects.create(intervention=other, name="Främmande", order=1)
    with pytest.raises(ValidationError):
        progression.step_record_create(
            actor=world["coach"],
            registration=journey.registration,
            step=foreign,
            recorded_on=datetime.date(2026, 3, 1),
        )


# --- Indicator ratings ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_rating_form_permissions(as_persona, journey, persona):
    response = as_persona(persona).get(rating_url(journey))
    assert response.status_code == expected_status(persona, 200)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_rating_permissions(as_persona, journey, persona):
    response = as_persona(persona).post(rating_url(journey), rating_data(journey, ["2", "3", "4"]))
    assert response.status_code == expected_status(persona, 302)
    assert IndicatorRating.objects.exists() is (persona in WRITERS)


def test_one_form_rates_every_indicator(as_persona, journey):
    page = as_persona("coach").get(rating_url(journey)).content.decode()
    for indicator in journey.indicators:
        assert indicator.name in page
    response = as_persona("coach").post(rating_url(journey), rating_data(journey, ["2", "3", "5"]))
    assert response.status_code == 302
    scores = {
        r.indicator.name: r.score for r in IndicatorRating.objects.select_related("indicator")
    }
    assert scores == {"Hantera hälsan": 2, "Hantera vardagen": 3, "Tro på arbete": 5}
    assert AuditEvent.objects.filter(
        action="create", detail="Skattning av 3 indikatorer 2026-03-15"
    ).exists()


@pytest.mark.parametrize(
    ("scores", "day"),
    [
        (["2", "3", ""], "2026-03-15"),
        (["2", "3", "6"], "2026-03-15"),
        (["0", "3", "3"], "2026-03-15"),
        (["x", "3", "3"], "2026-03-15"),
        (["2", "3", "3"], "2099-03-15"),
    ],
)
def test_bad_ratings_store_nothing(as_persona, journey, scores, day):
    response = as_persona("coach").post(rating_url(journey), rating_data(journey, scores, day))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Skatta från 1 till 5" in body or "framtiden" in body
    assert not IndicatorRating.objects.exists()


def test_one_measurement_per_date(as_persona, journey):
    client = as_persona("coach")
    client.post(rating_url(journey), rating_data(journey, ["2", "3", "4"]))
    response = client.post(rating_url(journey), rating_data(journey, ["5", "5", "5"]))
    assert "redan en skattning" in response.content.decode()
    assert IndicatorRating.objects.count() == 3


def test_service_requires_every_indicator_and_only_its_own(journey, world):
    own = journey.indicators
    with pytest.raises(ValidationError):
        progression.indicator_ratings_create(
            actor=world["coach"],
            registration=journey.registration,
            rated_on=datetime.date(2026, 3, 1),
            scores={own[0].pk: 3, own[1].pk: 3},
        )
    other = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    foreign = ProgressionIndicator.objects.create(intervention=other, name="Annan")
    with pytest.raises(ValidationError):
        progression.indicator_ratings_create(
            actor=world["coach"],
            registration=journey.registration,
            rated_on=datetime.date(2026, 3, 1),
            scores={**{i.pk: 3 for i in own}, foreign.pk: 3},
        )
    assert not IndicatorRating.objects.exists()


def test_intervention_without_indicators_says_so(as_persona, journey):
    ProgressionIndicator.objects.all().delete()
    response = as_persona("coach").get(rating_url(journey))
    assert response.status_code == 200
    assert "inga progressionsindikatorer" in response.content.decode()
    response = as_persona("coach").post(rating_url(journey), {"rated_on": "2026-03-01"})
    assert "inga progressionsindikatorer" in response.content.decode()
