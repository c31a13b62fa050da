"""The registrations API: list, one registration, registering a person, the choices.

Scope per persona, the handläggare before, during and after consent, audit events, the
masked personnummer, constant queries of the list.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone

from samsyn.audit.models import AuditAction
from samsyn.conftest import World
from samsyn.participants.models import Person, Registration
from samsyn.participants.tests.api_setup import (
    ALL_PERSONAS,
    NOT_FOUND,
    OUTSIDE,
    WRITERS,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    events,
    events_about,
    field_errors,
)
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.intake_setup import (
    PNR_WOMAN,
    add_phases,
    consent_for,
    days,
    referral_of,
)
from samsyn.participants.tests.journey_setup import PNR, registration_for
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]


@pytest.fixture
def registration(world: World) -> Registration:
    return registration_for(world)


# --- GET /registrations ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_list_shows_the_registration_only_to_those_in_scope(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    response = as_api(name).get("/registrations")
    if name in OUTSIDE:
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        return
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == registration.pk
    assert item["person"] == {
        "pseudonym": registration.person.pseudonym,
        "anonymous": False,
        "name": registration.person.display_name,
    }
    assert item["intervention"] == "testinsatsen"
    assert item["coach"] == {"id": world["coach"].pk, "name": "Coach " + world["coach"].last_name}
    assert item["ongoing"] is True


def test_list_filters_and_pages(world: World, as_api: AsApi, registration: Registration) -> None:
    ended = registration_for(world, person=PersonFactory(forbund=world.forbund))
    ended.end_date = days(-1)
    ended.exit_reason = "fullfoljt"
    ended.save()
    coach = as_api("coach")
    assert coach.get("/registrations", ongoing="true").json()["count"] == 1
    assert [i["id"] for i in coach.get("/registrations", ongoing="false").json()["items"]] == [
        ended.pk
    ]
    assert coach.get("/registrations", intervention="annan-insats").json()["count"] == 0
    page = coach.get("/registrations", limit=1, offset=1).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (2, 1, 1, 1)
    assert field_errors(coach.get("/registrations", limit=0)) == {"limit": "Värdet är för litet."}


def test_list_writes_one_audit_event_per_participant_returned(
    world: World, as_api: AsApi, registration: Registration
) -> None:
    as_api("coach").get("/registrations")
    listed = events(action=AuditAction.VIEW, actor=world["coach"])
    assert [(e.detail, e.participant_ref, e.object_id) for e in listed] == [
        ("Inskrivningar listade (API)", registration.person.pseudonym, str(registration.pk))
    ]


def test_an_empty_list_writes_one_audit_event_naming_no_participant(
    world: World, as_api: AsApi
) -> None:
    as_api("coach").get("/registrations")
    listed = events(action=AuditAction.VIEW, actor=world["coach"])
    assert [(e.detail, e.participant_ref) for e in listed] == [("Inskrivningar listade (API)", "")]


def _many(world: World, count: int) -> None:
    phase = add_phases(world.intervention)[0] if not world.intervention.phases.exists() else None
    for _ in range(count):
        RegistrationFactory(
            intervention=world.intervention,
            person=PersonFactory(forbund=world.forbund),
            coach=world["coach"],
            current_phase=phase or world.intervention.phases.first(),
            next_follow_up_due=days(-3),
        )


def test_list_has_constant_queries(
    world: World, as_api: AsApi, assert_query_count: QueryCount
) -> None:
    coach = as_api("coach")
    coach.get("/registrations")  # warm up: token look-up caches, content types
    _many(world, 2)
    with assert_query_count(10):
        assert coach.get("/registrations").json()["count"] == 2
    _many(world, 20)
    with assert_query_count(10):
        assert coach.get("/registrations").json()["count"] == 22


# --- GET /registrations/{id} ----------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_detail_per_persona(
    world: World, as_api: AsApi, registration: Registration, name: str
) -> None:
    response = as_api(name).get(f"/registrations/{registration.pk}")
    if name in OUTSIDE:
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        refused = events_about(registration, actor=world[name])
        assert [e.detail for e in refused] == ["Åtkomst nekad: utanför behörighet eller samtycke"]
        return
    assert response.status_code == 200
    body = response.json()
    assert body["can_write"] is (name in WRITERS)
    assert body["version"] == registration.version
    viewed = events_about(registration, action=AuditAction.VIEW, actor=world[name])
    assert [e.participant_ref for e in viewed] == [registration.person.pseudonym]


def test_detail_shows_identity_with_the_personnummer_masked(
    world: World, as_api: AsApi, registration: Registration
) -> None:
    registration.incomes.create(moment="fore", source="sjukpenning")
    registration.current_at_parties.set([world.fk])
    response = as_api("coach").get(f"/registrations/{registration.pk}")
    body = response.json()
    assert body["person"]["personnummer_masked"] == "19850312-XXXX"
    assert PNR not in response.content.decode()
    assert PNR[2:] not in response.content.decode()
    assert body["person"]["first_name"] == "Kim"
    assert body["intervention"] == "testinsatsen"
    assert body["baseline"]["incomes_before"] == ["sjukpenning"]
    assert body["baseline"]["current_at_parties"] == [
        {"id": world.fk.pk, "name": "Försäkringskassan"}
    ]
    assert body["consent"]["status"] == "active"
    assert body["exit"] is None


def test_detail_of_an_anonymous_person_has_no_identity(world: World, as_api: AsApi) -> None:
    person = Person.objects.create(
        forbund=world.forbund, is_anonymous=True, gender="man", birth_year=1990
    )
    registration = registration_for(world, person=person, consent=None)
    body = as_api("coach").get(f"/registrations/{registration.pk}").json()
    assert body["person"] | {"pseudonym": ""} == {
        "pseudonym": "",
        "anonymous": True,
        "name": None,
        "protected_identity": False,
        "first_name": None,
        "last_name": None,
        "personnummer_masked": None,
        "gender": "man",
        "birth_year": 1990,
        "home_municipality_code": "",
    }


@pytest.mark.parametrize(
    ("when", "seen"),
    [("before", False), ("during", True), ("withdrawn", False), ("expired", False)],
)
def test_handlaggare_sees_the_registration_only_while_consent_is_active(
    world: World, as_api: AsApi, registration: Registration, when: str, seen: bool
) -> None:
    consent = registration.consent
    assert consent is not None
    today = timezone.localdate()
    if when == "before":
        consent.valid_from = today + datetime.timedelta(days=5)
    elif when == "withdrawn":
        consent.withdrawn_on = today - datetime.timedelta(days=1)
    elif when == "expired":
        consent.valid_to = today - datetime.timedelta(days=1)
    consent.save()
    client = as_api("handlaggare")
    detail = client.get(f"/registrations/{registration.pk}")
    listed = client.get("/registrations").json()
    assert detail.status_code == (200 if seen else 404)
    assert listed["count"] == (1 if seen else 0)
    for path in ("plan", "activities", "follow-ups"):
        assert (
            client.get(f"/registrations/{registration.pk}/{path}").status_code == detail.status_code
        )
    if not seen:
        refused = events_about(registration, actor=world["handlaggare"])
        assert len(refused) == 4
        assert {e.detail for e in refused} == {"Åtkomst nekad: utanför behörighet eller samtycke"}


def test_unknown_and_malformed_ids(as_api: AsApi) -> None:
    client = as_api("coach")
    assert client.get("/registrations/999999").json() == NOT_FOUND
    assert field_errors(client.get("/registrations/abc")) == {"registration_id": "Ange ett heltal."}
    assert field_errors(client.get("/registrations/99999999999")) == {
        "registration_id": "Värdet är för stort."
    }


# --- POST /registrations --------------------------------------------------------------------


def _baseline(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "start_date": days(0).isoformat(),
        "coach": world["coach"].pk,
        "incomes_before": ["sjukpenning", "forsorjningsstod"],
        "occupation_before": "ingen",
        "education_level": "gymnasial",
        "months_outside_labour_market": 18,
        "current_at_parties": [world.kommun.pk, world.fk.pk],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_register_from_referral_per_persona(world: World, as_api: AsApi, name: str) -> None:
    add_phases(world.intervention)
    referral = referral_of(world, status="accepted")
    consent = consent_for(referral, parties=[world.kommun])
    body = {"referral": referral.pk, "consent_id": consent.pk, "baseline": _baseline(world)}
    response = as_api(name).post("/registrations", body)
    if name not in WRITERS:
        assert response.status_code == 404
        assert not Registration.objects.exists()
        return
    assert response.status_code == 201, response.content
    registration = Registration.objects.get()
    out = response.json()
    assert out["id"] == registration.pk
    assert out["person"]["name"] == referral.person.display_name
    assert out["current_phase"]["name"] == "Kartläggning"
    assert sorted(out["baseline"]["incomes_before"]) == ["forsorjningsstod", "sjukpenning"]
    assert registration.consent == consent
    created = events_about(registration, action=AuditAction.CREATE, actor=world[name])
    assert [e.detail for e in created] == ["Inskrivning skapad"]


def test_register_from_referral_without_consent_is_anonymous(world: World, as_api: AsApi) -> None:
    referral = referral_of(world, status="accepted")
    body = {"referral": referral.pk, "baseline": _baseline(world)}
    response = as_api("coach").post("/registrations", body)
    assert response.status_code == 201
    person = response.json()["person"]
    assert (person["anonymous"], person["name"], person["first_name"]) == (True, None, None)


def test_register_from_referral_rejects_bad_input(world: World, as_api: AsApi) -> None:
    referral = referral_of(world, status="accepted")
    other = referral_of(world, status="accepted")
    foreign_consent = consent_for(other, parties=[world.kommun])
    coach = as_api("coach")
    cases: list[tuple[dict[str, object], set[str]]] = [
        ({"intervention": "testinsatsen"}, {"intervention"}),
        ({"consent_id": foreign_consent.pk}, {"consent_id"}),
        ({"baseline": _baseline(world, coach=world["handlaggare"].pk)}, {"baseline.coach"}),
        ({"baseline": _baseline(world, incomes_before=[])}, {"baseline.incomes_before"}),
        (
            {"baseline": _baseline(world, current_at_parties=[world.other_party.pk])},
            {"baseline.current_at_parties"},
        ),
    ]
    for change, fields in cases:
        body = {"referral": referral.pk, "baseline": _baseline(world)} | change
        assert set(field_errors(coach.post("/registrations", body))) == fields, change
    assert not Registration.objects.exists()


def _direct(world: World, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "intervention": "testinsatsen",
        "person": {"personnummer": PNR_WOMAN, "first_name": "Maja", "last_name": "Prov"},
        "referring_party": world.kommun.pk,
        "reason": "Behöver samordnat stöd.",
        "consent": {"parties": [world.kommun.pk], "valid_from": days(0).isoformat()},
        "baseline": _baseline(world),
    }
    body.update(overrides)
    return body


def test_register_directly_with_consent(world: World, as_api: AsApi) -> None:
    response = as_api("insatsansvarig").post("/registrations", _direct(world))
    assert response.status_code == 201, response.content
    registration = Registration.objects.get()
    assert registration.consent is not None
    assert list(registration.consent.parties.all()) == [world.kommun]
    assert response.json()["person"]["first_name"] == "Maja"
    assert registration.referral is not None and registration.referral.status == "accepted"


def test_direct_registration_warns_until_acknowledged(world: World, as_api: AsApi) -> None:
    world.intervention.min_parties_current = 3
    world.intervention.save()
    client = as_api("coach")
    response = client.post("/registrations", _direct(world))
    assert response.status_code == 422
    body = response.json()
    assert body["warnings"] == [
        "Personen ska vara aktuell hos minst 3 parter för insatsen, men är aktuell hos 2."
    ]
    assert body["errors"][0]["field"] == "acknowledge_warnings"
    assert not Registration.objects.exists()
    assert (
        client.post("/registrations", _direct(world, acknowledge_warnings=True)).status_code == 201
    )


def test_direct_registration_reports_fields_by_their_body_names(
    world: World, as_api: AsApi
) -> None:
    client = as_api("coach")
    anonymous = {"identity": "anonym", "first_name": "Namn"}
    errors = field_errors(client.post("/registrations", _direct(world, person=anonymous)))
    assert set(errors) == {"person.personnummer", "person.gender", "person.birth_year"}
    errors = field_errors(
        client.post("/registrations", _direct(world, person={"personnummer": "19850315-0000"}))
    )
    assert errors == {"person.personnummer": "Kontrollsiffran stämmer inte."}
    errors = field_errors(client.post("/registrations", _direct(world, referring_party=None)))
    assert errors == {"referring_party": "Uppgiften saknas."}
    foreign = _direct(
        world, consent={"parties": [world.other_party.pk], "valid_from": "2026-01-01"}
    )
    assert set(field_errors(client.post("/registrations", foreign))) == {"consent.parties"}
    unknown = client.post("/registrations", _direct(world, intervention="annan-insats"))
    assert unknown.status_code == 404


def test_anonymous_direct_registration_stores_no_identity(world: World, as_api: AsApi) -> None:
    person = {"identity": "anonym", "gender": "kvinna", "birth_year": 1980}
    response = as_api("coach").post("/registrations", _direct(world, person=person, consent=None))
    assert response.status_code == 201
    stored = Registration.objects.get().person
    assert (stored.is_anonymous, stored.personnummer, stored.first_name) == (True, "", "")


# --- GET /interventions/{slug}/choices ------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_choices_per_persona(world: World, as_api: AsApi, name: str) -> None:
    add_phases(world.intervention)
    response = as_api(name).get("/interventions/testinsatsen/choices")
    if name in OUTSIDE:
        assert response.status_code == 404
        return
    body = response.json()
    assert [phase["name"] for phase in body["phases"]][:2] == ["Kartläggning", "Aktivitet"]
    assert {party["name"] for party in body["parties"]} >= {"Testby kommun", "Försäkringskassan"}
    if name == "handlaggare":
        assert body["referring_parties"] == [{"id": world.kommun.pk, "name": "Testby kommun"}]
        assert body["coaches"] == []
    else:
        assert world["coach"].pk in {coach["id"] for coach in body["coaches"]}


def test_choices_of_an_unknown_or_malformed_slug(as_api: AsApi) -> None:
    client = as_api("coach")
    assert client.get("/interventions/finns-inte/choices").json() == NOT_FOUND
    assert client.get("/interventions/annan-insats/choices").json() == NOT_FOUND
    assert set(field_errors(client.get("/interventions/a%00b/choices"))) == {"slug"}
