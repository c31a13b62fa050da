"""Every case page per persona, the writes through the pages, bad input and the log."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.collaboration.models import CaseDiscussion, TeamCase
from samsyn.collaboration.tests.case_setup import MEMBERS, NO_SEAT, case_world, make_meeting
from samsyn.conftest import World
from samsyn.participants.tests.factories import PersonFactory

PERSONAS = MEMBERS + NO_SEAT


def _urls(cases) -> dict[str, str]:
    return {
        "list": reverse("collaboration:case_list", args=[cases.team.pk]),
        "detail": reverse("collaboration:case_detail", args=[cases.identified.pk]),
        "meeting": reverse("collaboration:meeting_cases", args=[cases.meeting.pk]),
        "add": reverse("collaboration:case_add", args=[cases.meeting.pk]),
        "notes": reverse("collaboration:discussion_notes", args=[cases.discussion.pk]),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_case_pages(world: World, as_persona, persona: str) -> None:
    cases = case_world(world)
    client = as_persona(persona)
    for name, url in _urls(cases).items():
        expected = 200 if persona in MEMBERS else 404
        assert client.get(url).status_code == expected, (persona, name)
    teams = client.get(reverse("collaboration:case_teams"))
    assert teams.status_code == 200
    assert (cases.team.name in teams.content.decode()) is (persona in MEMBERS)


def test_name_shown_only_where_the_rule_allows(world: World, as_persona) -> None:
    cases = case_world(world)
    name = cases.registration.person.first_name
    page = as_persona("coach").get(_urls(cases)["detail"]).content.decode()
    assert name in page and "Ä-001" in page
    # Arbetsförmedlingen joins the meeting: the consent does not cover it.
    cases.meeting.attendance.create(party=world.af, present=True)
    page = as_persona("coach").get(_urls(cases)["detail"]).content.decode()
    assert name not in page and "Ä-001" in page
    listing = as_persona("coach").get(_urls(cases)["list"]).content.decode()
    assert name not in listing and "Ä-002" in listing


def test_reads_are_logged(world: World, as_persona) -> None:
    cases = case_world(world)
    as_persona("coach").get(_urls(cases)["meeting"])
    refs = set(AuditEvent.objects.filter(action="view").values_list("participant_ref", flat=True))
    assert cases.registration.person.pseudonym in refs
    assert f"Ä-002 team {cases.team.pk}" in refs


def test_add_anonymous_case_and_continue_it(world: World, as_persona) -> None:
    cases = case_world(world)
    later = make_meeting(world, cases.team, datetime.date(2026, 4, 1))
    client = as_persona("handlaggare")
    url = reverse("collaboration:case_add", args=[later.pk])
    response = client.post(url, {"summary": "Kvinna 30 år, utan försörjning"})
    assert response.status_code == 302
    new = TeamCase.objects.get(team=cases.team, number=3)
    assert new.person is None and new.code == "Ä-003"
    # the same case at the next meeting keeps its code
    next_meeting = make_meeting(world, cases.team, datetime.date(2026, 5, 1))
    response = client.post(
        reverse("collaboration:case_add", args=[next_meeting.pk]), {"case": new.pk}
    )
    assert response.status_code == 302
    assert CaseDiscussion.objects.filter(case=new).count() == 2
    assert TeamCase.objects.filter(team=cases.team).count() == 3


def test_add_participant_reuses_their_case(world: World, as_persona) -> None:
    cases = case_world(world)
    later = make_meeting(world, cases.team, datetime.date(2026, 4, 1))
    response = as_persona("coach").post(
        reverse("collaboration:case_add", args=[later.pk]),
        {"person": cases.registration.person.pk},
    )
    assert response.status_code == 302
    assert CaseDiscussion.objects.get(meeting=later).case == cases.identified


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Beskriv ärendet kort"),
        ({"summary": "Född 19850312-2387"}, "utan personnummer"),
        ({"summary": "x" * 201}, "200"),
        ({"person": "999999"}, "Välj ett giltigt alternativ"),
        # Both a valid case and a valid person (filled in below): one or the other.
        ({"case": "CASE", "person": "PERSON"}, "antingen"),
    ],
)
def test_bad_input_changes_nothing(world: World, as_persona, data, message) -> None:
    cases = case_world(world)
    real = {"CASE": str(cases.anonymous.pk), "PERSON": str(cases.registration.person_id)}
    data = {key: real.get(value, value) for key, value in data.items()}
    before = (TeamCase.objects.count(), CaseDiscussion.objects.count())
    response = as_persona("coach").post(_urls(cases)["add"], data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (TeamCase.objects.count(), CaseDiscussion.objects.count()) == before


def test_person_outside_scope_cannot_be_chosen(world: World, as_persona) -> None:
    cases = case_world(world)
    stranger = PersonFactory(forbund=world.forbund, first_name="Främling")
    page = as_persona("coach").get(_urls(cases)["add"]).content.decode()
    assert "Främling" not in page
    response = as_persona("coach").post(_urls(cases)["add"], {"person": stranger.pk})
    assert response.status_code == 400
    assert not TeamCase.objects.filter(person=stranger).exists()


def test_case_already_on_the_agenda_is_refused(world: World, as_persona) -> None:
    cases = case_world(world)
    response = as_persona("coach").post(_urls(cases)["add"], {"case": cases.anonymous.pk})
    assert response.status_code == 400
    assert "finns redan" in response.content.decode()


def test_notes_update_stale_and_frozen(world: World, as_persona) -> None:
    cases = case_world(world)
    url = _urls(cases)["notes"]
    client = as_persona("coach")
    assert client.post(url, {"notes": "Ny plan", "version": 1}).status_code == 302
    cases.discussion.refresh_from_db()
    assert cases.discussion.notes == "Ny plan" and cases.discussion.version == 2
    stale = client.post(url, {"notes": "Gammal", "version": 1})
    assert stale.status_code == 200
    assert "Någon annan har sparat under tiden" in stale.content.decode()
    cases.meeting.minutes_approved_on = cases.meeting.date
    cases.meeting.save()
    frozen = client.post(url, {"notes": "Efteråt", "version": 2})
    assert frozen.status_code == 400 and "justerat" in frozen.content.decode()
    cases.discussion.refresh_from_db()
    assert cases.discussion.notes == "Ny plan"
    refused = client.post(_urls(cases)["add"], {"summary": "Nytt"})
    assert refused.status_code == 400 and "justerat" in refused.content.decode()


def test_stale_notes_save_shows_both_versions(world: World, as_persona) -> None:
    cases = case_world(world)
    url = _urls(cases)["notes"]
    first, second = (as_persona(name) for name in MEMBERS[:2])
    assert first.post(url, {"notes": "Första personens text", "version": 1}).status_code == 302
    reads = AuditEvent.objects.filter(action="view").count()
    stale = second.post(url, {"notes": "Andra personens text", "version": 1})
    body = stale.content.decode()
    assert stale.status_code == 200
    assert "Någon annan har sparat under tiden" in body and "Ladda om sidan" not in body
    # The saved notes are decrypted for the comparison; the typed text stays in the form.
    assert "Första personens text" in body and "Andra personens text" in body
    assert 'name="version" value="2"' in body and "Spara min version" in body
    # The request logs its one read of the notes, as a GET of the form does.
    assert AuditEvent.objects.filter(action="view").count() == reads + 1
    cases.discussion.refresh_from_db()
    assert cases.discussion.notes == "Första personens text"
    assert second.post(url, {"notes": "Andra personens text", "version": 2}).status_code == 302
    cases.discussion.refresh_from_db()
    assert cases.discussion.notes == "Andra personens text"


@pytest.mark.parametrize("name", NO_SEAT)
def test_stale_notes_save_shows_nothing_without_a_seat(world: World, as_persona, name) -> None:
    cases = case_world(world)
    url = _urls(cases)["notes"]
    as_persona(MEMBERS[0]).post(url, {"notes": "Första personens text", "version": 1})
    response = as_persona(name).post(url, {"notes": "Försök", "version": 1})
    assert response.status_code == 404
    assert "Första personens text" not in response.content.decode()


def test_notes_are_encrypted_at_rest(world: World) -> None:
    from django.db import connection

    cases = case_world(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT notes FROM collaboration_casediscussion WHERE id = %s", [cases.discussion.pk]
        )
        (raw,) = cursor.fetchone()
    assert "Plan A" not in raw


def test_pages_take_constant_queries(world: World, as_persona) -> None:
    """The meeting's cases, the case list and a case page cost the same with 2 cases and 12."""
    cases = case_world(world)
    client = as_persona("coach")
    urls = [_urls(cases)[name] for name in ("meeting", "list", "detail")]
    before = [_count(client, url) for url in urls]
    for number in range(3, 13):
        case = TeamCase.objects.create(team=cases.team, number=number, raised_at=cases.meeting)
        CaseDiscussion.objects.create(meeting=cases.meeting, case=case, notes="Text")
    assert [_count(client, url) for url in urls] == before


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_list_identifies_as_at_the_latest_meeting_by_date(world: World, as_persona) -> None:
    """A meeting created later but dated earlier (planned as a series) is not the latest."""
    cases = case_world(world)
    earlier = make_meeting(world, cases.team, datetime.date(2026, 2, 1), present=(world.af,))
    CaseDiscussion.objects.create(meeting=earlier, case=cases.identified)
    listing = as_persona("coach").get(_urls(cases)["list"]).content.decode()
    assert cases.registration.person.first_name in listing
