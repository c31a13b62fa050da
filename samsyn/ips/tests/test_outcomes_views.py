"""The IPS outcomes page and API: who sees what (samsyn/ips/selectors/outcomes_page.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.ips.tests.outcomes_setup import D, activity, coach2, ips, job, reg
from samsyn.participants.tests.api_setup import NOT_FOUND, ApiClient, as_api_fixture
from samsyn.testing.queries import QueryCount

__all__ = ["as_api_fixture", "coach2", "ips"]  # fixtures

SEE = ("admin", "insatsansvarig", "coach", "styrgrupp")
NOT_SEE = ("handlaggare", "granskare", "outsider", "nobody")
Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}


def url(intervention: Intervention) -> str:
    return reverse("ips:outcomes", kwargs={"pk": intervention.pk})


@pytest.fixture
def data(world: World, ips: Intervention, coach2: User) -> Intervention:
    for index in range(6):
        registration = reg(ips, world["coach"], D(2025, 11, 1), person__first_name="Hemlig")
        activity(registration, D(2026, 3, 30))
        if index < 2:
            job(registration, D(2026, 2, 1))
    activity(reg(ips, coach2, D(2025, 11, 1), gender="man"), D(2026, 3, 30))
    return ips


@pytest.mark.parametrize("persona", SEE)
def test_page_for_those_who_may_see(
    as_persona: Callable[[str], Client], data: Intervention, persona: str
) -> None:
    response = as_persona(persona).get(url(data), Q1)
    assert response.status_code == 200
    body = response.content.decode()
    assert "IPS-resultat: Testinsatsen" in body
    assert "Referensnivåer" in body and "40–50" in body
    assert 'id="ips-population"' in body and "Aktiva inskrivningar" in body
    assert '<svg class="report-chart" id="chart-ips_employment_rate"' in body
    assert "Hemlig" not in body and "Testsson" not in body  # never a participant
    assert not re.search(r'\sstyle="', body) and "<script>" not in body


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "coach"])
def test_staff_see_every_coach(
    as_persona: Callable[[str], Client], data: Intervention, coach2: User, persona: str
) -> None:
    body = as_persona(persona).get(url(data), Q1).content.decode()
    assert 'id="table-ips-coaches"' in body
    assert "Bo Andersson" in body  # the other coach's row, for a coach too
    assert "Små antal är dolda" not in body


def test_styrgrupp_sees_suppressed_intervention_only(
    as_persona: Callable[[str], Client], data: Intervention
) -> None:
    body = as_persona("styrgrupp").get(url(data), Q1).content.decode()
    assert "Små antal är dolda" in body
    assert "&lt; 5" in body
    assert 'id="table-ips-coaches"' not in body and "Bo Andersson" not in body
    assert 'id="table-ips-teams"' not in body


@pytest.mark.parametrize("persona", NOT_SEE)
def test_page_404_for_others(
    as_persona: Callable[[str], Client], data: Intervention, persona: str
) -> None:
    assert as_persona(persona).get(url(data)).status_code == 404


def test_page_404_for_an_intervention_without_ips(
    as_persona: Callable[[str], Client], world: World
) -> None:
    world.intervention.methods = ["resursinventering"]
    world.intervention.save()
    for persona in SEE:
        assert as_persona(persona).get(url(world.intervention)).status_code == 404


def test_page_404_for_another_forbunds_intervention(
    as_persona: Callable[[str], Client], world: World
) -> None:
    world.other_intervention.methods = ["supported_employment"]
    world.other_intervention.save()
    assert as_persona("admin").get(url(world.other_intervention)).status_code == 404
    assert as_persona("outsider").get(url(world.other_intervention)).status_code == 200


def test_anonymous_is_sent_to_log_in(client: Client, data: Intervention) -> None:
    response = client.get(url(data))
    assert response.status_code == 302
    assert "login" in response["Location"] or "logga-in" in response["Location"]


@pytest.mark.parametrize(
    "params",
    [{"fran": "2026-13-01", "till": "2026-03-31"}, {"fran": "x" * 500}, {"rapportperiod": "_"}],
)
def test_bad_period_gives_message(
    as_persona: Callable[[str], Client], data: Intervention, params: dict[str, str]
) -> None:
    response = as_persona("admin").get(url(data), params)
    assert response.status_code == 200
    assert "standardperioden" in response.content.decode()


@pytest.mark.parametrize("count", [1, 25])
def test_page_queries_constant(
    as_persona: Callable[[str], Client],
    world: World,
    ips: Intervention,
    count: int,
    assert_query_count: QueryCount,
) -> None:
    for _i in range(count):
        job(reg(ips, world["coach"], D(2025, 11, 1)), D(2026, 2, 1))
    client = as_persona("coach")
    with assert_query_count(16):
        assert client.get(url(ips), Q1).status_code == 200


# --- API -------------------------------------------------------------------------------------


def api_path(intervention: Intervention) -> str:
    return f"/ips/interventions/{intervention.pk}/outcomes"


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "coach"])
def test_api_exact_for_staff(
    as_api: Callable[[str], ApiClient], data: Intervention, persona: str
) -> None:
    response = as_api(persona).get(api_path(data), **Q1)
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    assert body["suppressed"] is False
    figures = {figure["id"]: figure["values"] for figure in body["figures"]}
    assert figures["out_of_work_active"] == {"kvinna": 6, "man": 1, "total": 7}
    assert figures["in_competitive_job"]["total"] == 2
    assert len(body["coaches"]) == 2


def test_api_suppressed_for_styrgrupp(
    as_api: Callable[[str], ApiClient], data: Intervention
) -> None:
    body = as_api("styrgrupp").get(api_path(data), **Q1).json()
    figures = {figure["id"]: figure["values"] for figure in body["figures"]}
    assert body["suppressed"] is True
    assert figures["in_competitive_job"] == {"kvinna": "< 5", "man": 0, "total": "< 5"}
    assert body["coaches"] == [] and body["teams"] == []


@pytest.mark.parametrize("persona", ["handlaggare", "granskare", "outsider"])
def test_api_404_for_others(
    as_api: Callable[[str], ApiClient], data: Intervention, persona: str
) -> None:
    response = as_api(persona).get(api_path(data), **Q1)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_api_404_without_ips_method(as_api: Callable[[str], ApiClient], world: World) -> None:
    assert as_api("admin").get(api_path(world.intervention)).status_code == 404


def test_api_without_token_is_401(client: Client, data: Intervention) -> None:
    assert client.get("/api/v1" + api_path(data)).status_code == 401


def test_api_default_period(as_api: Callable[[str], ApiClient], data: Intervention) -> None:
    body = as_api("admin").get(api_path(data)).json()
    assert body["period"]["from"] <= body["period"]["to"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"fran": "2026-02-30", "till": "2026-03-31"}, "fran"),
        ({"fran": "2026-01-01", "till": "igår"}, "till"),
        ({"fran": "2026-01-01"}, "till"),
        ({"till": "2026-01-01"}, "fran"),
        ({"fran": "2026-03-31", "till": "2026-01-01"}, "till"),
        ({"fran": "1066-10-14", "till": "2026-01-01"}, "fran"),
        ({"fran": "9" * 400, "till": "2026-01-01"}, "fran"),
    ],
)
def test_api_422_on_bad_dates(
    as_api: Callable[[str], ApiClient], data: Intervention, params: dict[str, str], field: str
) -> None:
    response = as_api("admin").get(api_path(data), **params)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field]
    assert all(error["message"] for error in errors)
