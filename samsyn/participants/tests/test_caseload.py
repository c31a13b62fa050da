"""The coach's caseload and the insatsansvarig's follow-ups due per coach."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.participants.models import ActionPlan, SubGoal
from samsyn.participants.selectors.caseload import (
    CaseloadFilters,
    caseload_list,
    caseload_summary,
    follow_ups_due_by_coach,
)
from samsyn.participants.selectors.caseload_search import caseload_search_parse
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.participants.tests.followup_setup import (
    ALL_PERSONAS,
    WRITERS,
    ended,
    phases_for,
    registration_for,
)

TODAY = datetime.date(2026, 6, 15)
pytestmark = pytest.mark.django_db


def _ids(actor, today=TODAY, **filters):
    return [
        r.pk for r in caseload_list(actor=actor, filters=CaseloadFilters(**filters), today=today)
    ]


@pytest.fixture
def colleague(world):
    user = UserFactory(username="kollega", first_name="Alva", last_name="Kollega")
    MembershipFactory(
        user=user, forbund=world.forbund, role="coach", interventions=[world.intervention]
    )
    return user


def test_each_role_sees_its_caseload(world, colleague):
    mine = registration_for(world)
    theirs = registration_for(world, coach=colleague)
    ended(registration_for(world), datetime.date(2026, 5, 1))
    RegistrationFactory(intervention=world.other_intervention)
    assert _ids(world["coach"]) == [mine.pk]
    assert set(_ids(world["insatsansvarig"])) == {mine.pk, theirs.pk}
    assert set(_ids(world["handlaggare"])) == {mine.pk, theirs.pk}
    for name in ("admin", "styrgrupp", "granskare", "outsider", "nobody"):
        assert _ids(world[name]) == []
    world.intervention.coaches_share_caseload = True
    world.intervention.save()
    assert set(_ids(world["coach"])) == {mine.pk, theirs.pk}


def test_flags_are_computed_for_a_fixed_day(world):
    late = registration_for(world, next_follow_up_due=datetime.date(2026, 6, 14))
    on_time = registration_for(world, next_follow_up_due=datetime.date(2026, 6, 15))
    plan = ActionPlan.objects.create(registration=on_time, overall_goal="arbete")
    SubGoal.objects.create(plan=plan, description="a", target_date=datetime.date(2026, 6, 1))
    reached = registration_for(world)
    plan = ActionPlan.objects.create(registration=reached, overall_goal="arbete")
    SubGoal.objects.create(
        plan=plan, description="b", target_date=datetime.date(2026, 6, 1), status="uppnatt"
    )
    back_again = registration_for(world)
    earlier = ended(
        registration_for(world, person=back_again.person, start_date=datetime.date(2025, 1, 1)),
        datetime.date(2025, 6, 1),
    )
    flags = {
        r.pk: (r.follow_up_overdue, r.sub_goals_overdue, r.post_exit_due)
        for r in caseload_list(actor=world["coach"], filters=CaseloadFilters(), today=TODAY)
    }
    assert flags == {
        late.pk: (True, False, False),
        on_time.pk: (False, True, False),
        reached.pk: (False, False, False),
        back_again.pk: (False, False, True),
    }
    assert earlier.pk not in flags
    assert set(_ids(world["coach"], show="forsenade")) == {late.pk, on_time.pk, back_again.pk}
    summary = caseload_summary(actor=world["coach"], today=TODAY)
    assert (summary.ongoing, summary.follow_ups_overdue, summary.sub_goals_overdue) == (4, 1, 1)
    # The earlier registration's 6- and 12-month follow-ups are both due.
    assert summary.post_exit_due == 2
    # A month earlier nothing was late yet.
    assert _ids(world["coach"], today=datetime.date(2025, 11, 1), show="forsenade") == []


def test_sorted_by_next_follow_up_with_none_last(world):
    none = registration_for(world)
    later = registration_for(world, next_follow_up_due=datetime.date(2026, 8, 1))
    sooner = registration_for(world, next_follow_up_due=datetime.date(2026, 7, 1))
    assert _ids(world["coach"]) == [sooner.pk, later.pk, none.pk]


def test_filters(world):
    kartlaggning, aktivitet, *_ = phases_for(world)
    first = registration_for(world, current_phase=kartlaggning)
    second = registration_for(world, current_phase=aktivitet)
    other = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    world["insatsansvarig"].memberships.get().interventions.add(other)
    elsewhere = RegistrationFactory(intervention=other, person__forbund=world.forbund)
    lead = world["insatsansvarig"]
    assert set(_ids(lead)) == {first.pk, second.pk, elsewhere.pk}
    assert _ids(lead, intervention_id=other.pk) == [elsewhere.pk]
    assert _ids(lead, phase_id=aktivitet.pk) == [second.pk]
    code = second.person.pseudonym
    assert _ids(lead, search=caseload_search_parse(code)) == [second.pk]
    assert _ids(lead, search=caseload_search_parse(code[2:6].lower())) == [second.pk]


# --- the page ------------------------------------------------------------------------------

URL = reverse("participants:caseload")


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_caseload_permissions(world, as_persona, persona):
    registration = registration_for(world)
    response = as_persona(persona).get(URL)
    allowed = persona in (*WRITERS, "handlaggare")
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert registration.person.pseudonym in response.content.decode()


def test_caseload_page_logs_every_participant_shown(world, as_persona):
    """One view event per participant on the page (one insert), so "who saw person X" finds
    the caseload too."""
    first = registration_for(world)
    second = registration_for(world)
    as_persona("coach").get(URL)
    events = AuditEvent.objects.filter(actor=world["coach"], action="view")
    assert sorted(e.participant_ref for e in events) == sorted(
        [first.person.pseudonym, second.person.pseudonym]
    )
    for event in events:
        assert (event.detail, event.role) == ("Ärendelista", "coach")
        assert event.forbund == world.forbund
        assert event.object_type == "participants.Registration"


def test_an_empty_caseload_is_logged_as_one_event_naming_nobody(world, as_persona):
    as_persona("coach").get(URL)
    event = AuditEvent.objects.get(actor=world["coach"], action="view")
    assert (event.detail, event.participant_ref, event.role) == ("Ärendelista", "", "coach")
    assert event.forbund == world.forbund


def test_caseload_page_filters_and_no_longer_says_names_cannot_be_searched(world, as_persona):
    phases = phases_for(world)
    shown = registration_for(world, current_phase=phases[1])
    hidden = registration_for(world, current_phase=phases[0])
    response = as_persona("coach").get(URL, {"phase": phases[1].pk})
    html = response.content.decode()
    assert shown.person.pseudonym in html and hidden.person.pseudonym not in html
    assert "går inte att söka" not in html
    overdue = as_persona("coach").get(URL, {"filter": "forsenade"}).content.decode()
    assert "0 deltagare" in overdue and shown.person.pseudonym not in overdue
    shown.next_follow_up_due = datetime.date(2026, 1, 1)
    shown.save()
    overdue = as_persona("coach").get(URL, {"filter": "forsenade"}).content.decode()
    assert "1 deltagare" in overdue and shown.person.pseudonym in overdue
    assert hidden.person.pseudonym not in overdue
    bad = as_persona("coach").get(URL, {"intervention": "999999", "phase": "x"})
    assert bad.status_code == 200


def test_caseload_query_count_does_not_grow(world, as_persona, assert_query_count):
    phases = phases_for(world)
    client = as_persona("coach")

    def add(count):
        for index in range(count):
            registration = registration_for(
                world,
                current_phase=phases[index % 4],
                next_follow_up_due=datetime.date(2026, 1, 1) + datetime.timedelta(days=index),
            )
            plan = ActionPlan.objects.create(registration=registration, overall_goal="arbete")
            SubGoal.objects.create(
                plan=plan, description="x", target_date=datetime.date(2026, 1, 1)
            )

    add(3)
    client.get(URL)
    with assert_query_count(23):
        assert client.get(URL).status_code == 200
    add(37)
    with assert_query_count(23):
        response = client.get(URL)
    assert response.content.decode().count("Uppföljning försenad") == 40


def test_caseload_paginates(world, as_persona):
    for _ in range(51):
        RegistrationFactory(intervention=world.intervention, coach=world["coach"])
    client = as_persona("coach")
    first = client.get(URL).content.decode()
    assert "Sida 1 av 2" in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert second.count('scope="row"') == 1


def test_start_page_links_to_the_caseload(world, as_persona):
    html = as_persona("coach").get(reverse("core:start")).content.decode()
    assert URL in html and "Min ärendelista" in html
    assert URL not in as_persona("styrgrupp").get(reverse("core:start")).content.decode()


# --- follow-ups due per coach --------------------------------------------------------------


def test_follow_ups_due_are_grouped_by_coach(world, colleague):
    overdue = registration_for(world, next_follow_up_due=datetime.date(2026, 6, 1))
    in_14 = registration_for(world, next_follow_up_due=datetime.date(2026, 6, 29))
    registration_for(world, next_follow_up_due=datetime.date(2026, 6, 30))
    registration_for(world)
    ended(
        registration_for(world, next_follow_up_due=datetime.date(2026, 6, 1)),
        datetime.date(2026, 6, 2),
    )
    theirs = registration_for(world, coach=colleague, next_follow_up_due=TODAY)
    nobodys = registration_for(world, coach=None, next_follow_up_due=TODAY)
    groups = follow_ups_due_by_coach(actor=world["insatsansvarig"], today=TODAY)
    summary = [(g.coach, [r.pk for r in g.registrations], g.overdue) for g in groups]
    assert summary == [
        (world["coach"], [overdue.pk, in_14.pk], 1),
        (colleague, [theirs.pk], 0),
        (None, [nobodys.pk], 0),
    ]
    mine = follow_ups_due_by_coach(actor=world["coach"], today=TODAY)
    assert [(g.coach, len(g.registrations)) for g in mine] == [(world["coach"], 2)]
    assert follow_ups_due_by_coach(actor=world["handlaggare"], today=TODAY) == []


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_follow_ups_due_permissions(world, as_persona, persona):
    registration = registration_for(world, next_follow_up_due=datetime.date(2026, 1, 1))
    response = as_persona(persona).get(reverse("participants:followups_due"))
    assert response.status_code == (200 if persona in WRITERS else 404)
    if persona in WRITERS:
        assert registration.person.pseudonym in response.content.decode()


def test_follow_ups_due_query_count(world, as_persona, colleague, assert_query_count):
    client = as_persona("insatsansvarig")
    url = reverse("participants:followups_due")

    def add(count):
        for index in range(count):
            coach = colleague if index % 2 else world["coach"]
            registration_for(world, coach=coach, next_follow_up_due=datetime.date(2026, 1, 1))

    add(3)
    client.get(url)
    with assert_query_count(13):
        client.get(url)
    add(37)
    with assert_query_count(13):
        response = client.get(url)
    assert response.content.decode().count("Registrera uppföljning") == 40


def test_an_anonymous_participant_is_named_by_code_once(world, as_persona):
    anonymous = registration_for(world)
    person = anonymous.person
    person.is_anonymous, person.first_name, person.last_name = True, "", ""
    person.save()
    named = registration_for(world)
    html = as_persona("coach").get(URL).content.decode()
    assert html.count(person.pseudonym) == 1  # "Anonym deltagare D-…", not the code again
    assert f'<span class="code">{named.person.pseudonym}</span>' in html
