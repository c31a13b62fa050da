"""The API's journal notes and indicator ratings, and the list of job and study starts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from samsyn.audit.models import AuditAction
from samsyn.conftest import World
from samsyn.participants.models import IndicatorRating, JournalNote, Registration, WorkStart
from samsyn.participants.selectors.timeline import user_name
from samsyn.participants.tests.api_setup import (
    ALL_PERSONAS,
    NOT_FOUND,
    OUTSIDE,
    READ_ONLY,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    events,
    events_about,
    field_errors,
)
from samsyn.participants.tests.journey_setup import Journey, journey_for
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]
REFUSED = "Åtkomst nekad: utanför behörighet eller samtycke"
NOTES_HIDDEN = "Journalanteckningar visas bara för insatsansvarig och deltagarens coach."


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def _path(registration: Registration, tail: str) -> str:
    return f"/registrations/{registration.pk}/{tail}"


def _assert_outside(response: Any, world: World, name: str, registration: Registration) -> None:
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    refused = events_about(registration, actor=world[name])
    assert [e.detail for e in refused] == [REFUSED]


def _participant_events(world: World, name: str) -> list[str]:
    return [e.detail for e in events(actor=world[name], participant_ref__gt="")]


# --- Journal notes --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_note_list_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    registration = journey.registration
    JournalNote.objects.create(registration=registration, author=world["coach"], text="Första")
    JournalNote.objects.create(registration=registration, author=world["coach"], text="Andra")
    response = as_api(name).get(_path(registration, "notes"))
    if name in OUTSIDE:
        _assert_outside(response, world, name, registration)
        return
    if name == "handlaggare":
        # As on the participant page: notes are the intervention staff's.
        assert (response.status_code, response.json()) == (403, {"detail": NOTES_HIDDEN})
        assert _participant_events(world, name) == []
        return
    assert response.status_code == 200
    assert [note["text"] for note in response.json()] == ["Andra", "Första"]
    assert {note["author"] for note in response.json()} == {user_name(world["coach"])}
    viewed = events(actor=world[name], action=AuditAction.VIEW)
    assert [e.detail for e in viewed] == ["Visade journalanteckningar (2 st) (API)"] * 2
    # Each event names the note it read.
    assert sorted((e.object_type, e.object_id) for e in viewed) == sorted(
        ("participants.JournalNote", str(note.pk))
        for note in JournalNote.objects.filter(registration=registration)
    )
    assert {e.participant_ref for e in viewed} == {registration.person.pseudonym}


def test_note_list_of_none_is_logged_too(world: World, as_api: AsApi, journey: Journey) -> None:
    response = as_api("coach").get(_path(journey.registration, "notes"))
    assert response.json() == []
    viewed = events(actor=world["coach"], action=AuditAction.VIEW)
    assert [e.detail for e in viewed] == ["Visade journalanteckningar (0 st) (API)"]


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_note_create_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    registration = journey.registration
    response = as_api(name).post(_path(registration, "notes"), {"text": "  Samtal om praktik  "})
    if name in OUTSIDE:
        _assert_outside(response, world, name, registration)
        assert not JournalNote.objects.exists()
        return
    if name == "handlaggare":
        assert (response.status_code, response.json()) == (403, {"detail": READ_ONLY})
        assert not JournalNote.objects.exists()
        return
    assert response.status_code == 201
    note = JournalNote.objects.get()
    assert (note.text, note.author) == ("Samtal om praktik", world[name])
    assert response.json()["id"] == note.pk
    assert response.json()["text"] == "Samtal om praktik"
    created = events_about(note, action=AuditAction.CREATE)
    assert [e.detail for e in created] == ["Journalanteckning skriven"]
    assert created[0].participant_ref == registration.person.pseudonym


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"text": "   "}, "text", "Skriv anteckningen."),
        ({}, "text", "Uppgiften saknas."),
        ({"text": "x" * 10_001}, "text", "Texten är för lång."),
        ({"text": "a\x00b"}, "text", "Texten innehåller ett otillåtet tecken."),
        ({"text": "Hej", "extra": 1}, "extra", "Fältet är okänt."),
    ],
)
def test_note_create_refuses_bad_input(
    as_api: AsApi, journey: Journey, body: dict[str, object], field: str, message: str
) -> None:
    response = as_api("coach").post(_path(journey.registration, "notes"), body)
    assert field_errors(response) == {field: message}
    assert not JournalNote.objects.exists()


# --- Indicator ratings ----------------------------------------------------------------------


def _scores(journey: Journey, *values: int) -> list[dict[str, int]]:
    return [
        {"indicator": indicator.pk, "score": value}
        for indicator, value in zip(journey.indicators, values, strict=True)
    ]


def _rate(journey: Journey, day: datetime.date, *values: int) -> None:
    IndicatorRating.objects.bulk_create(
        IndicatorRating(registration=journey.registration, indicator=i, rated_on=day, score=v)
        for i, v in zip(journey.indicators, values, strict=True)
    )


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_rating_list_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    registration = journey.registration
    _rate(journey, datetime.date(2026, 3, 1), 1, 2, 3)
    _rate(journey, datetime.date(2026, 5, 1), 4, 4, 5)
    response = as_api(name).get(_path(registration, "indicator-ratings"))
    if name in OUTSIDE:
        _assert_outside(response, world, name, registration)
        return
    assert response.status_code == 200
    first, second = response.json()
    assert (first["rated_on"], first["mean"]) == ("2026-05-01", 4.33)
    assert (second["rated_on"], second["mean"]) == ("2026-03-01", 2.0)
    assert [(s["indicator"]["name"], s["score"]) for s in second["scores"]] == [
        ("Hantera hälsan", 1),
        ("Hantera vardagen", 2),
        ("Tro på arbete", 3),
    ]
    viewed = events_about(registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in viewed] == ["Skattningar visade (API)"]


def test_rating_list_costs_the_same_for_more_measurements(
    as_api: AsApi, journey: Journey, assert_query_count: QueryCount
) -> None:
    client = as_api("coach")
    _rate(journey, datetime.date(2026, 3, 1), 3, 3, 3)
    client.get(_path(journey.registration, "indicator-ratings"))
    with assert_query_count(9):
        assert len(client.get(_path(journey.registration, "indicator-ratings")).json()) == 1
    for month in range(4, 13):
        _rate(journey, datetime.date(2026, month, 1), 3, 3, 3)
    with assert_query_count(9):
        assert len(client.get(_path(journey.registration, "indicator-ratings")).json()) == 10


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_rating_create_per_persona(
    world: World, as_api: AsApi, journey: Journey, name: str
) -> None:
    registration = journey.registration
    body = {"rated_on": "2026-03-03", "scores": _scores(journey, 2, 3, 5)}
    response = as_api(name).post(_path(registration, "indicator-ratings"), body)
    if name in OUTSIDE:
        _assert_outside(response, world, name, registration)
        assert not IndicatorRating.objects.exists()
        return
    if name == "handlaggare":
        assert (response.status_code, response.json()) == (403, {"detail": READ_ONLY})
        assert not IndicatorRating.objects.exists()
        return
    assert response.status_code == 201
    assert response.json()["rated_on"] == "2026-03-03"
    assert response.json()["mean"] == 3.33
    assert [s["score"] for s in response.json()["scores"]] == [2, 3, 5]
    assert sorted(IndicatorRating.objects.values_list("score", flat=True)) == [2, 3, 5]
    created = events(
        action=AuditAction.CREATE, actor=world[name], participant_ref=registration.person.pseudonym
    )
    assert [e.detail for e in created] == ["Skattning av 3 indikatorer 2026-03-03"]


def test_rating_create_refuses_bad_input(as_api: AsApi, journey: Journey, world: World) -> None:
    coach = as_api("coach")
    url = _path(journey.registration, "indicator-ratings")
    indicators = journey.indicators
    partial = [{"indicator": indicators[0].pk, "score": 3}]
    assert field_errors(coach.post(url, {"rated_on": "2026-03-03", "scores": partial})) == {
        "scores": "Skatta från 1 till 5."
    }
    twice = [*_scores(journey, 3, 3, 3), {"indicator": indicators[0].pk, "score": 4}]
    assert field_errors(coach.post(url, {"rated_on": "2026-03-03", "scores": twice})) == {
        "scores": "Varje indikator får skattas en gång."
    }
    foreign = [*_scores(journey, 3, 3, 3), {"indicator": 999_999, "score": 4}]
    assert field_errors(coach.post(url, {"rated_on": "2026-03-03", "scores": foreign})) == {
        "scores": "Skattningen gäller en indikator som inte hör till insatsen."
    }
    too_high = _scores(journey, 3, 6, 3)
    assert field_errors(coach.post(url, {"rated_on": "2026-03-03", "scores": too_high})) == {
        "scores.1.score": "Värdet är för stort."
    }
    before = coach.post(url, {"rated_on": "2025-01-01", "scores": _scores(journey, 3, 3, 3)})
    assert set(field_errors(before)) == {"rated_on"}
    assert field_errors(coach.post(url, {"rated_on": "9999-12-31", "scores": []})) == {
        "rated_on": "Ange ett datum mellan 1900-01-01 och 2100-12-31."
    }
    assert not IndicatorRating.objects.exists()
    ok = coach.post(url, {"rated_on": "2026-03-03", "scores": _scores(journey, 3, 3, 3)})
    assert ok.status_code == 201
    again = coach.post(url, {"rated_on": "2026-03-03", "scores": _scores(journey, 1, 1, 1)})
    assert field_errors(again) == {"rated_on": "Det finns redan en skattning det här datumet."}
    assert IndicatorRating.objects.count() == 3


def test_choices_give_the_indicators_to_rate(as_api: AsApi, journey: Journey) -> None:
    choices = as_api("coach").get("/interventions/testinsatsen/choices").json()
    assert choices["indicators"] == [
        {"id": indicator.pk, "name": indicator.name, "order": indicator.order}
        for indicator in journey.indicators
    ]


# --- Job and study starts -------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_start_list_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    registration = journey.registration
    for day, employer in [(datetime.date(2026, 4, 1), "Bageriet"), (datetime.date(2026, 6, 1), "")]:
        WorkStart.objects.create(
            registration=registration,
            kind="arbete",
            form="osubventionerad",
            employer=employer,
            start_date=day,
        )
    response = as_api(name).get(_path(registration, "starts"))
    if name in OUTSIDE:
        _assert_outside(response, world, name, registration)
        return
    assert response.status_code == 200
    assert [(s["start_date"], s["employer"]) for s in response.json()] == [
        ("2026-06-01", ""),
        ("2026-04-01", "Bageriet"),
    ]
    viewed = events_about(registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in viewed] == ["Arbets- och studiestarter visade (API)"]


def test_start_post_still_answers_next_to_the_list(world: World, as_api: AsApi) -> None:
    registration = journey_for(world).registration
    body = {"kind": "arbete", "form": "osubventionerad", "start_date": "2026-06-01"}
    assert as_api("coach").post(_path(registration, "starts"), body).status_code == 201
    assert [s["start_date"] for s in as_api("coach").get(_path(registration, "starts")).json()] == [
        "2026-06-01"
    ]
