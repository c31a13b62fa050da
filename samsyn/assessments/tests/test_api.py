"""The resource inventory API by persona: reads, writes, 403/404/409/422 in Swedish."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from samsyn.assessments.models import ObservationWeek, ResourceInventory
from samsyn.conftest import World
from samsyn.participants.models import Registration
from samsyn.participants.tests.api_setup import STALE, ApiClient, as_api_fixture  # noqa: F401

from .setup import ALL_PERSONAS, OUTSIDE, WRITERS, assessed, ended, inventory_registration, started

pytestmark = pytest.mark.django_db
Api = Callable[[str], ApiClient]
BODY = {"version": 0, "started_on": "2026-02-02"}


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_get_by_persona(world: World, as_api: Api, name: str) -> None:
    inventory = started(inventory_registration(world))
    assessed(inventory)
    response = as_api(name).get(f"/resursinventeringar/{inventory.registration_id}")
    assert response.status_code == (404 if name in OUTSIDE else 200)
    if response.status_code == 200:
        assert response.json()["assessments"][0]["findings"] == "Nedsatt uthållighet."
        assert response.json()["can_write"] == (name in WRITERS)


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_put_by_persona(world: World, as_api: Api, name: str) -> None:
    registration = inventory_registration(world)
    response = as_api(name).put(f"/resursinventeringar/{registration.pk}", BODY)
    expected = 200 if name in WRITERS else 404 if name in OUTSIDE else 403
    assert response.status_code == expected
    assert ResourceInventory.objects.exists() == (expected == 200)


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_post_assessment_and_week_by_persona(world: World, as_api: Api, name: str) -> None:
    inventory = started(
        inventory_registration(world),
        observation_from=datetime.date(2026, 2, 9),
        observation_to=datetime.date(2026, 5, 3),
    )
    base = f"/resursinventeringar/{inventory.registration_id}"
    assessment = {"profession": "socionom", "assessor": "S", "assessed_on": "2026-02-03"}
    week = {"week_starting": "2026-02-10", "planned_hours": "20", "attended_hours": "10"}
    first = as_api(name).post(base + "/assessments", assessment)
    second = as_api(name).post(base + "/weeks", week)
    expected = 201 if name in WRITERS else 404 if name in OUTSIDE else 403
    assert first.status_code == expected
    assert second.status_code == (200 if expected == 201 else expected)
    if expected == 201:
        assert second.json()["attendance_percent"] == 50.0


def test_put_flow_with_recommendation_and_errors(world: World, as_api: Api) -> None:
    registration = inventory_registration(world)
    api = as_api("coach")
    url = f"/resursinventeringar/{registration.pk}"
    assert api.put(url, BODY).json()["version"] == 2  # started, then saved
    body = BODY | {
        "version": 2,
        "observation_from": "2026-02-09",
        "observation_to": "2026-12-31",
    }
    invalid = api.put(url, body)
    assert invalid.status_code == 422
    assert "högst 26 veckor" in invalid.json()["errors"][0]["message"]
    assessed(ResourceInventory.objects.get())
    body = BODY | {
        "version": 2,
        "recommendation": "sjukersattning",
        "recommended_on": "2026-05-01",
        "recommendation_reasons": "Medicinska skäl.",
        "handover_party_id": world.fk.pk,
        "handover_on": "2026-05-02",
    }
    saved = api.put(url, body)
    assert saved.status_code == 200, saved.json()
    assert Registration.objects.get(pk=registration.pk).recommendation == "sjukersattning"
    stale = api.put(url, body)
    assert stale.status_code == 409
    assert stale.json()["detail"] == STALE
    garbage = api.put(url, body | {"recommendation": "okänd", "extra": 1})
    assert garbage.status_code == 422


def test_week_over_60_hours_is_422(world: World, as_api: Api) -> None:
    inventory = started(
        inventory_registration(world),
        observation_from=datetime.date(2026, 2, 9),
        observation_to=datetime.date(2026, 5, 3),
    )
    week = {"week_starting": "2026-02-10", "planned_hours": "20", "attended_hours": "61"}
    response = as_api("coach").post(f"/resursinventeringar/{inventory.registration_id}/weeks", week)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "attended_hours", "message": "Högst 60 timmar per vecka.", "code": "invalid"}
    ]
    assert not ObservationWeek.objects.exists()


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_recommendations_by_persona(world: World, as_api: Api, name: str) -> None:
    inventory_registration(world)
    for _ in range(6):
        ended(world, "kvinna", "aktivitet", datetime.date(2026, 3, 1))
    response = as_api(name).get(
        f"/interventions/{world.intervention.pk}/recommendations",
        # A report period (2026 Q1): the styrgrupp may not choose free dates (issue #11).
        fran="2026-01-01",
        till="2026-03-31",
    )
    allowed = {"admin", "styrgrupp", "insatsansvarig", "coach"}
    assert response.status_code == (200 if name in allowed else 404)
    if response.status_code == 200:
        tracks = {t["code"]: t for t in response.json()["tracks"]}
        assert tracks["aktivitet"]["counts"]["kvinna"] == 6
        assert response.json()["suppressed"] == (name == "styrgrupp")


def test_recommendations_bad_dates_are_422(world: World, as_api: Api) -> None:
    inventory_registration(world)
    response = as_api("admin").get(
        f"/interventions/{world.intervention.pk}/recommendations", fran="2026-99-01", till="x"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "fran"
