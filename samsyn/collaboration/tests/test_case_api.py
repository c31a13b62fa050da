"""The cases API by persona: reads, writes, 404/409/422 in Swedish, names only by the rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samsyn.collaboration.models import CaseDiscussion, TeamCase
from samsyn.collaboration.tests.case_setup import MEMBERS, NO_SEAT, case_world
from samsyn.conftest import World
from samsyn.participants.tests.api_setup import ApiClient, as_api_fixture  # noqa: F401
from samsyn.participants.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
Api = Callable[[str], ApiClient]
PERSONAS = MEMBERS + NO_SEAT


@pytest.mark.parametrize("name", PERSONAS)
def test_reads_by_persona(world: World, as_api: Api, name: str) -> None:
    cases = case_world(world)
    client = as_api(name)
    for path in (
        f"/collaboration/teams/{cases.team.pk}/cases",
        f"/collaboration/cases/{cases.identified.pk}",
        f"/collaboration/meetings/{cases.meeting.pk}/cases",
    ):
        assert client.get(path).status_code == (200 if name in MEMBERS else 404), path


def test_list_names_only_by_the_rule(world: World, as_api: Api) -> None:
    cases = case_world(world)
    rows = as_api("coach").get(f"/collaboration/teams/{cases.team.pk}/cases").json()
    assert [(row["code"], row["identified"]) for row in rows] == [("Ä-001", True), ("Ä-002", False)]
    assert rows[0]["name"] == cases.registration.person.display_name
    assert rows[1]["name"] is None
    cases.meeting.attendance.create(party=world.af, present=True)
    rows = as_api("coach").get(f"/collaboration/teams/{cases.team.pk}/cases").json()
    assert rows[0]["name"] is None


@pytest.mark.parametrize("name", PERSONAS)
def test_create_by_persona(world: World, as_api: Api, name: str) -> None:
    cases = case_world(world)
    response = as_api(name).post(
        f"/collaboration/meetings/{cases.meeting.pk}/cases", {"summary": "Ung man, 22 år"}
    )
    assert response.status_code == (201 if name in MEMBERS else 404)
    assert TeamCase.objects.filter(number=3).exists() == (name in MEMBERS)
    if name in MEMBERS:
        assert response.json()["code"] == "Ä-003"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "summary"),
        ({"summary": "pnr 198503122387"}, "summary"),
        ({"summary": "x" * 201}, "summary"),
        ({"person_id": 999999}, "person_id"),
        ({"case_id": 999999}, "case_id"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_create_bad_input_is_422(world: World, as_api: Api, body: dict, field: str) -> None:
    cases = case_world(world)
    before = CaseDiscussion.objects.count()
    response = as_api("coach").post(f"/collaboration/meetings/{cases.meeting.pk}/cases", body)
    assert response.status_code == 422
    assert any(field in str(error.get("field", "")) for error in response.json()["errors"])
    assert CaseDiscussion.objects.count() == before


def test_person_outside_scope_is_refused(world: World, as_api: Api) -> None:
    cases = case_world(world)
    stranger = PersonFactory(forbund=world.forbund)
    response = as_api("coach").post(
        f"/collaboration/meetings/{cases.meeting.pk}/cases", {"person_id": stranger.pk}
    )
    assert response.status_code == 422
    assert not TeamCase.objects.filter(person=stranger).exists()


@pytest.mark.parametrize("name", PERSONAS)
def test_notes_update_by_persona(world: World, as_api: Api, name: str) -> None:
    cases = case_world(world)
    path = f"/collaboration/discussions/{cases.discussion.pk}/notes"
    response = as_api(name).put(path, {"notes": "Uppdaterat", "version": 1})
    assert response.status_code == (200 if name in MEMBERS else 404)
    cases.discussion.refresh_from_db()
    assert (cases.discussion.notes == "Uppdaterat") is (name in MEMBERS)


def test_notes_stale_and_frozen(world: World, as_api: Api) -> None:
    cases = case_world(world)
    path = f"/collaboration/discussions/{cases.discussion.pk}/notes"
    client = as_api("coach")
    assert client.put(path, {"notes": "Ett", "version": 1}).status_code == 200
    stale = client.put(path, {"notes": "Två", "version": 1})
    assert stale.status_code == 409
    cases.meeting.minutes_approved_on = cases.meeting.date
    cases.meeting.save()
    frozen = client.put(path, {"notes": "Tre", "version": 2})
    assert frozen.status_code == 422 and "justerat" in str(frozen.json()["errors"])
    cases.discussion.refresh_from_db()
    assert cases.discussion.notes == "Ett"
