"""The journey API: the versioned plan and its sub-goals, activities, phases, steps.

Writers (insatsansvarig, the coach) succeed; the referring handläggare reads but gets 403
with the Swedish reason on writes; everyone else gets 404 and the attempt is logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from samsyn.audit.models import AuditAction
from samsyn.conftest import World
from samsyn.interventions.models import LadderStep, Phase
from samsyn.participants.models import ActionPlan, Activity, PhaseChange, StepRecord, SubGoal
from samsyn.participants.tests.api_setup import (
    ALL_PERSONAS,
    NOT_FOUND,
    OUTSIDE,
    READ_ONLY,
    STALE,
    WRITERS,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    events_about,
    field_errors,
)
from samsyn.participants.tests.journey_setup import Journey, journey_for
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def _path(journey: Journey, tail: str) -> str:
    return f"/registrations/{journey.registration.pk}/{tail}"


def _assert_refused(response: Any, name: str, world: World, journey: Journey) -> None:
    """A write by ``name`` that is not a writer: 403 for the handläggare, 404 (logged) else."""
    if name == "handlaggare":
        assert response.status_code == 403
        assert response.json() == {"detail": READ_ONLY}
        return
    assert response.status_code == 404
    assert response.json() == NOT_FOUND
    refused = events_about(journey.registration, actor=world[name])
    assert [e.detail for e in refused] == ["Åtkomst nekad: utanför behörighet eller samtycke"]


PLAN = {
    "overall_goal": "arbete",
    "agreed_on": "2026-03-02",
    "agreed_by_participant": True,
    "description": "Hitta en praktikplats inom lager.",
}


# --- Plan -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_plan_put_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    response = as_api(name).put(_path(journey, "plan"), PLAN | {"version": None})
    if name not in WRITERS:
        _assert_refused(response, name, world, journey)
        assert not ActionPlan.objects.exists()
        return
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["version"], body["overall_goal"], body["sub_goals"]) == (1, "arbete", [])
    plan = ActionPlan.objects.get()
    assert plan.description == "Hitta en praktikplats inom lager."
    assert [e.detail for e in events_about(plan, action=AuditAction.CREATE)] == [
        "Handlingsplan skapad"
    ]


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_plan_get_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    as_api("coach").put(_path(journey, "plan"), PLAN | {"version": None})
    response = as_api(name).get(_path(journey, "plan"))
    if name in OUTSIDE:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response.json()["description"] == "Hitta en praktikplats inom lager."
    viewed = events_about(journey.registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in viewed] == ["Handlingsplan visad (API)"]
    assert viewed[0].participant_ref == journey.registration.person.pseudonym


def test_plan_is_versioned(as_api: AsApi, journey: Journey) -> None:
    coach, lead = as_api("coach"), as_api("insatsansvarig")
    assert coach.get(_path(journey, "plan")).json()["version"] is None
    assert coach.put(_path(journey, "plan"), PLAN | {"version": None}).status_code == 200
    # Someone else created it meanwhile: a second "first plan" is stale.
    twice = lead.put(_path(journey, "plan"), PLAN | {"version": None})
    assert (twice.status_code, twice.json()) == (409, {"detail": STALE})
    updated = lead.put(_path(journey, "plan"), PLAN | {"version": 1, "overall_goal": "studier"})
    assert updated.json()["version"] == 2
    stale = coach.put(_path(journey, "plan"), PLAN | {"version": 1, "description": "Borta"})
    assert (stale.status_code, stale.json()) == (409, {"detail": STALE})
    plan = ActionPlan.objects.get()
    assert (plan.overall_goal, plan.description) == ("studier", PLAN["description"])


def test_plan_needs_the_version_and_valid_codes(as_api: AsApi, journey: Journey) -> None:
    coach = as_api("coach")
    assert field_errors(coach.put(_path(journey, "plan"), PLAN)) == {"version": "Uppgiften saknas."}
    errors = field_errors(
        coach.put(_path(journey, "plan"), PLAN | {"version": None, "overall_goal": "lycka"})
    )
    assert errors == {"overall_goal": "Välj ett av de tillåtna värdena."}
    future = coach.put(_path(journey, "plan"), PLAN | {"version": None, "agreed_on": "2100-01-01"})
    assert field_errors(future) == {"agreed_on": "Datumet kan inte ligga i framtiden."}


# --- Sub-goals ------------------------------------------------------------------------------


def _with_plan(as_api: AsApi, journey: Journey) -> None:
    assert as_api("coach").put(_path(journey, "plan"), PLAN | {"version": None}).status_code == 200


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_sub_goal_create_per_persona(
    world: World, as_api: AsApi, journey: Journey, name: str
) -> None:
    _with_plan(as_api, journey)
    body = {"description": "Praktik två dagar i veckan", "responsible_party": world.af.pk}
    response = as_api(name).post(_path(journey, "plan/sub-goals"), body)
    if name not in WRITERS:
        _assert_refused(response, name, world, journey)
        assert not SubGoal.objects.exists()
        return
    assert response.status_code == 201
    out = response.json()
    assert out["responsible_party"] == {"id": world.af.pk, "name": "Arbetsförmedlingen"}
    assert (out["status"], out["version"]) == ("ej_paborjat", 1)


def test_sub_goal_needs_a_plan_and_a_party_of_the_forbund(
    world: World, as_api: AsApi, journey: Journey
) -> None:
    coach = as_api("coach")
    url = _path(journey, "plan/sub-goals")
    no_plan = field_errors(coach.post(url, {"description": "x"}))
    assert no_plan == {"": "Skriv handlingsplanen först; delmålen hör till den."}
    _with_plan(as_api, journey)
    foreign = coach.post(url, {"description": "x", "responsible_party": world.other_party.pk})
    assert field_errors(foreign) == {
        "responsible_party": "Okänd part: välj bland förbundets parter."
    }


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_sub_goal_patch_per_persona(
    world: World, as_api: AsApi, journey: Journey, name: str
) -> None:
    _with_plan(as_api, journey)
    created = as_api("coach").post(
        _path(journey, "plan/sub-goals"), {"description": "Praktik", "target_date": "2026-12-01"}
    )
    sub_goal_id = created.json()["id"]
    response = as_api(name).patch(f"/sub-goals/{sub_goal_id}", {"version": 1, "status": "uppnatt"})
    sub_goal = SubGoal.objects.get()
    if name not in WRITERS:
        _assert_refused(response, name, world, journey)
        assert sub_goal.status == "ej_paborjat"
        return
    assert response.status_code == 200
    out = response.json()
    # Only the fields sent change; a reached sub-goal gets today's date.
    assert (out["description"], out["target_date"], out["status"]) == (
        "Praktik",
        "2026-12-01",
        "uppnatt",
    )
    assert out["reached_on"] is not None
    assert out["version"] == 2 == sub_goal.version


def test_sub_goal_patch_is_versioned_and_unknown_is_not_found(
    as_api: AsApi, journey: Journey
) -> None:
    _with_plan(as_api, journey)
    coach = as_api("coach")
    sub_goal_id = coach.post(_path(journey, "plan/sub-goals"), {"description": "A"}).json()["id"]
    first = coach.patch(f"/sub-goals/{sub_goal_id}", {"version": 1, "description": "B"})
    assert first.status_code == 200
    stale = coach.patch(f"/sub-goals/{sub_goal_id}", {"version": 1, "description": "C"})
    assert (stale.status_code, stale.json()) == (409, {"detail": STALE})
    assert SubGoal.objects.get().description == "B"
    cleared = coach.patch(f"/sub-goals/{sub_goal_id}", {"version": 2, "target_date": None})
    assert cleared.json()["target_date"] is None
    assert coach.patch("/sub-goals/999999", {"version": 1}).json() == NOT_FOUND
    assert field_errors(coach.patch(f"/sub-goals/{sub_goal_id}", {"description": "x"})) == {
        "version": "Uppgiften saknas."
    }


# --- Activities -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_activity_create_per_persona(
    world: World, as_api: AsApi, journey: Journey, name: str
) -> None:
    body = {
        "activity_type": journey.activity_types[1].pk,
        "held_on": "2026-03-03",
        "hours": 2.5,
        "provider": "Lagret AB",
        "note": "Första dagen gick bra.",
    }
    response = as_api(name).post(_path(journey, "activities"), body)
    if name not in WRITERS:
        _assert_refused(response, name, world, journey)
        assert not Activity.objects.exists()
        return
    assert response.status_code == 201
    out = response.json()
    assert out["activity_type"] == {"id": journey.activity_types[1].pk, "name": "Praktik"}
    assert (out["hours"], out["note"]) == (2.5, "Första dagen gick bra.")
    activity = Activity.objects.get()
    assert [e.detail for e in events_about(activity, action=AuditAction.CREATE)] == [
        "Aktivitet: Praktik"
    ]


def test_activity_rejects_types_of_others_and_bad_hours(as_api: AsApi, journey: Journey) -> None:
    coach = as_api("coach")
    url = _path(journey, "activities")
    base = {"activity_type": journey.activity_types[0].pk, "held_on": "2026-03-03", "hours": 1}
    for kind in (journey.foreign_type, journey.inactive_type):
        errors = field_errors(coach.post(url, base | {"activity_type": kind.pk}))
        assert errors == {"activity_type": "Välj en av förbundets aktivitetstyper."}
    assert field_errors(coach.post(url, base | {"hours": 25})) == {"hours": "Värdet är för stort."}
    assert field_errors(coach.post(url, base | {"held_on": "2026-01-01"})) == {
        "held_on": "Datumet ligger före inskrivningen (2026-02-02)."
    }
    assert not Activity.objects.exists()


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_activity_list_per_persona(
    world: World, as_api: AsApi, journey: Journey, name: str
) -> None:
    Activity.objects.create(
        registration=journey.registration,
        activity_type=journey.activity_types[0],
        held_on=journey.registration.start_date,
        hours=1,
    )
    response = as_api(name).get(_path(journey, "activities"))
    if name in OUTSIDE:
        assert response.status_code == 404
        return
    assert [a["activity_type"]["name"] for a in response.json()] == ["Motiverande samtal"]
    viewed = events_about(journey.registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.detail for e in viewed] == ["Aktiviteter visade (API)"]


def test_activity_list_has_constant_queries(
    as_api: AsApi, journey: Journey, assert_query_count: QueryCount
) -> None:
    coach = as_api("coach")
    coach.get(_path(journey, "activities"))

    def add(count: int) -> None:
        for _ in range(count):
            Activity.objects.create(
                registration=journey.registration,
                activity_type=journey.activity_types[0],
                held_on=journey.registration.start_date,
                hours=1,
                recorded_by=journey.registration.coach,
            )

    add(2)
    with assert_query_count(9):
        assert len(coach.get(_path(journey, "activities")).json()) == 2
    add(20)
    with assert_query_count(9):
        assert len(coach.get(_path(journey, "activities")).json()) == 22


# --- Phase and steps ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_phase_change_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    body = {"phase": journey.phases[1].pk, "entered_on": "2026-03-10"}
    response = as_api(name).post(_path(journey, "phase"), body)
    if name not in WRITERS:
        _assert_refused(response, name, world, journey)
        assert not PhaseChange.objects.exists()
        return
    assert response.status_code == 201
    assert response.json()["phase"]["name"] == "Aktivitet"
    detail = as_api(name).get(f"/registrations/{journey.registration.pk}").json()
    assert detail["current_phase"]["name"] == "Aktivitet"


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_step_record_per_persona(world: World, as_api: AsApi, journey: Journey, name: str) -> None:
    body = {"step": journey.ladder[2].pk, "recorded_on": "2026-03-10"}
    response = as_api(name).post(_path(journey, "steps"), body)
    if name not in WRITERS:
        _assert_refused(response, name, world, journey)
        assert not StepRecord.objects.exists()
        return
    assert response.status_code == 201
    assert response.json()["step"] == {"id": journey.ladder[2].pk, "name": "Steg 3", "order": 3}
    record = StepRecord.objects.get()
    assert [e.detail for e in events_about(record)] == ["Steg 3 registrerat"]


def test_phase_and_step_of_another_intervention_are_refused(
    world: World, as_api: AsApi, journey: Journey
) -> None:
    other = journey_for_other(world)
    coach = as_api("coach")
    phase = coach.post(_path(journey, "phase"), {"phase": other[0], "entered_on": "2026-03-10"})
    assert field_errors(phase) == {"phase": "Välj en av insatsens faser."}
    step = coach.post(_path(journey, "steps"), {"step": other[1], "recorded_on": "2026-03-10"})
    assert field_errors(step) == {"step": "Välj ett av stegen på insatsens stege."}


def journey_for_other(world: World) -> tuple[int, int]:
    phase = Phase.objects.create(intervention=world.other_intervention, name="Främmande", order=1)
    step = LadderStep.objects.create(intervention=world.other_intervention, name="Främ", order=1)
    return phase.pk, step.pk


def test_a_verified_session_works_and_its_writes_need_csrf(
    as_persona: Callable[[str], Client], journey: Journey
) -> None:
    client = as_persona("coach")
    assert client.get(f"/api/v1{_path(journey, 'plan')}").json()["version"] is None
    client.handler.enforce_csrf_checks = True
    response = client.put(
        f"/api/v1{_path(journey, 'plan')}",
        PLAN | {"version": None},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ActionPlan.objects.exists()
