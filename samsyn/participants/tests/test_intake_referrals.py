"""Referral pages: create (identified, anonymous, protected), eligibility warnings, lists,
decision, htmx behaviour and permissions for every persona."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, TeamFactory, UserFactory
from samsyn.participants.models import Person, Referral
from samsyn.participants.tests.intake_setup import (
    PNR_CHILD,
    PNR_MAN,
    PNR_WOMAN,
    days,
    referral_of,
)
from samsyn.testing.stale import assert_stale_panel, change_events

ALL = ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider"]
CAN_REFER = {"insatsansvarig", "coach", "handlaggare"}
STAFF = {"insatsansvarig", "coach"}
ACK = "Personen uppfyller inte alla villkor för insatsen"


def _create_url(world: World) -> str:
    return reverse("participants:referral_create", args=[world.intervention.pk])


def _data(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "referring_party": world.kommun.pk,
        "team": "",
        "reason": "Behöver samordnat stöd mot arbete.",
        "current_at_parties": [world.kommun.pk, world.fk.pk],
        "referred_on": days(0).isoformat(),
        "identity": "personnummer",
        "personnummer": PNR_WOMAN,
        "first_name": "Kim",
        "last_name": "Testsson",
        "gender": "",
        "birth_year": "",
        "home_municipality_code": "1780",
    }
    data.update(overrides)
    return data


# --- Create -------------------------------------------------------------------------------


def test_handlaggare_refers_a_person_by_personnummer(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    response = as_persona("handlaggare").post(_create_url(world), _data(world))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("participants:referral_detail", args=[referral.pk])
    person = referral.person
    assert person.personnummer == "198503152384"
    assert person.personnummer_index == personnummer_blind_index(parse_personnummer(PNR_WOMAN))
    assert (person.first_name, person.gender, person.birth_year) == ("Kim", "kvinna", 1985)
    assert person.home_municipality_code == "1780"
    assert referral.status == "pending"
    assert referral.referred_by == world["handlaggare"]
    assert set(referral.current_at_parties.all()) == {world.kommun, world.fk}
    assert referral.eligibility_warnings == []
    event = AuditEvent.objects.get(action="create", object_type="participants.Referral")
    assert event.participant_ref == person.pseudonym
    assert event.role == Role.HANDLAGGARE
    assert event.detail == "Anvisning skapad"


def test_the_same_personnummer_finds_the_same_person(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    client = as_persona("handlaggare")
    client.post(_create_url(world), _data(world, first_name="", last_name=""))
    client.post(_create_url(world), _data(world, personnummer="198503152384"))
    assert Referral.objects.count() == 2
    person = Person.objects.get()
    # Names missing the first time are filled in; nothing is duplicated.
    assert person.first_name == "Kim"


@pytest.mark.parametrize("mode", ["anonym", "skyddad"])
def test_anonymous_and_protected_referrals_store_no_identity(
    world: World, as_persona: Callable[[str], Client], mode: str
) -> None:
    data = _data(
        world,
        identity=mode,
        personnummer="",
        first_name="",
        last_name="",
        gender="man",
        birth_year="1990",
    )
    response = as_persona("handlaggare").post(_create_url(world), data)
    assert response.status_code == 302
    person = Referral.objects.get().person
    assert person.is_anonymous
    assert person.protected_identity == (mode == "skyddad")
    assert (person.personnummer, person.personnummer_index) == ("", "")
    assert (person.first_name, person.last_name) == ("", "")
    assert (person.gender, person.birth_year) == ("man", 1990)
    # Where someone with protected identity lives is itself protected.
    assert person.home_municipality_code == ("" if mode == "skyddad" else "1780")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"personnummer": "19850315-2385"}, "Kontrollsiffran stämmer inte."),
        ({"personnummer": "12345"}, "Ange personnumret med 10 eller 12 siffror"),
        ({"personnummer": "19851315-2384"}, "Datumet finns inte."),
        ({"personnummer": ""}, "Ange personnummer eller samordningsnummer"),
        (
            {"identity": "anonym", "first_name": "", "last_name": ""},
            "Lämna personnummer och namn tomma",
        ),
        (
            {"identity": "anonym", "personnummer": "", "first_name": "", "last_name": ""},
            "Ange kön när personen skrivs in utan identitet.",
        ),
        ({"current_at_parties": ["999999"]}, "Okänd part: välj bland förbundets parter."),
        ({"referring_party": "999999"}, "Okänd part: välj bland förbundets parter."),
        ({"reason": ""}, "Fyll i det här fältet."),
        ({"referred_on": days(3).isoformat()}, "Anvisningsdatumet kan inte ligga i framtiden."),
        ({"referred_on": "igår"}, "Ange datumet som ÅÅÅÅ-MM-DD."),
        ({"home_municipality_code": "9999"}, "Välj ett av alternativen i listan."),
        ({"team": "999999"}, "Okänt team"),
    ],
)
def test_bad_input_gets_a_swedish_message_and_saves_nothing(
    world: World, as_persona: Callable[[str], Client], overrides: dict, message: str
) -> None:
    response = as_persona("handlaggare").post(_create_url(world), _data(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Referral.objects.exists()
    assert not Person.objects.exists()


def test_party_of_another_forbund_is_unknown(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    data = _data(world, current_at_parties=[world.other_party.pk])
    response = as_persona("insatsansvarig").post(_create_url(world), data)
    assert "Okänd part: välj bland förbundets parter." in response.content.decode()
    assert not Referral.objects.exists()


def test_handlaggare_cannot_refer_for_another_party(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    response = as_persona("handlaggare").post(
        _create_url(world), _data(world, referring_party=world.fk.pk)
    )
    assert "Okänd part" in response.content.decode()
    assert not Referral.objects.exists()


def test_staff_refers_on_a_teams_behalf(world: World, as_persona: Callable[[str], Client]) -> None:
    team = TeamFactory(forbund=world.forbund, name="Trisam Testby")
    data = _data(world, referring_party=world.fk.pk, team=team.pk)
    response = as_persona("coach").post(_create_url(world), data)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.referring_party, referral.team) == (world.fk, team)
    assert referral.referred_by == world["coach"]


# --- Eligibility ------------------------------------------------------------------------


def test_eligibility_warnings_must_be_acknowledged(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    world.intervention.min_parties_current = 3
    world.intervention.last_intake_date = days(-1)
    world.intervention.exclusions = "Pågående missbruk."
    world.intervention.save()
    client = as_persona("handlaggare")
    page = client.get(_create_url(world)).content.decode()
    assert "Pågående missbruk." in page
    response = client.post(_create_url(world), _data(world, personnummer=PNR_CHILD))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Personen är 16 år" not in body  # born 2010: 16 this year, inside the range
    assert "Sista intagsdag för insatsen var" in body
    assert "minst 3 parter" in body
    assert ACK in body
    assert not Referral.objects.exists()
    response = client.post(
        _create_url(world), _data(world, personnummer=PNR_CHILD, acknowledge_warnings="on")
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert len(referral.eligibility_warnings) == 2
    assert referral.warnings_acknowledged_by == world["handlaggare"]


def test_age_outside_the_range_warns(world: World, as_persona: Callable[[str], Client]) -> None:
    world.intervention.min_age = 45
    world.intervention.save()
    response = as_persona("handlaggare").post(_create_url(world), _data(world))
    body = response.content.decode()
    assert "Insatsen tar emot personer från 45 till 64 år." in body
    assert not Referral.objects.exists()


# --- Permissions and htmx -------------------------------------------------------------------


@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_who_may_open_the_referral_form(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    response = client.get(_create_url(world))
    assert response.status_code == (200 if persona in CAN_REFER else 404)
    start = client.get(reverse("participants:referral_create_start"))
    assert start.status_code == (302 if persona in CAN_REFER else 200)
    response = client.post(_create_url(world), _data(world))
    assert Referral.objects.exists() == (persona in CAN_REFER)


def test_referral_to_another_forbunds_intervention_is_404(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    url = reverse("participants:referral_create", args=[world.other_intervention.pk])
    assert as_persona("handlaggare").get(url).status_code == 404


def test_htmx_gets_the_fragment_and_a_redirect_header(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    client = as_persona("handlaggare")
    fragment = client.get(_create_url(world), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith("<form")
    assert "<html" not in fragment
    response = client.post(_create_url(world), _data(world), HTTP_HX_REQUEST="true")
    referral = Referral.objects.get()
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("participants:referral_detail", args=[referral.pk])
    invalid = client.post(_create_url(world), _data(world, reason=""), HTTP_HX_REQUEST="true")
    assert invalid.status_code == 200
    assert invalid.content.decode().startswith("<form")


# --- Lists ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_who_sees_the_referral_list(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    referral_of(world)
    response = as_persona(persona).get(reverse("participants:referral_list"))
    if persona in STAFF:
        assert response.status_code == 200
        assert "Kim Testsson" in response.content.decode()
    elif persona == "handlaggare":
        assert response["Location"] == reverse("participants:referral_mine")
    else:
        assert response.status_code == 404


def test_referral_list_filters_by_status(world: World, as_persona: Callable[[str], Client]) -> None:
    referral_of(world, person__first_name="Vilma")
    referral_of(world, status="declined", person__first_name="Alfons")
    client = as_persona("insatsansvarig")
    pending = client.get(reverse("participants:referral_list")).content.decode()
    assert "Vilma" in pending and "Alfons" not in pending
    everything = client.get(reverse("participants:referral_list") + "?status=").content.decode()
    assert "Vilma" in everything and "Alfons" in everything


def test_mina_remisser_lists_own_referrals_with_status(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral_of(world, status="declined", decision_reason="Passar bättre i annan insats.")
    colleague = UserFactory()
    MembershipFactory(user=colleague, forbund=world.forbund, role=Role.HANDLAGGARE, party=world.fk)
    referral_of(world, party=world.fk, person__first_name="Annans", referred_by=colleague)
    body = as_persona("handlaggare").get(reverse("participants:referral_mine")).content.decode()
    assert "Avböjd" in body
    assert "Passar bättre i annan insats." in body
    assert "Annans" not in body


@pytest.mark.parametrize("persona", ["admin", "styrgrupp", "granskare", "outsider", "nobody"])
def test_mina_remisser_is_404_for_roles_that_do_not_refer(
    as_persona: Callable[[str], Client], persona: str
) -> None:
    assert as_persona(persona).get(reverse("participants:referral_mine")).status_code == 404


def test_lists_keep_a_constant_number_of_queries(
    world: World, as_persona: Callable[[str], Client], assert_query_count
) -> None:
    client = as_persona("insatsansvarig")
    mine = as_persona("handlaggare")
    for _ in range(3):
        referral_of(world)
    with assert_query_count(14):
        client.get(reverse("participants:referral_list"))
    with assert_query_count(14):
        mine.get(reverse("participants:referral_mine"))
    for _ in range(20):
        referral_of(world)
    with assert_query_count(14):
        client.get(reverse("participants:referral_list"))
    with assert_query_count(14):
        mine.get(reverse("participants:referral_mine"))


# --- Decision ---------------------------------------------------------------------------


def _decide(referral: Referral, **data: object) -> tuple[str, dict[str, object]]:
    payload: dict[str, object] = {"decision": "accept", "decision_reason": "", "version": 1}
    payload.update(data)
    payload["version"] = data.get("version", referral.version)
    return reverse("participants:referral_decide", args=[referral.pk]), payload


@pytest.mark.parametrize("persona", sorted(STAFF))
def test_staff_accepts_and_is_sent_to_registration(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    referral = referral_of(world)
    url, data = _decide(referral)
    response = as_persona(persona).post(url, data)
    assert response["Location"] == reverse("participants:referral_register", args=[referral.pk])
    referral.refresh_from_db()
    assert (referral.status, referral.decided_by) == ("accepted", world[persona])
    assert referral.decided_on == days(0)
    assert AuditEvent.objects.filter(
        detail="Anvisning antagen", object_id=str(referral.pk)
    ).exists()


def test_decline_needs_a_reason(world: World, as_persona: Callable[[str], Client]) -> None:
    referral = referral_of(world)
    client = as_persona("insatsansvarig")
    url, data = _decide(referral, decision="decline")
    response = client.post(url, data)
    assert "Ange varför anvisningen avböjs." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "pending"
    url, data = _decide(referral, decision="decline", decision_reason="Uppfyller inte villkoren.")
    client.post(url, data)
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == ("declined", "Uppfyller inte villkoren.")


def test_stale_decision_shows_the_saved_version(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    """A referral changed after the form was opened (here: its version moved on, as when
    it is moved to an anonymous person): the reason typed is kept beside the saved one."""
    referral = referral_of(world)
    Referral.objects.filter(pk=referral.pk).update(version=5)
    url, data = _decide(referral, version=1, decision="decline", decision_reason="Min grund")
    client = as_persona("coach")
    client.get(url)
    views = AuditEvent.objects.filter(action="view").count()
    changes = change_events()
    response = client.post(url, data)
    assert_stale_panel(
        response, field="decision_reason", mine="Min grund", theirs=None, saver_name=None, version=5
    )
    # Showing the saved referral is a read, logged as opening the form is.
    assert AuditEvent.objects.filter(action="view").count() == 2 * views
    assert change_events() == changes
    referral.refresh_from_db()
    assert referral.status == "pending"
    assert client.post(url, {**data, "version": 5}).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == ("declined", "Min grund")


def test_decision_after_another_decision_says_so(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    """Decided by someone else meanwhile: nothing is left to compare; the message stays."""
    referral = referral_of(world)
    url, data = _decide(referral)
    assert as_persona("insatsansvarig").post(url, data).status_code == 302
    response = as_persona("coach").post(url, data, follow=True)
    assert "Anvisningen är redan beslutad." in response.content.decode()
    assert "Någon annan har sparat under tiden" not in response.content.decode()


def test_a_decided_referral_is_not_decided_again(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = referral_of(world, status="declined")
    url, data = _decide(referral)
    response = as_persona("coach").post(url, data)
    assert response["Location"] == reverse("participants:referral_detail", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == "declined"


@pytest.mark.parametrize("persona", ["handlaggare", "admin", "styrgrupp", "granskare", "outsider"])
def test_others_cannot_decide(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    referral = referral_of(world)
    url, data = _decide(referral)
    assert as_persona(persona).get(url).status_code == 404
    assert as_persona(persona).post(url, data).status_code == 404
    referral.refresh_from_db()
    assert referral.status == "pending"


@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_referral_detail_per_persona(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    referral = referral_of(world)
    response = as_persona(persona).get(reverse("participants:referral_detail", args=[referral.pk]))
    visible = persona in CAN_REFER
    assert response.status_code == (200 if visible else 404)
    if visible:
        body = response.content.decode()
        assert "Kim" in body
        assert ("Spara beslut" in body) == (persona in STAFF)


def test_referral_of_a_man_uses_the_personnummer_gender(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    as_persona("handlaggare").post(
        _create_url(world), _data(world, personnummer=PNR_MAN, gender="kvinna")
    )
    assert Person.objects.get().gender == "man"


def test_start_page_links_to_the_referrals(as_persona: Callable[[str], Client]) -> None:
    handlaggare = as_persona("handlaggare").get(reverse("core:start")).content.decode()
    assert reverse("participants:referral_mine") in handlaggare
    assert reverse("participants:referral_create_start") in handlaggare
    coach = as_persona("coach").get(reverse("core:start")).content.decode()
    assert reverse("participants:referral_list") in coach


def test_staff_see_consents_and_the_way_to_register(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    from samsyn.participants.tests.intake_setup import consent_for

    referral = referral_of(world, status="accepted")
    consent = consent_for(referral, parties=[world.kommun, world.fk])
    url = reverse("participants:referral_detail", args=[referral.pk])
    body = as_persona("coach").get(url).content.decode()
    assert "Testby kommun, Försäkringskassan" in body or "Försäkringskassan, Testby kommun" in body
    assert reverse("participants:consent_withdraw", args=[consent.pk]) in body
    assert reverse("participants:referral_register", args=[referral.pk]) in body
    handlaggare = as_persona("handlaggare").get(url).content.decode()
    assert reverse("participants:consent_withdraw", args=[consent.pk]) not in handlaggare
    assert reverse("participants:referral_register", args=[referral.pk]) not in handlaggare


def test_referral_list_pages_keep_the_filter(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    for _ in range(51):
        referral_of(world)
    client = as_persona("coach")
    first = client.get(reverse("participants:referral_list")).content.decode()
    assert "?status=pending&amp;insats=&amp;sida=2" in first
    second = client.get(reverse("participants:referral_list") + "?status=pending&sida=2")
    assert second.content.decode().count('<th scope="row">') == 1
