"""Follow-up after exit: recording the answers, the due list, every persona."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.participants.models import PostExitFollowUp
from samsyn.participants.selectors.caseload import post_exit_due_list
from samsyn.participants.services.post_exit import post_exit_follow_up_record
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.participants.tests.followup_setup import (
    ALL_PERSONAS,
    OUTSIDE,
    READ_ONLY,
    WRITERS,
    ended,
    registration_for,
)

TODAY = datetime.date(2027, 1, 10)
pytestmark = pytest.mark.django_db


def _ended(world, end_date=datetime.date(2026, 6, 1), **fields):
    return ended(registration_for(world, **fields), end_date)


def _record(world, registration, actor="coach", months=6, **kwargs):
    follow_up = registration.post_exit_follow_ups.get(months_after=months)
    values = {
        "done_on": datetime.date(2027, 1, 5),
        "reached": True,
        "occupation": "arbetar",
        "income_sources": ["lon", "lon"],
        "note": "Trivs på jobbet.",
        "today": TODAY,
    }
    values.update(kwargs)
    return post_exit_follow_up_record(
        actor=world[actor], registration_id=registration.pk, follow_up_id=follow_up.pk, **values
    )


def test_answers_are_recorded_once(world):
    registration = _ended(world)
    follow_up = _record(world, registration)
    follow_up.refresh_from_db()
    assert follow_up.done_on == datetime.date(2027, 1, 5)
    assert follow_up.reached is True
    assert follow_up.income_sources == ["lon"]
    assert follow_up.note == "Trivs på jobbet."
    assert AuditEvent.objects.filter(action="update", object_id=str(follow_up.pk)).exists()
    with pytest.raises(ValidationError, match="redan registrerad"):
        _record(world, registration, occupation="studerar", income_sources=["studiemedel"])
    follow_up.refresh_from_db()
    assert follow_up.occupation == "arbetar"


def test_not_reached_needs_no_status(world):
    registration = _ended(world)
    follow_up = _record(world, registration, reached=False, occupation="", income_sources=[])
    assert follow_up.reached is False and follow_up.done_on is not None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"done_on": datetime.date(2027, 1, 11)}, "done_on"),
        ({"done_on": datetime.date(2026, 5, 31)}, "done_on"),
        ({"occupation": ""}, "occupation"),
        ({"occupation": "pensionär"}, "occupation"),
        ({"income_sources": []}, "income_sources"),
        ({"income_sources": ["lotto"]}, "income_sources"),
        ({"reached": False, "income_sources": [], "occupation": "arbetar"}, "occupation"),
        ({"reached": False, "occupation": ""}, "income_sources"),
    ],
)
def test_bad_answers_are_refused(world, kwargs, field):
    registration = _ended(world)
    with pytest.raises(ValidationError) as caught:
        _record(world, registration, **kwargs)
    assert field in caught.value.error_dict
    assert not PostExitFollowUp.objects.filter(done_on__isnull=False).exists()


def test_permissions_in_the_service(world):
    registration = _ended(world)
    with pytest.raises(PermissionDenied):
        _record(world, registration, actor="handlaggare")
    for name in OUTSIDE:
        with pytest.raises(Http404):
            _record(world, registration, actor=name)
    other = _ended(world)
    foreign = other.post_exit_follow_ups.get(months_after=6)
    with pytest.raises(Http404):
        post_exit_follow_up_record(
            actor=world["coach"],
            registration_id=registration.pk,
            follow_up_id=foreign.pk,
            done_on=datetime.date(2027, 1, 5),
            reached=False,
            today=TODAY,
        )


# --- due list ------------------------------------------------------------------------------


def test_due_list_takes_overdue_and_the_next_30_days(world):
    overdue = _ended(world, end_date=datetime.date(2026, 6, 1))  # 6 months: 2026-11-30
    soon = _ended(world, end_date=datetime.date(2026, 7, 5))  # 6 months: 2027-01-03
    later = _ended(world, end_date=datetime.date(2026, 9, 1))  # 6 months: 2027-02-28
    done = _ended(world, end_date=datetime.date(2026, 6, 1))
    done.post_exit_follow_ups.filter(months_after=6).update(
        done_on=datetime.date(2026, 12, 1), reached=False
    )
    PostExitFollowUp.objects.filter(registration=overdue, months_after=6).update(
        due_on=datetime.date(2026, 12, 1)
    )
    PostExitFollowUp.objects.filter(registration=soon, months_after=6).update(
        due_on=datetime.date(2027, 2, 9)
    )
    PostExitFollowUp.objects.filter(registration=later, months_after=6).update(
        due_on=datetime.date(2027, 2, 10)
    )
    rows = list(post_exit_due_list(actor=world["coach"], today=TODAY))
    assert [(row.registration_id, row.overdue) for row in rows] == [
        (overdue.pk, True),
        (soon.pk, False),
    ]


def test_due_list_scope(world):
    mine = _ended(world)
    PostExitFollowUp.objects.filter(registration=mine, months_after=6).update(due_on=TODAY)
    colleague = UserFactory(username="kollega")
    MembershipFactory(
        user=colleague, forbund=world.forbund, role="coach", interventions=[world.intervention]
    )
    theirs = _ended(world, coach=colleague)
    PostExitFollowUp.objects.filter(registration=theirs, months_after=6).update(due_on=TODAY)
    felreg = RegistrationFactory(
        intervention=world.intervention,
        coach=world["coach"],
        end_date=datetime.date(2026, 6, 1),
        exit_reason="felregistrering",
    )
    PostExitFollowUp.objects.create(registration=felreg, months_after=6, due_on=TODAY)

    def ids(name):
        return {f.registration_id for f in post_exit_due_list(actor=world[name], today=TODAY)}

    assert ids("coach") == {mine.pk}
    assert ids("insatsansvarig") == {mine.pk, theirs.pk}
    assert ids("handlaggare") == set()
    assert ids("outsider") == set()
    world.intervention.coaches_share_caseload = True
    world.intervention.save()
    assert ids("coach") == {mine.pk, theirs.pk}


def test_due_list_query_count_is_constant(world, as_persona, assert_query_count):
    client = as_persona("insatsansvarig")
    url = reverse("participants:post_exit_due")
    for _ in range(3):
        _ended(world, end_date=datetime.date(2026, 5, 1))
    client.get(url)
    with assert_query_count(14):
        assert client.get(url).status_code == 200
    for _ in range(37):
        _ended(world, end_date=datetime.date(2026, 5, 1))
    with assert_query_count(14):
        response = client.get(url)
    assert response.content.decode().count("Registrera svar") == 40


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_due_list_permissions(world, as_persona, persona):
    response = as_persona(persona).get(reverse("participants:post_exit_due"))
    assert response.status_code == (200 if persona in WRITERS else 404)


# --- the page ------------------------------------------------------------------------------


def _url(registration, months=6):
    follow_up = registration.post_exit_follow_ups.get(months_after=months)
    return reverse("participants:post_exit_record", args=[registration.pk, follow_up.pk])


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_record_page_permissions(world, as_persona, persona):
    registration = _ended(world)
    client = as_persona(persona)
    expected = 200 if persona in WRITERS else 403 if persona in READ_ONLY else 404
    assert client.get(_url(registration)).status_code == expected
    data = {
        "done_on": "2026-11-20",
        "reached": "ja",
        "occupation": "arbetar",
        "income_sources": ["lon"],
    }
    response = client.post(_url(registration), data)
    assert response.status_code == (302 if persona in WRITERS else expected)
    recorded = PostExitFollowUp.objects.filter(done_on__isnull=False).exists()
    assert recorded == (persona in WRITERS)


def test_recorded_follow_up_is_shown_and_a_second_save_refused(world, as_persona):
    registration = _ended(world)
    client = as_persona("coach")
    data = {"done_on": "2026-11-20", "reached": "nej"}
    assert client.post(_url(registration), data).status_code == 302
    page = client.get(_url(registration))
    assert "redan registrerad" in page.content.decode()
    again = client.post(
        _url(registration),
        {
            "done_on": "2026-11-21",
            "reached": "ja",
            "occupation": "arbetar",
            "income_sources": ["lon"],
        },
    )
    assert again.status_code == 200
    assert "redan registrerad" in again.content.decode()
    follow_up = registration.post_exit_follow_ups.get(months_after=6)
    assert follow_up.reached is False


def test_follow_up_of_another_registration_is_404(world, as_persona):
    registration = _ended(world)
    other = _ended(world)
    follow_up = other.post_exit_follow_ups.get(months_after=6)
    url = reverse("participants:post_exit_record", args=[registration.pk, follow_up.pk])
    assert as_persona("coach").get(url).status_code == 404
