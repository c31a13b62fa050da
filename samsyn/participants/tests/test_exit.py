"""Exit: the validation rules, follow-ups booked, felregistrering, stale saves, undo, pages."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import StaleEditError
from samsyn.participants.models import (
    ActionPlan,
    PostExitFollowUp,
    Registration,
    RegistrationIncome,
    SubGoal,
)
from samsyn.participants.services.exit import (
    ExitData,
    add_months,
    registration_exit,
    registration_exit_undo,
)
from samsyn.participants.tests.followup_setup import (
    ALL_PERSONAS,
    OUTSIDE,
    READ_ONLY,
    WRITERS,
    registration_for,
)
from samsyn.testing.stale import assert_stale_panel, change_events

TODAY = datetime.date(2026, 11, 26)
pytestmark = pytest.mark.django_db

GOOD = {
    "end_date": datetime.date(2026, 8, 31),
    "reason": "fullfoljt",
    "income_sources_after": ["lon"],
    "occupation_after": "arbetar",
    "outcome": "arbete",
    "step_forward": True,
}


def _exit(world, registration, actor="coach", version=None, **changes):
    data = ExitData(**(GOOD | changes))
    return registration_exit(
        actor=world[actor],
        registration_id=registration.pk,
        expected_version=registration.version if version is None else version,
        data=data,
        today=TODAY,
    )


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2026, 3, 15), 6) == datetime.date(2026, 9, 15)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)
    assert add_months(datetime.date(2026, 12, 1), 12) == datetime.date(2027, 12, 1)


def test_exit_stores_status_after_and_books_6_and_12_month_follow_ups(world):
    registration = registration_for(world, next_follow_up_due=datetime.date(2026, 9, 1))
    _exit(world, registration)
    registration.refresh_from_db()
    assert registration.end_date == datetime.date(2026, 8, 31)
    assert (registration.exit_reason, registration.outcome) == ("fullfoljt", "arbete")
    assert registration.occupation_after == "arbetar"
    assert registration.step_forward is True
    assert registration.next_follow_up_due is None
    assert registration.version == 2
    incomes = RegistrationIncome.objects.filter(registration=registration, moment="efter")
    assert list(incomes.values_list("source", flat=True)) == ["lon"]
    booked = PostExitFollowUp.objects.filter(registration=registration).order_by("months_after")
    assert [(f.months_after, f.due_on) for f in booked] == [
        (6, datetime.date(2027, 2, 28)),
        (12, datetime.date(2027, 8, 31)),
    ]
    event = AuditEvent.objects.get(action="update", object_id=str(registration.pk))
    assert event.participant_ref == registration.person.pseudonym


def test_felregistrering_books_no_follow_ups_and_never_counts(world):
    registration = registration_for(world)
    kept = registration_for(world)
    _exit(
        world,
        registration,
        reason="felregistrering",
        income_sources_after=[],
        occupation_after="",
        outcome="",
        step_forward=None,
    )
    registration.refresh_from_db()
    assert registration.exit_reason == "felregistrering"
    assert not PostExitFollowUp.objects.filter(registration=registration).exists()
    assert list(Registration.objects.countable()) == [kept]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": datetime.date(2026, 11, 27)}, "end_date"),
        ({"end_date": datetime.date(2026, 1, 31)}, "end_date"),
        ({"reason": "semester"}, "reason"),
        ({"income_sources_after": []}, "income_sources_after"),
        ({"income_sources_after": ["lotto"]}, "income_sources_after"),
        ({"occupation_after": ""}, "occupation_after"),
        ({"outcome": ""}, "outcome"),
        (
            {"outcome": "sjukersattning", "occupation_after": "ingen", "exit_plan": "  "},
            "exit_plan",
        ),
        ({"recommendation": "aktivitet"}, "recommendation"),
        ({"step_forward": None}, "step_forward"),
    ],
)
def test_bad_exits_are_refused_and_change_nothing(world, changes, field):
    registration = registration_for(world)
    with pytest.raises(ValidationError) as caught:
        _exit(world, registration, **changes)
    assert field in caught.value.error_dict
    registration.refresh_from_db()
    assert registration.end_date is None and registration.version == 1
    assert not PostExitFollowUp.objects.exists()
    assert not RegistrationIncome.objects.filter(moment="efter").exists()


def test_end_date_today_and_on_the_start_date_are_allowed(world):
    _exit(world, registration_for(world), end_date=TODAY)
    _exit(world, registration_for(world), end_date=datetime.date(2026, 2, 1))
    assert Registration.objects.filter(end_date__isnull=False).count() == 2


def test_a_plan_is_required_only_when_the_outcome_is_not_work_or_studies(world):
    _exit(world, registration_for(world), outcome="studier", occupation_after="studerar")
    registration = registration_for(world)
    _exit(
        world,
        registration,
        outcome="annan_part",
        occupation_after="ingen",
        exit_plan="Fortsätter hos regionen.",
    )
    registration.refresh_from_db()
    assert registration.exit_plan == "Fortsätter hos regionen."


def test_recommendation_is_required_where_the_intervention_uses_resursinventering(world):
    world.intervention.methods = ["resursinventering"]
    world.intervention.save()
    registration = registration_for(world)
    with pytest.raises(ValidationError) as caught:
        _exit(world, registration)
    assert "recommendation" in caught.value.error_dict
    with pytest.raises(ValidationError):
        _exit(world, registration, recommendation="okänd")
    _exit(world, registration, recommendation="fortsatt_rehabilitering")
    registration.refresh_from_db()
    assert registration.recommendation == "fortsatt_rehabilitering"


def test_step_forward_is_computed_when_not_given_and_can_be_overridden(world):
    registration = registration_for(world)
    plan = ActionPlan.objects.create(registration=registration, overall_goal="arbete")
    SubGoal.objects.create(plan=plan, description="Praktik", status="uppnatt")
    _exit(world, registration, step_forward=None)
    registration.refresh_from_db()
    assert registration.step_forward is True
    other = registration_for(world)
    plan = ActionPlan.objects.create(registration=other, overall_goal="arbete")
    SubGoal.objects.create(plan=plan, description="Praktik", status="uppnatt")
    _exit(world, other, step_forward=False)
    other.refresh_from_db()
    assert other.step_forward is False


def test_stale_exit_is_refused(world):
    registration = registration_for(world)
    Registration.objects.filter(pk=registration.pk).update(version=2)
    with pytest.raises(StaleEditError):
        _exit(world, registration, version=1)
    registration.refresh_from_db()
    assert registration.end_date is None
    assert not PostExitFollowUp.objects.exists()


def test_exit_twice_is_refused(world):
    registration = registration_for(world)
    _exit(world, registration)
    registration.refresh_from_db()
    with pytest.raises(ValidationError, match="redan avslutad"):
        _exit(world, registration)
    assert PostExitFollowUp.objects.count() == 2


def test_exit_permissions_in_the_service(world):
    registration = registration_for(world)
    with pytest.raises(PermissionDenied):
        _exit(world, registration, actor="handlaggare")
    for name in OUTSIDE:
        with pytest.raises(Http404):
            _exit(world, registration, actor=name)
    _exit(world, registration, actor="insatsansvarig")


# --- undo ----------------------------------------------------------------------------------


def _undo(world, registration, actor="insatsansvarig"):
    registration.refresh_from_db()
    return registration_exit_undo(
        actor=world[actor], registration_id=registration.pk, expected_version=registration.version
    )


def test_insatsansvarig_can_undo_an_exit(world):
    registration = registration_for(world)
    _exit(world, registration)
    _undo(world, registration)
    registration.refresh_from_db()
    assert registration.end_date is None and registration.exit_reason == ""
    assert registration.step_forward is None
    assert not PostExitFollowUp.objects.exists()
    assert not RegistrationIncome.objects.filter(moment="efter").exists()
    assert AuditEvent.objects.filter(detail="Avslut ångrat").count() == 1


def test_coach_cannot_undo_and_a_done_follow_up_blocks_undo(world):
    registration = registration_for(world)
    _exit(world, registration)
    with pytest.raises(PermissionDenied):
        _undo(world, registration, actor="coach")
    PostExitFollowUp.objects.filter(months_after=6).update(
        done_on=datetime.date(2027, 3, 1), reached=False
    )
    with pytest.raises(ValidationError, match="efteruppföljning"):
        _undo(world, registration)
    registration.refresh_from_db()
    assert registration.end_date is not None


# --- pages ---------------------------------------------------------------------------------


def _url(registration):
    return reverse("participants:exit", args=[registration.pk])


def _post_data(registration, **changes):
    data = {
        "version": registration.version,
        "end_date": "2026-08-31",
        "reason": "fullfoljt",
        "income_sources_after": ["lon", "a_kassa"],
        "occupation_after": "arbetar",
        "outcome": "arbete",
        "step_forward": "ja",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_exit_page_permissions(world, as_persona, persona):
    registration = registration_for(world)
    client = as_persona(persona)
    expected = 200 if persona in WRITERS else 403 if persona in READ_ONLY else 404
    assert client.get(_url(registration)).status_code == expected
    response = client.post(_url(registration), _post_data(registration))
    assert response.status_code == (302 if persona in WRITERS else expected)
    registration.refresh_from_db()
    assert (registration.end_date is not None) == (persona in WRITERS)


def test_exit_page_offers_recommendation_only_for_resursinventering(world, as_persona):
    registration = registration_for(world)
    assert "recommendation" not in as_persona("coach").get(_url(registration)).content.decode()
    world.intervention.methods = ["resursinventering"]
    world.intervention.save()
    html = as_persona("coach").get(_url(registration)).content.decode()
    assert 'name="recommendation"' in html


def test_stale_exit_shows_the_saved_version_and_who_saved(world, as_persona):
    """The coach opens the exit form; meanwhile the insatsansvarig ends the registration
    and undoes it. The coach's exit is refused as stale with what was typed kept, nothing
    written, and the page carries the saved version so "Spara min version" ends it."""
    registration = registration_for(world)
    opened = _post_data(registration, exit_plan="Min plan")
    lead = as_persona("insatsansvarig")
    assert lead.post(_url(registration), _post_data(registration)).status_code == 302
    registration.refresh_from_db()
    undo = reverse("participants:exit_undo", args=[registration.pk])
    assert lead.post(undo, {"version": registration.version}).status_code == 302
    registration.refresh_from_db()
    assert registration.is_ongoing
    client = as_persona("coach")
    client.get(_url(registration))
    views = AuditEvent.objects.filter(action="view").count()
    changes = change_events()
    response = client.post(_url(registration), opened)
    assert_stale_panel(
        response,
        field="exit_plan",
        mine="Min plan",
        theirs=None,
        saver_name=world["insatsansvarig"].get_full_name(),
        version=registration.version,
    )
    assert AuditEvent.objects.filter(action="view").count() == 2 * views
    assert change_events() == changes
    registration.refresh_from_db()
    assert registration.end_date is None
    again = client.post(_url(registration), {**opened, "version": registration.version})
    assert again.status_code == 302
    registration.refresh_from_db()
    assert (registration.end_date, registration.exit_plan) == (
        datetime.date(2026, 8, 31),
        "Min plan",
    )


def test_ended_exit_page_shows_the_exit_and_undo_only_to_insatsansvarig(world, as_persona):
    registration = registration_for(world)
    _exit(world, registration)
    coach_page = as_persona("coach").get(_url(registration))
    assert coach_page.status_code == 200
    assert "exit_undo" not in coach_page.content.decode()
    assert reverse("participants:exit_undo", args=[registration.pk]) not in (
        coach_page.content.decode()
    )
    lead_page = as_persona("insatsansvarig").get(_url(registration)).content.decode()
    assert reverse("participants:exit_undo", args=[registration.pk]) in lead_page
    again = as_persona("coach").post(_url(registration), _post_data(registration))
    assert again.status_code == 409


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_undo_page_permissions(world, as_persona, persona):
    registration = registration_for(world)
    _exit(world, registration)
    registration.refresh_from_db()
    url = reverse("participants:exit_undo", args=[registration.pk])
    response = as_persona(persona).post(url, {"version": registration.version})
    expected = {"insatsansvarig": 302, "coach": 403, "handlaggare": 403}.get(persona, 404)
    assert response.status_code == expected
    registration.refresh_from_db()
    assert (registration.end_date is None) == (persona == "insatsansvarig")
