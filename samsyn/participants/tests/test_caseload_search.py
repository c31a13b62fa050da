"""The caseload's search (names, codes, personnummer), its filters and the top bar's search."""

from __future__ import annotations

import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.core.tests.factories import InterventionFactory, MembershipFactory, UserFactory
from samsyn.participants.models import ActionPlan, SubGoal
from samsyn.participants.selectors.caseload import (
    CaseloadFilters,
    caseload_list,
    caseload_summary,
)
from samsyn.participants.selectors.caseload_search import (
    AUDIT_DETAIL_NAME_SEARCH,
    AUDIT_DETAIL_PERSONNUMMER_SEARCH,
    caseload_search_parse,
)
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.followup_setup import ALL_PERSONAS, registration_for

TODAY = datetime.date(2026, 6, 15)
URL = reverse("participants:caseload")
# A valid number (Luhn check digit 8) of someone born 15 March 1985.
PNR = "19850315-1238"
pytestmark = pytest.mark.django_db


def _person(world, forbund=None, pnr: str = "", **fields):
    values = {"forbund": forbund or world.forbund, **fields}
    if pnr:
        number = parse_personnummer(pnr)
        values |= {
            "personnummer": number.digits,
            "personnummer_index": personnummer_blind_index(number),
        }
    return PersonFactory(**values)


def _found(actor, text: str) -> list[int]:
    filters = CaseloadFilters(search=caseload_search_parse(text))
    return [r.pk for r in caseload_list(actor=actor, filters=filters, today=TODAY)]


@pytest.fixture
def colleague(world):
    user = UserFactory(username="kollega")
    MembershipFactory(
        user=user, forbund=world.forbund, role="coach", interventions=[world.intervention]
    )
    return user


@pytest.fixture
def asa(world):
    person = _person(world, first_name="Åsa", last_name="Öberg-Ärlig", pnr=PNR)
    return registration_for(world, person=person)


def test_name_search_is_a_case_insensitive_substring_with_swedish_letters(world, asa):
    registration_for(world, person=_person(world, first_name="Anders", last_name="Berg"))
    coach = world["coach"]
    for text in ("åsa", "ÅSA", "Öberg", "ärlig", "sa öb", "berg-är", " ÅSA  ÄRLIG "):
        assert _found(coach, text) == [asa.pk], text
    # The same letters typed in decomposed form (a + ring) find the same person.
    assert _found(coach, unicodedata.normalize("NFD", "Åsa")) == [asa.pk]
    assert len(_found(coach, "berg")) == 2
    assert _found(coach, "Åsa Anders") == []
    assert _found(coach, asa.person.pseudonym.lower()) == [asa.pk]


@pytest.mark.parametrize(
    "written", [PNR, "198503151238", "850315-1238", "8503151238", " 850315 1238 "]
)
def test_personnummer_search_through_the_blind_index(world, asa, written):
    registration_for(world, person=_person(world, first_name="Åsa", last_name="Annan"))
    assert _found(world["coach"], written) == [asa.pk]


def test_an_anonymous_person_is_found_by_code_only(world):
    person = PersonFactory(forbund=world.forbund, is_anonymous=True, first_name="", last_name="")
    registration = registration_for(world, person=person)
    assert _found(world["coach"], person.pseudonym[2:]) == [registration.pk]
    assert _found(world["coach"], "anonym") == []


def test_search_stays_within_what_the_user_may_see(world, asa, colleague):
    theirs = registration_for(
        world, coach=colleague, person=_person(world, first_name="Åsa", last_name="Kollegasson")
    )
    elsewhere_coach = UserFactory(username="annan-coach")
    MembershipFactory(
        user=elsewhere_coach,
        forbund=world.other_forbund,
        role="coach",
        interventions=[world.other_intervention],
    )
    elsewhere = RegistrationFactory(
        intervention=world.other_intervention,
        coach=elsewhere_coach,
        person=_person(
            world, forbund=world.other_forbund, first_name="Åsa", last_name="Öberg", pnr=PNR
        ),
    )
    assert _found(world["coach"], "åsa") == [asa.pk]
    assert _found(world["coach"], PNR) == [asa.pk]
    assert set(_found(world["insatsansvarig"], "åsa")) == {asa.pk, theirs.pk}
    # The other förbund's coach finds their own person by the same number, and only them.
    assert _found(elsewhere_coach, PNR) == [elsewhere.pk]
    for persona in ("admin", "styrgrupp", "granskare", "outsider", "nobody"):
        assert _found(world[persona], "åsa") == []
        assert _found(world[persona], PNR) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("19850315-1239", "Kontrollsiffran stämmer inte."),
        ("12345", "Ange personnumret med 10 eller 12 siffror"),
        ("19121312-1212", "Datumet finns inte."),
    ],
)
def test_a_bad_personnummer_gets_a_swedish_message_and_finds_nobody(
    world, asa, as_persona, text, message
):
    with pytest.raises(ValidationError):
        caseload_search_parse(text)
    response = as_persona("coach").get(URL, {"q": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and "0 deltagare" in html
    assert asa.person.pseudonym not in html.split('id="list-heading"')[1]


def test_the_page_searches_and_logs_that_a_search_was_made_not_what(world, asa, as_persona):
    other = registration_for(world, person=_person(world, first_name="Bo", last_name="Ek"))
    client = as_persona("coach")
    html = client.get(URL, {"q": "ärlig"}).content.decode()
    listed = html.split('id="list-heading"')[1]
    assert "1 deltagare" in html and asa.person.pseudonym in listed
    assert other.person.pseudonym not in listed
    html = client.get(URL, {"q": "850315-1238"}).content.decode()
    assert asa.person.pseudonym in html.split('id="list-heading"')[1]
    events = AuditEvent.objects.filter(actor=world["coach"], action="view").order_by("id")
    assert [(e.detail, e.participant_ref) for e in events] == [
        (AUDIT_DETAIL_NAME_SEARCH, asa.person.pseudonym),
        (AUDIT_DETAIL_PERSONNUMMER_SEARCH, asa.person.pseudonym),
    ]
    for event in AuditEvent.objects.all():
        logged = str(model_to_dict(event))
        assert "1238" not in logged and "0315" not in logged and "rlig" not in logged


def test_a_search_that_finds_nobody_is_logged_as_a_search(world, as_persona):
    as_persona("coach").get(URL, {"q": PNR})
    event = AuditEvent.objects.get(actor=world["coach"], action="view")
    assert (event.detail, event.participant_ref) == (AUDIT_DETAIL_PERSONNUMMER_SEARCH, "")


# --- the "Att göra" filters ----------------------------------------------------------------


@pytest.fixture
def late(world):
    """One registration with an overdue follow-up, one with a late sub-goal, one with neither."""
    follow_up = registration_for(world, next_follow_up_due=datetime.date(2026, 6, 1))
    plan_late = registration_for(world)
    plan = ActionPlan.objects.create(registration=plan_late, overall_goal="arbete")
    SubGoal.objects.create(plan=plan, description="a", target_date=datetime.date(2026, 6, 1))
    fine = registration_for(world, next_follow_up_due=datetime.date(2026, 7, 1))
    return follow_up, plan_late, fine


def test_filters_match_the_counts_they_are_linked_from(world, late):
    follow_up, plan_late, _fine = late
    coach = world["coach"]

    def shown(show):
        filters = CaseloadFilters(show=show)
        return [r.pk for r in caseload_list(actor=coach, filters=filters, today=TODAY)]

    summary = caseload_summary(actor=coach, today=TODAY)
    assert shown("forsenade-uppfoljningar") == [follow_up.pk]
    assert shown("planer-forfallna") == [plan_late.pk]
    assert (summary.follow_ups_overdue, summary.sub_goals_overdue) == (1, 1)
    assert set(shown("forsenade")) == {follow_up.pk, plan_late.pk}


def test_the_page_shows_the_active_filter_and_how_to_clear_it(world, late, as_persona):
    follow_up, plan_late, fine = late
    client = as_persona("coach")
    html = client.get(URL, {"filter": "planer-forfallna", "q": "kim"}).content.decode()
    listed = html.split('id="list-heading"')[1]
    assert plan_late.person.pseudonym in listed and follow_up.person.pseudonym not in listed
    assert "Aktiva filter" in html and "Delmål som passerat måldatum" in html
    # Each active filter's link keeps the others.
    assert f'href="{URL}?q=kim"' in html and f'href="{URL}?filter=planer-forfallna"' in html
    bad = client.get(URL, {"filter": "allt"})
    assert bad.status_code == 200 and "Aktiva filter" not in bad.content.decode()
    assert fine.person.pseudonym in bad.content.decode()


@pytest.mark.parametrize("persona", ["coach", "insatsansvarig"])
def test_att_gora_counts_link_to_the_filtered_list(world, as_persona, persona):
    for page in (reverse("core:start"), URL):
        html = as_persona(persona).get(page).content.decode()
        assert f"{URL}?filter=forsenade-uppfoljningar" in html
        assert f"{URL}?filter=planer-forfallna" in html


def test_the_intervention_is_named_once_per_group(world, as_persona):
    second = InterventionFactory(
        forbund=world.forbund, owner_party=world.kommun, name="En mycket lång insats"
    )
    world["insatsansvarig"].memberships.get().interventions.add(second)
    for _ in range(3):
        registration_for(world)
        RegistrationFactory(intervention=second, person__forbund=world.forbund)
    html = as_persona("insatsansvarig").get(URL).content.decode()
    table = html.split("<table>")[1]
    assert table.count("En mycket lång insats") == 1 and table.count("Testinsatsen") == 1
    assert table.index("En mycket lång insats") < table.index("Testinsatsen")


# --- the top bar ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_the_top_bar_search_is_offered_to_who_sees_participants(world, as_persona, persona):
    html = as_persona(persona).get(reverse("core:account")).content.decode()
    offered = 'id="header-search"' in html
    assert offered == (persona in ("coach", "insatsansvarig", "handlaggare"))
    if offered:
        assert '<label for="header-search">' in html and f'action="{URL}"' in html


def test_the_handlaggare_finds_the_people_they_referred(world, asa, as_persona):
    html = as_persona("handlaggare").get(URL, {"q": "åsa"}).content.decode()
    assert asa.person.pseudonym in html.split('id="list-heading"')[1]


# --- cost ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["kim", PNR])
def test_search_query_count_does_not_grow(world, as_persona, assert_query_count, query):
    client = as_persona("coach")

    def add(count):
        for _ in range(count):
            registration_for(world)

    registration_for(world, person=_person(world, first_name="Kim", last_name="Ö", pnr=PNR))
    add(2)
    client.get(URL, {"q": query})
    expected = 24 if query == "kim" else 23
    with assert_query_count(expected):
        assert client.get(URL, {"q": query}).status_code == 200
    add(37)
    with assert_query_count(expected):
        response = client.get(URL, {"q": query})
    rows = response.content.decode().count('scope="row"')
    assert rows == (40 if query == "kim" else 1)
