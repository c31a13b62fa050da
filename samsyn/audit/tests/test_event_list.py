"""What a granskare sees in the log, how the filters narrow it, and that the page scales."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.selectors.events import (
    STOCKHOLM,
    AuditEventFilters,
    audit_event_list,
    audit_events_visible_to,
)
from samsyn.audit.tests.helpers import make_event
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def visible_ids(user) -> set[int]:
    return set(audit_events_visible_to(user).values_list("id", flat=True))


def test_granskare_sees_own_forbund_and_its_members_logins(world) -> None:
    own = make_event(forbund=world.forbund, actor=world["coach"])
    other = make_event(forbund=world.other_forbund, actor=world["outsider"])
    member_login = make_event(actor=world["coach"], action=AuditAction.LOGIN)
    outsider_login = make_event(actor=world["outsider"], action=AuditAction.LOGIN)
    member_failed = make_event(actor_username="coach", action=AuditAction.LOGIN_FAILED)
    outsider_failed = make_event(actor_username="outsider", action=AuditAction.LOGIN_FAILED)
    unknown_failed = make_event(actor_username="ingen-sadan", action=AuditAction.LOGIN_FAILED)

    seen = visible_ids(world["granskare"])

    assert {own.pk, member_login.pk, member_failed.pk} <= seen
    assert not seen & {other.pk, outsider_login.pk, outsider_failed.pk, unknown_failed.pk}


@pytest.mark.parametrize(
    "persona",
    ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "outsider", "nobody"],
)
def test_no_one_else_sees_any_event(world, persona) -> None:
    make_event(forbund=world.forbund, actor=world["coach"])
    make_event(forbund=world.other_forbund, actor=world["outsider"])
    assert visible_ids(world[persona]) == set()


def test_several_memberships_do_not_duplicate_events(world) -> None:
    busy = world["admin"]
    MembershipFactory(user=busy, forbund=world.forbund, role=Role.STYRGRUPP)
    MembershipFactory(user=busy, forbund=world.forbund, role=Role.COACH)
    login = make_event(actor=busy, action=AuditAction.LOGIN)
    failed = make_event(actor_username=busy.username, action=AuditAction.LOGIN_FAILED)
    granskare = world["granskare"]
    MembershipFactory(user=granskare, forbund=world.forbund, role=Role.STYRGRUPP)
    ids = list(audit_events_visible_to(granskare).values_list("id", flat=True))
    assert ids.count(login.pk) == 1
    assert ids.count(failed.pk) == 1


def test_a_granskare_of_two_forbund_sees_both(world) -> None:
    MembershipFactory(user=world["granskare"], forbund=world.other_forbund, role=Role.GRANSKARE)
    other = make_event(forbund=world.other_forbund, actor=world["outsider"])
    outsider_login = make_event(actor=world["outsider"], action=AuditAction.LOGIN)
    assert {other.pk, outsider_login.pk} <= visible_ids(world["granskare"])


def listed(world, **filters) -> list[AuditEvent]:
    return list(audit_event_list(user=world["granskare"], filters=AuditEventFilters(**filters)))


def test_filter_by_user_name_part_or_exact_id(world) -> None:
    coach = make_event(forbund=world.forbund, actor=world["coach"])
    admin = make_event(forbund=world.forbund, actor=world["admin"])
    assert listed(world, user="OAC") == [coach]
    assert listed(world, user=str(world["admin"].pk)) == [admin]
    assert listed(world, user="9" * 40) == []


def test_filter_by_participant_intervention_and_action(world) -> None:
    first = make_event(forbund=world.forbund, participant_ref="D-0001")
    make_event(forbund=world.forbund, participant_ref="D-0002")
    in_intervention = make_event(
        forbund=world.forbund, intervention=world.intervention, action=AuditAction.UPDATE
    )
    assert listed(world, participant_ref="D-0001") == [first]
    assert listed(world, intervention_id=world.intervention.pk) == [in_intervention]
    assert listed(world, action=AuditAction.UPDATE) == [in_intervention]


def test_dates_are_swedish_calendar_days(world) -> None:
    # 23:30 and 00:30 Swedish summer time are 21:30 and 22:30 UTC on the same UTC day.
    late = make_event(
        forbund=world.forbund,
        occurred_at=datetime.datetime(2026, 6, 10, 23, 30, tzinfo=STOCKHOLM),
    )
    early = make_event(
        forbund=world.forbund,
        occurred_at=datetime.datetime(2026, 6, 11, 0, 30, tzinfo=STOCKHOLM),
    )
    june_10 = datetime.date(2026, 6, 10)
    june_11 = datetime.date(2026, 6, 11)
    assert listed(world, date_from=june_10, date_to=june_10) == [late]
    assert listed(world, date_from=june_11, date_to=june_11) == [early]
    assert listed(world, date_from=june_10, date_to=june_11) == [early, late]


def test_page_lists_events_with_labels(as_persona, world) -> None:
    make_event(
        forbund=world.forbund,
        actor=world["coach"],
        role=Role.COACH,
        intervention=world.intervention,
        participant_ref="D-4711",
        action=AuditAction.VIEW,
        object_type="core.Forbund",
        object_id=str(world.forbund.pk),
        ip_address="192.0.2.10",
        request_id="abc123",
    )
    response = as_persona("granskare").get(reverse("audit:event_list"), {"participant": "D-4711"})
    html = response.content.decode()
    assert response.status_code == 200
    for text in ["D-4711", "Coach/handledare", "Testinsatsen", "Visning", "192.0.2.10", "abc123"]:
        assert text in html
    assert "samordningsförbund " + str(world.forbund.pk) in html
    assert "1 händelse" in html


def test_page_filters_by_action(as_persona, world) -> None:
    make_event(forbund=world.forbund, participant_ref="D-1", action=AuditAction.VIEW)
    make_event(forbund=world.forbund, participant_ref="D-2", action=AuditAction.DELETE)
    html = as_persona("granskare").get(reverse("audit:event_list"), {"action": "delete"})
    html = html.content.decode()
    assert "D-2" in html and "D-1" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2026-02-30"},
        {"date_to": "31/12/2026"},
        {"date_from": "0001-01-01"},
        {"date_from": "2026-05-02", "date_to": "2026-05-01"},
        {"intervention": "abc"},
        {"intervention": str(10**30)},
        {"action": "hack"},
        {"user": "a\x00b"},
    ],
)
def test_bad_filters_give_a_swedish_error_and_no_rows(as_persona, world, params) -> None:
    make_event(forbund=world.forbund, participant_ref="D-SYNLIG")
    response = as_persona("granskare").get(reverse("audit:event_list"), params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Något behöver rättas" in html
    assert "Inga händelser visas förrän filtren är rättade." in html
    assert "D-SYNLIG" not in html


def test_bad_date_message_is_precise(as_persona) -> None:
    client = as_persona("granskare")
    html = client.get(reverse("audit:event_list"), {"date_from": "2026-02-30"}).content.decode()
    assert "Ange datumet som ÅÅÅÅ-MM-DD" in html
    html = client.get(
        reverse("audit:event_list"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    ).content.decode()
    assert "Slutdatumet kan inte vara före startdatumet." in html


def test_pages_of_fifty(as_persona, world) -> None:
    for number in range(55):
        make_event(forbund=world.forbund, participant_ref=f"P-{number:03d}")
    client = as_persona("granskare")
    first = client.get(reverse("audit:event_list"), {"action": "view"}).content.decode()
    second = client.get(reverse("audit:event_list"), {"action": "view", "page": "2"})
    assert first.count("P-0") == 50
    assert "Sida 1 av 2" in first
    assert "page=2" in first and "action=view" in first
    assert second.content.decode().count("P-0") == 5
    assert client.get(reverse("audit:event_list"), {"page": "x"}).status_code == 200


def make_varied_events(world, count: int) -> None:
    actors = [world[name] for name in ["admin", "coach", "insatsansvarig", "handlaggare"]]
    for number in range(count):
        make_event(
            forbund=world.forbund,
            actor=actors[number % len(actors)],
            intervention=world.intervention if number % 2 else None,
            object_type="core.User",
            object_id=str(number),
        )


def test_list_query_count_does_not_grow(as_persona, world, assert_query_count) -> None:
    client = as_persona("granskare")
    url = reverse("audit:event_list")
    make_varied_events(world, 5)
    client.get(url)  # warm up the session
    with assert_query_count(13):
        assert client.get(url).status_code == 200
    make_varied_events(world, 55)
    with assert_query_count(13):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == 51  # header + 50 rows
