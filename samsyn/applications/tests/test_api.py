"""The applications API by persona: list, detail, create, update, submit, calls; 404 outside
scope, 409 for a stale version, 422 with Swedish field errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samsyn.applications.models import Application, ApplicationStatus
from samsyn.applications.tests.setup import draft, make_applicant, open_call
from samsyn.conftest import World
from samsyn.participants.tests.api_setup import ApiClient, as_api_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
Api = Callable[[str], ApiClient]
PERSONAS = ("admin", "handlaggare", "insatsansvarig", "coach", "styrgrupp", "granskare", "outsider")
READERS = ("admin", "handlaggare")


@pytest.mark.parametrize("name", PERSONAS)
def test_list_and_detail_by_persona(world: World, as_api: Api, name: str) -> None:
    make_applicant(world)
    application = draft(world, complete=True)
    listed = as_api(name).get("/applications/")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()] == ([application.pk] if name in READERS else [])
    detail = as_api(name).get(f"/applications/{application.pk}")
    assert detail.status_code == (200 if name in READERS else 404)
    if name in READERS:
        body = detail.json()
        assert body["summary"][0]["forbund"] == "80000.00"
        assert body["can_write"] == (name == "handlaggare")


@pytest.mark.parametrize("name", PERSONAS)
def test_create_by_persona(world: World, as_api: Api, name: str) -> None:
    make_applicant(world)
    response = as_api(name).post("/applications/", {"name": "Via API"})
    assert response.status_code == (201 if name == "handlaggare" else 404)
    assert Application.objects.exists() == (name == "handlaggare")


def test_update_replaces_the_budget_and_refuses_bad_lines(world: World, as_api: Api) -> None:
    make_applicant(world)
    application = draft(world)
    api = as_api("handlaggare")
    url = f"/applications/{application.pk}"
    good = {"year": 2026, "category": "resor", "amount": "500", "forbund_amount": "500"}
    response = api.put(url, {"version": 1, "name": "Nytt", "budget_lines": [good]})
    assert response.status_code == 200, response.json()
    assert response.json()["budget_lines"][0]["amount"] == "500.00"
    bad = {**good, "forbund_amount": "400"}
    refused = api.put(url, {"version": 2, "name": "Igen", "budget_lines": [bad]})
    assert refused.status_code == 422
    assert "går inte ihop" in str(refused.json())
    over = {
        **good,
        "forbund_amount": "0",
        "own_money_amount": "900",
        "cofinancing_party_id": world.kommun.pk,
    }
    assert "100 %" in str(api.put(url, {"version": 2, "name": "X", "budget_lines": [over]}).json())
    malformed = api.put(
        url, {"version": 2, "name": "X", "budget_lines": [{**good, "amount": "1,2,3"}]}
    )
    assert malformed.status_code == 422
    stale = api.put(url, {"version": 1, "name": "Gammal"})
    assert stale.status_code == 409
    application.refresh_from_db()
    assert (application.name, application.version) == ("Nytt", 2)
    assert application.budget_lines.count() == 1


def test_submit_refused_with_what_is_missing_then_accepted(world: World, as_api: Api) -> None:
    make_applicant(world)
    empty = draft(world)
    api = as_api("handlaggare")
    refused = api.post(f"/applications/{empty.pk}/submit", {"version": 1})
    assert refused.status_code == 422
    assert "Syftet med insatsen saknas." in str(refused.json())
    complete = draft(world, complete=True, name="Klar")
    assert (
        as_api("admin").post(f"/applications/{complete.pk}/submit", {"version": 1}).status_code
        == 404
    )
    accepted = api.post(f"/applications/{complete.pk}/submit", {"version": 1})
    assert accepted.status_code == 200 and accepted.json()["status"] == ApplicationStatus.SUBMITTED


def test_deadline_passed_in_the_api(world: World, as_api: Api) -> None:
    make_applicant(world)
    import datetime

    call = open_call(world, opens_on=datetime.date(2020, 1, 1), deadline=datetime.date(2020, 1, 2))
    response = as_api("handlaggare").post("/applications/", {"name": "Sen", "call_id": call.pk})
    assert response.status_code == 422
    assert "Sista ansökningsdag" in str(response.json())


@pytest.mark.parametrize("name", PERSONAS)
def test_calls_by_persona(world: World, as_api: Api, name: str) -> None:
    make_applicant(world)
    open_call(world, title="Öppen")
    open_call(world, title="Opublicerad", is_published=False)
    titles = {call["title"] for call in as_api(name).get("/applications/calls/").json()}
    expected = {"admin": {"Öppen", "Opublicerad"}, "handlaggare": {"Öppen"}}
    assert titles == expected.get(name, set())
