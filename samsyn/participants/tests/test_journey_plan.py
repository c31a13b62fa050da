"""Action plan and sub-goals: forms, services, versioned edits, permissions per persona."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.tests.factories import PartyFactory
from samsyn.core.versioning import StaleEditError
from samsyn.participants.models import ActionPlan, SubGoal, SubGoalStatus
from samsyn.participants.services import plan as plan_services
from samsyn.participants.tests.journey_setup import (
    ALL_PERSONAS,
    OUTSIDE,
    WRITERS,
    Journey,
    htmx,
    journey_for,
)

pytestmark = pytest.mark.django_db

AGREED = "2026-03-02"


@pytest.fixture
def journey(world: World) -> Journey:
    return journey_for(world)


def plan_url(journey: Journey) -> str:
    return reverse("participants:plan_edit", args=[journey.registration.pk])


def plan_data(**overrides: str) -> dict[str, str]:
    data = {
        "overall_goal": "arbete",
        "agreed_on": AGREED,
        "agreed_by_participant": "on",
        "description": "Hitta en praktikplats inom lager.",
        "version": "",
    }
    data.update(overrides)
    return data


def make_plan(journey: Journey, world: World) -> ActionPlan:
    return plan_services.action_plan_save(
        actor=world["coach"],
        registration=journey.registration,
        overall_goal="arbete",
        agreed_on=datetime.date(2026, 3, 2),
        agreed_by_participant=True,
        agreed_by_referrer=False,
        description="Första versionen",
        expected_version=None,
    )


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_plan_form_permissions(as_persona, journey, persona):
    response = as_persona(persona).get(plan_url(journey))
    expected = 200 if persona in WRITERS else 403 if persona == "handlaggare" else 404
    assert response.status_code == expected
    if persona == "handlaggare":
        assert "inte ändra" in response.content.decode()


@pytest.mark.parametrize("persona", ["handlaggare", *OUTSIDE])
def test_plan_post_refused_changes_nothing(as_persona, journey, persona):
    response = as_persona(persona).post(plan_url(journey), plan_data())
    assert response.status_code in (403, 404)
    assert not ActionPlan.objects.exists()


@pytest.mark.parametrize("persona", WRITERS)
def test_writer_creates_plan_and_it_is_audited(as_persona, journey, world, persona):
    response = as_persona(persona).post(plan_url(journey), plan_data())
    assert response.status_code == 302
    assert response["Location"].endswith(f"/deltagare/{journey.registration.pk}/#tidslinje")
    plan = ActionPlan.objects.get(registration=journey.registration)
    assert plan.overall_goal == "arbete"
    assert plan.agreed_by_participant is True
    assert plan.agreed_by_referrer is False
    assert plan.description == "Hitta en praktikplats inom lager."
    event = AuditEvent.objects.filter(action="create", object_type="participants.ActionPlan")
    assert event.get().actor == world[persona]
    assert event.get().participant_ref == journey.registration.person.pseudonym


def test_description_is_encrypted_at_rest(journey, world):
    plan = make_plan(journey, world)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM participants_actionplan WHERE id = %s", [plan.pk])
        raw = cursor.fetchone()[0]
    assert "Första" not in raw


def test_htmx_get_returns_fragment_and_post_answers_hx_redirect(as_persona, journey):
    client = as_persona("coach")
    fragment = client.get(plan_url(journey), headers=htmx()).content.decode()
    assert "<html" not in fragment
    assert 'hx-post="' in fragment and "autofocus" in fragment
    full = client.get(plan_url(journey)).content.decode()
    assert "<html" in full and "<h1" in full
    response = client.post(plan_url(journey), plan_data(), headers=htmx())
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/deltagare/{journey.registration.pk}/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("overall_goal", "rymden", "Välj"),
        ("agreed_on", "2026-13-01", "ÅÅÅÅ-MM-DD"),
        ("agreed_on", "2099-01-01", "framtiden"),
        ("agreed_on", "2025-01-01", "före inskrivningen"),
    ],
)
def test_bad_plan_input_is_refused(as_persona, journey, field, value, message):
    response = as_persona("coach").post(plan_url(journey), plan_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_update_with_current_version(as_persona, journey, world):
    plan = make_plan(journey, world)
    data = plan_data(overall_goal="studier", version=str(plan.version))
    response = as_persona("insatsansvarig").post(plan_url(journey), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.overall_goal == "studier"
    assert plan.version == 2
    assert AuditEvent.objects.filter(action="update", detail="Handlingsplan ändrad").exists()


STALE_HEADING = "Någon annan har sparat under tiden"


def test_second_of_two_concurrent_plan_saves_shows_both_versions(as_persona, journey, world):
    plan = make_plan(journey, world)
    coach, lead = as_persona("coach"), as_persona("insatsansvarig")
    # Both opened the form at version 1.
    first = coach.post(plan_url(journey), plan_data(description="Coachens", version="1"))
    reads = AuditEvent.objects.filter(action="view").count()
    second = lead.post(plan_url(journey), plan_data(description="Ledarens", version="1"))
    assert first.status_code == 302
    assert second.status_code == 200
    body = second.content.decode()
    assert STALE_HEADING in body
    assert "Ladda om sidan" not in body
    # Both versions as text, with the field's name; who saved it (the coach) is named.
    assert "Din version (inte sparad)" in body and "Den sparade versionen" in body
    assert "Ledarens" in body and "Coachens" in body
    assert (world["coach"].get_full_name() or world["coach"].username) in body
    # The form now carries the saved version, so "Spara min version" overwrites on purpose.
    assert 'name="version" value="2"' in body
    assert "Spara min version" in body
    assert "Använd den sparade versionen" in body
    # Showing the saved plan is a read of the participant, logged as a GET of the form is.
    assert AuditEvent.objects.filter(action="view").count() == reads + 1
    plan.refresh_from_db()
    assert plan.description == "Coachens"
    assert plan.version == 2
    # "Spara min version": the same text with the version the page now carries.
    again = lead.post(plan_url(journey), plan_data(description="Ledarens", version="2"))
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.description == "Ledarens"
    assert plan.version == 3


@pytest.mark.parametrize(("persona", "status"), [("handlaggare", 403), ("outsider", 404)])
def test_stale_plan_save_shows_nothing_to_who_may_not_change_it(
    as_persona, journey, world, persona, status
):
    make_plan(journey, world)
    response = as_persona(persona).post(
        plan_url(journey), plan_data(description="Mitt försök", version="0")
    )
    assert response.status_code == status
    assert "Första versionen" not in response.content.decode()
    assert ActionPlan.objects.get().description == "Första versionen"


def test_create_form_is_stale_when_someone_else_created_the_plan(as_persona, journey, world):
    make_plan(journey, world)
    response = as_persona("coach").post(plan_url(journey), plan_data(description="Ny"))
    body = response.content.decode()
    assert STALE_HEADING in body
    assert "Ny" in body and "Första versionen" in body
    assert 'name="version" value="1"' in body
    assert ActionPlan.objects.get().description == "Första versionen"


# --- Sub-goals --------------------------------------------------------------------------------


def subgoal_create_url(journey: Journey) -> str:
    return reverse("participants:subgoal_create", args=[journey.registration.pk])


def subgoal_edit_url(journey: Journey, sub_goal: SubGoal) -> str:
    return reverse("participants:subgoal_edit", args=[journey.registration.pk, sub_goal.pk])


def subgoal_data(world: World, **overrides: str) -> dict[str, str]:
    data = {
        "description": "Delta i praktik två dagar i veckan",
        "target_date": "2026-06-30",
        "responsible_party": str(world.af.pk),
        "status": "pagar",
        "reached_on": "",
        "version": "",
    }
    data.update(overrides)
    return data


def test_sub_goal_needs_a_plan_first(as_persona, journey, world):
    response = as_persona("coach").post(subgoal_create_url(journey), subgoal_data(world))
    assert response.status_code == 200
    assert "handlingsplanen först" in response.content.decode()
    assert not SubGoal.objects.exists()


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_sub_goal_create_permissions(as_persona, journey, world, persona):
    make_plan(journey, world)
    response = as_persona(persona).post(subgoal_create_url(journey), subgoal_data(world))
    expected = 302 if persona in WRITERS else 403 if persona == "handlaggare" else 404
    assert response.status_code == expected
    assert SubGoal.objects.exists() is (persona in WRITERS)


def test_sub_goal_reached_gets_todays_date(as_persona, journey, world):
    make_plan(journey, world)
    as_persona("coach").post(subgoal_create_url(journey), subgoal_data(world, status="uppnatt"))
    sub_goal = SubGoal.objects.get()
    assert sub_goal.status == SubGoalStatus.UPPNATT
    assert sub_goal.reached_on == datetime.date.today()
    assert sub_goal.responsible_party == world.af


def test_sub_goal_party_of_another_forbund_is_refused(as_persona, journey, world):
    make_plan(journey, world)
    data = subgoal_data(world, responsible_party=str(world.other_party.pk))
    response = as_persona("coach").post(subgoal_create_url(journey), data)
    assert "förbundets parter" in response.content.decode()
    assert not SubGoal.objects.exists()
    with pytest.raises(ValidationError):
        plan_services.sub_goal_create(
            actor=world["coach"],
            registration=journey.registration,
            description="x",
            target_date=None,
            responsible_party=PartyFactory(forbund=world.other_forbund),
        )


def test_sub_goal_without_description_is_refused(as_persona, journey, world):
    make_plan(journey, world)
    response = as_persona("coach").post(
        subgoal_create_url(journey), subgoal_data(world, description="  ")
    )
    assert "Beskriv delmålet" in response.content.decode()
    assert not SubGoal.objects.exists()


def make_sub_goal(journey: Journey, world: World, **fields: Any) -> SubGoal:
    make_plan(journey, world)
    values: dict[str, Any] = {
        "description": "Ursprungligt",
        "target_date": None,
        "responsible_party": None,
    }
    values.update(fields)
    return plan_services.sub_goal_create(
        actor=world["coach"], registration=journey.registration, **values
    )


def test_sub_goal_edit_and_back_from_reached_clears_the_date(as_persona, journey, world):
    sub_goal = make_sub_goal(journey, world, status="uppnatt", reached_on=datetime.date(2026, 5, 4))
    assert sub_goal.reached_on == datetime.date(2026, 5, 4)
    data = subgoal_data(world, status="pagar", reached_on="2026-05-04", version="1")
    response = as_persona("coach").post(subgoal_edit_url(journey, sub_goal), data)
    assert response.status_code == 302
    sub_goal.refresh_from_db()
    assert sub_goal.status == "pagar"
    assert sub_goal.reached_on is None
    assert sub_goal.version == 2


def test_sub_goal_keeps_first_reached_date(journey, world):
    sub_goal = make_sub_goal(journey, world, status="uppnatt", reached_on=datetime.date(2026, 5, 4))
    plan_services.sub_goal_update(
        actor=world["coach"],
        registration=journey.registration,
        sub_goal=sub_goal,
        expected_version=1,
        description="Omformulerat",
        target_date=None,
        responsible_party=None,
        status="uppnatt",
    )
    sub_goal.refresh_from_db()
    assert sub_goal.reached_on == datetime.date(2026, 5, 4)


def test_second_of_two_concurrent_sub_goal_saves_is_refused(as_persona, journey, world):
    sub_goal = make_sub_goal(journey, world)
    url = subgoal_edit_url(journey, sub_goal)
    first = as_persona("coach").post(url, subgoal_data(world, description="A", version="1"))
    second = as_persona("insatsansvarig").post(
        url, subgoal_data(world, description="B", version="1")
    )
    assert first.status_code == 302
    body = second.content.decode()
    assert STALE_HEADING in body
    assert 'name="version" value="2"' in body
    sub_goal.refresh_from_db()
    assert sub_goal.description == "A"
    with pytest.raises(StaleEditError):
        plan_services.sub_goal_update(
            actor=world["coach"],
            registration=journey.registration,
            sub_goal=sub_goal,
            expected_version=1,
            description="C",
            target_date=None,
            responsible_party=None,
            status="pagar",
        )


def test_sub_goal_of_another_registration_is_404(as_persona, journey, world):
    from samsyn.participants.tests.journey_setup import registration_for

    sub_goal = make_sub_goal(journey, world)
    other = registration_for(world)
    url = reverse("participants:subgoal_edit", args=[other.pk, sub_goal.pk])
    assert as_persona("coach").get(url).status_code == 404


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_sub_goal_edit_form_permissions(as_persona, journey, world, persona):
    sub_goal = make_sub_goal(journey, world)
    response = as_persona(persona).get(subgoal_edit_url(journey, sub_goal))
    expected = 200 if persona in WRITERS else 403 if persona == "handlaggare" else 404
    assert response.status_code == expected
