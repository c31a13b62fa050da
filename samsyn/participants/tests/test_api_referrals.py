"""The referrals API: create with eligibility warnings, the lists, the decision."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samsyn.audit.models import AuditAction
from samsyn.conftest import World
from samsyn.participants.models import Person, Referral
from samsyn.participants.tests.api_setup import (
    ALL_PERSONAS,
    NOT_FOUND,
    OUTSIDE,
    STALE,
    WRITERS,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    events,
    events_about,
    field_errors,
)
from samsyn.participants.tests.factories import PersonFactory
from samsyn.participants.tests.intake_setup import PNR_CHILD, PNR_WOMAN, referral_of
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]


def _referral_body(world: World, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "intervention": "testinsatsen",
        "referring_party": world.kommun.pk,
        "person": {"personnummer": PNR_WOMAN, "first_name": "Maja", "last_name": "Prov"},
        "reason": "Behöver samordnat stöd mot arbete.",
        "current_at_parties": [world.kommun.pk, world.fk.pk],
    }
    body.update(overrides)
    return body


# --- POST /referrals ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_create_per_persona(world: World, as_api: AsApi, name: str) -> None:
    response = as_api(name).post("/referrals", _referral_body(world))
    if name in OUTSIDE:
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
        assert not Referral.objects.exists()
        return
    assert response.status_code == 201, response.content
    referral = Referral.objects.get()
    body = response.json()
    assert (body["id"], body["status"], body["intervention"]) == (
        referral.pk,
        "pending",
        "testinsatsen",
    )
    assert body["person"]["name"] == "Maja Prov"
    assert body["referred_by"]["id"] == world[name].pk
    assert [p["id"] for p in body["current_at_parties"]] == sorted([world.kommun.pk, world.fk.pk])
    created = events_about(referral, action=AuditAction.CREATE)
    assert [(e.actor, e.detail) for e in created] == [(world[name], "Anvisning skapad")]


def test_warnings_must_be_acknowledged(world: World, as_api: AsApi) -> None:
    world.intervention.min_age = 18
    world.intervention.save()
    client = as_api("handlaggare")
    child = _referral_body(world, person={"personnummer": PNR_CHILD})
    response = client.post("/referrals", child)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Uppgifterna är inte giltiga."
    assert body["warnings"] == ["Personen är 16 år. Insatsen tar emot personer från 18 till 64 år."]
    assert [error["field"] for error in body["errors"]] == ["acknowledge_warnings"]
    assert not Referral.objects.exists()
    assert not Person.objects.exists()
    response = client.post("/referrals", child | {"acknowledge_warnings": True})
    assert response.status_code == 201
    assert response.json()["eligibility_warnings"] == body["warnings"]
    assert Referral.objects.get().warnings_acknowledged_by == world["handlaggare"]


def test_create_rejects_bad_input_in_swedish(world: World, as_api: AsApi) -> None:
    client = as_api("handlaggare")
    cases: list[tuple[dict[str, object], dict[str, str]]] = [
        (
            {"referring_party": world.fk.pk},
            {"referring_party": "Välj en part som du får anvisa för."},
        ),
        (
            {"referring_party": world.other_party.pk},
            {"referring_party": "Okänd part: välj bland förbundets parter."},
        ),
        ({"reason": "  "}, {"reason": "Beskriv varför personen anvisas."}),
        (
            {"person": {"identity": "anonym"}},
            {
                "person.gender": "Ange kön när personen skrivs in utan identitet.",
                "person.birth_year": "Ange födelseår när personen skrivs in utan identitet.",
            },
        ),
        ({"acknowledge_warning": True}, {"acknowledge_warning": "Fältet är okänt."}),
        ({"referred_on": "2026-13-01"}, {"referred_on": "Ange ett datum som ÅÅÅÅ-MM-DD."}),
    ]
    for change, expected in cases:
        assert field_errors(client.post("/referrals", _referral_body(world, **change))) == expected
    assert not Referral.objects.exists()


def test_unknown_intervention_is_not_found(world: World, as_api: AsApi) -> None:
    for slug in ("annan-insats", "finns-inte"):
        response = as_api("coach").post("/referrals", _referral_body(world, intervention=slug))
        assert response.status_code == 404


# --- GET /referrals -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_list_per_persona(world: World, as_api: AsApi, name: str) -> None:
    own = referral_of(world)  # by the handläggare, pending
    by_staff = referral_of(world, by="coach", party=world.fk)
    response = as_api(name).get("/referrals")
    if name in OUTSIDE:
        assert response.status_code == 404
        return
    ids = [item["id"] for item in response.json()["items"]]
    if name == "handlaggare":
        assert ids == [own.pk]
    else:
        assert ids == sorted([own.pk, by_staff.pk])
    # One view event per referral in the answer, naming its person and the referral.
    listed = events(action=AuditAction.VIEW, actor=world[name])
    shown = Referral.objects.filter(pk__in=ids).select_related("person")
    assert sorted((e.participant_ref, e.object_id) for e in listed) == sorted(
        (referral.person.pseudonym, str(referral.pk)) for referral in shown
    )


def test_list_filters(world: World, as_api: AsApi) -> None:
    pending = referral_of(world)
    declined = referral_of(world, status="declined")
    coach = as_api("coach")
    assert [i["id"] for i in coach.get("/referrals", status="pending").json()["items"]] == [
        pending.pk
    ]
    assert [i["id"] for i in coach.get("/referrals", status="declined").json()["items"]] == [
        declined.pk
    ]
    assert coach.get("/referrals", mine="true").json()["count"] == 0
    assert coach.get("/referrals", intervention="annan-insats").json()["count"] == 0
    assert field_errors(coach.get("/referrals", status="okand")) == {
        "status": "Välj ett av de tillåtna värdena."
    }


def test_list_has_constant_queries(
    world: World, as_api: AsApi, assert_query_count: QueryCount
) -> None:
    coach = as_api("coach")
    coach.get("/referrals")

    def add(count: int) -> None:
        for _ in range(count):
            referral = referral_of(world, person=PersonFactory(forbund=world.forbund))
            referral.current_at_parties.set([world.kommun, world.fk])

    add(2)
    with assert_query_count(11):
        assert coach.get("/referrals").json()["count"] == 2
    add(15)
    with assert_query_count(11):
        assert coach.get("/referrals").json()["count"] == 17


# --- POST /referrals/{id}/decision ----------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_decision_per_persona(world: World, as_api: AsApi, name: str) -> None:
    referral = referral_of(world)
    response = as_api(name).post(
        f"/referrals/{referral.pk}/decision", {"accept": True, "version": referral.version}
    )
    referral.refresh_from_db()
    if name in WRITERS:
        assert response.status_code == 200
        assert response.json()["status"] == "accepted"
        assert referral.status == "accepted"
        assert [e.detail for e in events_about(referral, action=AuditAction.UPDATE)] == [
            "Anvisning antagen"
        ]
        return
    assert referral.status == "pending"
    if name == "handlaggare":
        assert response.status_code == 403
        assert response.json() == {"detail": "Bara insatsens personal kan besluta om anvisningar."}
    else:
        assert response.status_code == 404
        refused = events_about(referral, actor=world[name])
        assert [e.detail for e in refused] == ["Åtkomst nekad: utanför behörighet eller samtycke"]


def test_decline_needs_a_reason(world: World, as_api: AsApi) -> None:
    referral = referral_of(world)
    url = f"/referrals/{referral.pk}/decision"
    coach = as_api("coach")
    body = {"accept": False, "version": referral.version}
    assert field_errors(coach.post(url, body)) == {"reason": "Ange varför anvisningen avböjs."}
    response = coach.post(url, body | {"reason": "Passar bättre i annan insats."})
    assert response.json()["decision_reason"] == "Passar bättre i annan insats."


def test_stale_and_repeated_decisions_are_conflicts(world: World, as_api: AsApi) -> None:
    referral = referral_of(world)
    url = f"/referrals/{referral.pk}/decision"
    coach = as_api("coach")
    stale = coach.post(url, {"accept": True, "version": referral.version + 1})
    assert stale.status_code == 409
    assert stale.json() == {"detail": STALE}
    referral.refresh_from_db()
    assert referral.status == "pending"
    assert coach.post(url, {"accept": True, "version": referral.version}).status_code == 200
    again = coach.post(url, {"accept": False, "reason": "x", "version": referral.version + 1})
    assert again.status_code == 409
    assert again.json() == {"detail": "Anvisningen är redan beslutad."}
