"""The follow-up API: meetings, the due lists, job and study starts, exit, post-exit calls."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from samsyn.audit.models import AuditAction
from samsyn.conftest import World
from samsyn.participants.models import FollowUpMeeting, PostExitFollowUp, Registration, WorkStart
from samsyn.participants.tests.api_setup import (
    ALL_PERSONAS,
    NOT_FOUND,
    OUTSIDE,
    READ_ONLY,
    STALE,
    WRITERS,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    events,
    events_about,
    field_errors,
)
from samsyn.participants.tests.factories import PersonFactory
from samsyn.participants.tests.followup_setup import ended, registration_for
from samsyn.participants.tests.intake_setup import days
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]
ENDED = "Inskrivningen är avslutad. Uppgifter om deltagarens väg kan inte längre registreras."


@pytest.fixture
def registration(world: World) -> Registration:
    return registration_for(world, next_follow_up_due=days(-3))


def _path(registration: Registration, tail: str) -> str:
    return f"/registrations/{registration.pk}/{tail}"


def _assert_refused(response: Any, name: str, world: World, registration: Registration) -> None:
    if name == "handlaggare":
        assert response.status_code == 403
        assert response.json() == {"detail": READ_ONLY}
        return
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    refused = events_about(registration, actor=world[name])
    assert [e.detail for e in refused] == ["Åtkomst nekad: utanför behörighet eller samtycke"]


def _constant(
    client: ApiClient,
    path: str,
    add: Callable[[int], None],
    assert_query_count: QueryCount,
    queries: int,
) -> None:
    """The list at ``path`` costs exactly ``queries`` queries for 2 rows and for 17."""
    client.get(path)
    add(2)
    with assert_query_count(queries):
        assert client.get(path).json()["count"] >= 2
    add(15)
    with assert_query_count(queries):
        assert client.get(path).json()["count"] >= 17


# --- Follow-up meetings ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_meeting_create_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    body = {"held_on": days(-1).isoformat(), "participants_present": "Deltagare, coach"}
    response = as_api(name).post(_path(registration, "follow-ups"), body)
    if name not in WRITERS:
        _assert_refused(response, name, world, registration)
        assert not FollowUpMeeting.objects.exists()
        return
    assert response.status_code == 201
    expected_due = days(-1) + datetime.timedelta(weeks=8)
    assert response.json()["next_due"] == expected_due.isoformat()
    registration.refresh_from_db()
    assert registration.next_follow_up_due == expected_due
    meeting = FollowUpMeeting.objects.get()
    assert [e.detail for e in events_about(meeting, action=AuditAction.CREATE)] == [
        "Uppföljningsmöte"
    ]


def test_meeting_on_an_ended_registration_is_a_conflict(
    as_api: AsApi, registration: Registration
) -> None:
    ended(registration, days(-10))
    response = as_api("coach").post(_path(registration, "follow-ups"), {"held_on": "2026-03-01"})
    assert (response.status_code, response.json()) == (409, {"detail": ENDED})


def test_meeting_rejects_bad_dates(as_api: AsApi, registration: Registration) -> None:
    coach = as_api("coach")
    url = _path(registration, "follow-ups")
    errors = field_errors(coach.post(url, {"held_on": "2026-03-01", "next_due": "2026-02-01"}))
    assert errors == {"next_due": "Nästa uppföljning måste vara efter mötesdatumet."}
    assert field_errors(coach.post(url, {"held_on": "9999-12-31"})) == {
        "held_on": "Ange ett datum mellan 1900-01-01 och 2100-12-31."
    }


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_meeting_list_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    FollowUpMeeting.objects.create(
        registration=registration, held_on=days(-5), next_due=days(50), note="Bra möte"
    )
    response = as_api(name).get(_path(registration, "follow-ups"))
    if name in OUTSIDE:
        assert response.status_code == 404
        return
    assert [m["note"] for m in response.json()] == ["Bra möte"]
    viewed = events_about(registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in viewed] == ["Uppföljningsmöten visade (API)"]


# --- Due follow-ups -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_due_list_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    registration_for(world, next_follow_up_due=days(60))  # not due yet
    response = as_api(name).get("/follow-ups/due")
    if name not in WRITERS:
        # As on the page: the due lists are the intervention staff's.
        assert response.status_code == 404
        return
    body = response.json()
    assert (body["count"], body["within_days"]) == (1, 14)
    item = body["items"][0]
    assert (item["registration_id"], item["overdue"]) == (registration.pk, True)
    assert item["coach"]["id"] == world["coach"].pk
    listed = events(action=AuditAction.VIEW, actor=world[name])
    # One event per participant in the answer, naming them.
    assert [(e.detail, e.participant_ref) for e in listed] == [
        ("Uppföljningar att göra (API)", registration.person.pseudonym)
    ]
    assert as_api(name).get("/follow-ups/due", within_days=90).json()["count"] == 2


def test_due_list_has_constant_queries(
    world: World, as_api: AsApi, assert_query_count: QueryCount
) -> None:
    def add(count: int) -> None:
        for _ in range(count):
            registration_for(world, next_follow_up_due=days(-1))

    _constant(as_api("coach"), "/follow-ups/due", add, assert_query_count, 9)


# --- Job and study starts -------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_start_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    body = {
        "kind": "arbete",
        "form": "lonebidrag",
        "employer": "Lagret AB",
        "start_date": "2026-06-01",
        "hours_per_week": 20,
        "competitive": True,
    }
    response = as_api(name).post(_path(registration, "starts"), body)
    if name not in WRITERS:
        _assert_refused(response, name, world, registration)
        assert not WorkStart.objects.exists()
        return
    assert response.status_code == 201
    assert response.json() | {"id": 0} == body | {
        "id": 0,
        "end_date": None,
        "daily_activity_placement": "",
        "held_confirmed_on": None,
    }
    start = WorkStart.objects.get()
    assert [e.detail for e in events_about(start)] == ["Arbets- eller studiestart"]


def test_start_rejects_mismatched_kind_and_form(as_api: AsApi, registration: Registration) -> None:
    body = {
        "kind": "studier",
        "form": "lonebidrag",
        "start_date": "2026-06-01",
        "competitive": True,
    }
    errors = field_errors(as_api("coach").post(_path(registration, "starts"), body))
    assert errors == {
        "form": "Välj en studieform för studier.",
        "competitive": "Bara ett arbete kan vara konkurrensutsatt.",
    }


# --- Exit -----------------------------------------------------------------------------------


def _exit_body(registration: Registration, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "version": registration.version,
        "end_date": days(-1).isoformat(),
        "reason": "fullfoljt",
        "income_sources_after": ["lon"],
        "occupation_after": "arbetar",
        "outcome": "arbete",
        "step_forward": True,
    }
    body.update(overrides)
    return body


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_exit_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    response = as_api(name).post(_path(registration, "exit"), _exit_body(registration))
    registration.refresh_from_db()
    if name not in WRITERS:
        _assert_refused(response, name, world, registration)
        assert registration.is_ongoing
        return
    assert response.status_code == 200, response.content
    out = response.json()
    assert out["exit"] == {
        "end_date": days(-1).isoformat(),
        "reason": "fullfoljt",
        "incomes_after": ["lon"],
        "occupation_after": "arbetar",
        "outcome": "arbete",
        "exit_plan": "",
        "recommendation": "",
        "step_forward": True,
    }
    assert out["version"] == registration.version
    assert PostExitFollowUp.objects.filter(registration=registration).count() == 2
    updates = events_about(registration, action=AuditAction.UPDATE)
    assert [e.detail for e in updates] == ["Avslut (fullfoljt)"]


def test_exit_is_versioned_and_happens_once(as_api: AsApi, registration: Registration) -> None:
    coach = as_api("coach")
    url = _path(registration, "exit")
    stale = coach.post(url, _exit_body(registration, version=registration.version + 1))
    assert (stale.status_code, stale.json()) == (409, {"detail": STALE})
    registration.refresh_from_db()
    assert registration.is_ongoing
    assert coach.post(url, _exit_body(registration)).status_code == 200
    registration.refresh_from_db()
    again = coach.post(url, _exit_body(registration))
    assert (again.status_code, again.json()) == (
        409,
        {"detail": "Inskrivningen är redan avslutad."},
    )


def test_exit_validates_and_felregistrering_books_no_follow_up(
    as_api: AsApi, registration: Registration
) -> None:
    coach = as_api("coach")
    url = _path(registration, "exit")
    body = _exit_body(registration, outcome="ovrigt", occupation_after="ingen")
    errors = field_errors(coach.post(url, body))
    assert errors == {
        "exit_plan": (
            "Beskriv den överenskomna planen när resultatet vid avslut varken är arbete "
            "eller studier."
        )
    }
    assert field_errors(coach.post(url, _exit_body(registration, reason="klar"))) == {
        "reason": "Välj ett av de tillåtna värdena."
    }
    wrong: dict[str, object] = {
        "reason": "felregistrering",
        "income_sources_after": [],
        "occupation_after": None,
    }
    body = _exit_body(registration, outcome=None, step_forward=None, **wrong)
    assert coach.post(url, body).status_code == 200
    assert not PostExitFollowUp.objects.exists()


# --- Post-exit follow-ups -------------------------------------------------------------------


@pytest.fixture
def ended_registration(world: World) -> Registration:
    return ended(registration_for(world), datetime.date(2026, 3, 1))


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_post_exit_due_per_persona(
    world: World, as_api: AsApi, ended_registration: Registration, name: str
) -> None:
    response = as_api(name).get("/post-exit-follow-ups/due")
    if name not in WRITERS:
        assert response.status_code == 404
        return
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["registration_id"], item["months_after"], item["overdue"]) == (
        ended_registration.pk,
        6,
        True,
    )
    listed = events(action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in listed] == ["Efteruppföljningar att göra (API)"]


def test_post_exit_due_has_constant_queries(
    world: World, as_api: AsApi, assert_query_count: QueryCount
) -> None:
    def add(count: int) -> None:
        for _ in range(count):
            person = PersonFactory(forbund=world.forbund)
            ended(registration_for(world, person=person), datetime.date(2026, 3, 1))

    _constant(as_api("coach"), "/post-exit-follow-ups/due", add, assert_query_count, 10)


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_post_exit_record_per_persona(
    world: World, as_api: AsApi, ended_registration: Registration, name: str
) -> None:
    follow_up = ended_registration.post_exit_follow_ups.get(months_after=6)
    body = {
        "done_on": days(-1).isoformat(),
        "reached": True,
        "occupation": "arbetar",
        "income_sources": ["lon"],
        "note": "Trivs på jobbet.",
    }
    response = as_api(name).post(f"/post-exit-follow-ups/{follow_up.pk}", body)
    follow_up.refresh_from_db()
    if name not in WRITERS:
        _assert_refused(response, name, world, ended_registration)
        assert follow_up.done_on is None
        return
    assert response.status_code == 200
    out = response.json()
    assert (out["done_on"], out["reached"], out["income_sources"]) == (
        days(-1).isoformat(),
        True,
        ["lon"],
    )
    assert follow_up.note == "Trivs på jobbet."
    assert [e.detail for e in events_about(follow_up)] == ["Efteruppföljning 6 månader"]


def test_post_exit_is_recorded_once(as_api: AsApi, ended_registration: Registration) -> None:
    follow_up = ended_registration.post_exit_follow_ups.get(months_after=6)
    coach = as_api("coach")
    url = f"/post-exit-follow-ups/{follow_up.pk}"
    not_reached = {"done_on": days(-1).isoformat(), "reached": False}
    assert coach.post(url, not_reached).status_code == 200
    again = coach.post(url, not_reached)
    assert again.status_code == 409
    assert again.json()["detail"].startswith("Efteruppföljningen är redan registrerad")
    assert coach.post("/post-exit-follow-ups/999999", not_reached).json() == NOT_FOUND
    errors = field_errors(
        coach.post(
            url.replace(str(follow_up.pk), str(follow_up.pk + 1)),
            {
                "done_on": days(-1).isoformat(),
                "reached": True,
            },
        )
    )
    assert errors == {
        "occupation": "Ange personens sysselsättning nu.",
        "income_sources": "Ange minst en försörjning.",
    }
