"""Registration: from an accepted referral (with or without consent) and directly."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.participants.models import (
    Consent,
    Person,
    PhaseChange,
    Referral,
    Registration,
)
from samsyn.participants.tests.factories import ReferralFactory
from samsyn.participants.tests.intake_setup import (
    PNR_WOMAN,
    add_phases,
    consent_for,
    days,
    media_fixture,  # noqa: F401 - the media fixture
    referral_of,
    registered,
    upload,
)

ALL = ["admin", "insatsansvarig", "coach", "handlaggare", "styrgrupp", "granskare", "outsider"]
STAFF = {"insatsansvarig", "coach"}


def _register_url(referral: Referral) -> str:
    return reverse("participants:referral_register", args=[referral.pk])


def _baseline(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "start_date": days(0).isoformat(),
        "coach": world["coach"].pk,
        "incomes_before": ["sjukpenning", "forsorjningsstod"],
        "occupation_before": "ingen",
        "education_level": "gymnasial",
        "months_outside_labour_market": "18",
        "current_at_parties": [world.kommun.pk, world.fk.pk],
    }
    data.update(overrides)
    return data


def _accepted(world: World) -> Referral:
    return referral_of(world, status="accepted")


# --- From a referral ------------------------------------------------------------------------


def test_registration_from_referral_with_consent(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    phases = add_phases(world.intervention)
    referral = _accepted(world)
    consent = consent_for(referral, parties=[world.kommun])
    data = _baseline(world, consent=str(consent.pk))
    response = as_persona("insatsansvarig").post(_register_url(referral), data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.person, registration.referral) == (referral.person, referral)
    assert registration.consent == consent
    assert registration.coach == world["coach"]
    assert registration.referring_party == world.kommun
    assert registration.start_date == days(0)
    assert registration.next_follow_up_due == days(0) + datetime.timedelta(weeks=8)
    assert registration.occupation_before == "ingen"
    assert registration.education_level == "gymnasial"
    assert registration.months_outside_labour_market == 18
    assert set(registration.current_at_parties.all()) == {world.kommun, world.fk}
    incomes = set(registration.incomes.values_list("moment", "source"))
    assert incomes == {("fore", "sjukpenning"), ("fore", "forsorjningsstod")}
    assert registration.current_phase == phases[0]
    change = PhaseChange.objects.get()
    assert (change.phase, change.entered_on) == (phases[0], days(0))
    person = Person.objects.get()
    assert person.first_name == "Kim" and not person.is_anonymous
    event = AuditEvent.objects.get(object_type="participants.Registration", action="create")
    assert event.detail == "Inskrivning skapad"
    assert event.participant_ref == person.pseudonym


def test_follow_up_interval_comes_from_the_intervention(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    world.intervention.follow_up_interval_weeks = 4
    world.intervention.save()
    referral = _accepted(world)
    as_persona("coach").post(_register_url(referral), _baseline(world, consent="ingen"))
    registration = Registration.objects.get()
    assert registration.next_follow_up_due == days(0) + datetime.timedelta(weeks=4)
    assert registration.current_phase is None  # the intervention has no phases


def test_without_consent_the_identity_is_erased(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _accepted(world)
    response = as_persona("coach").post(_register_url(referral), _baseline(world, consent="ingen"))
    assert response.status_code == 302
    person = Registration.objects.get().person
    assert person.is_anonymous
    assert (person.personnummer, person.personnummer_index, person.first_name) == ("", "", "")
    assert (person.gender, person.birth_year) == ("kvinna", 1985)
    assert Person.objects.count() == 1
    event = AuditEvent.objects.get(object_type="participants.Registration")
    assert event.detail == "Inskrivning skapad, anonym (utan samtycke)"


def test_without_consent_a_person_known_elsewhere_keeps_that_identity(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _accepted(world)
    ReferralFactory(intervention=world.intervention, person=referral.person)
    as_persona("coach").post(_register_url(referral), _baseline(world, consent="ingen"))
    registration = Registration.objects.get()
    assert registration.person != referral.person
    assert registration.person.is_anonymous
    referral.refresh_from_db()
    assert referral.person == registration.person
    assert Person.objects.filter(is_anonymous=False).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"incomes_before": []}, "Välj minst en försörjning före insatsen."),
        ({"incomes_before": ["ingen", "lon"]}, "Ingen offentlig försörjning kan inte kombineras"),
        ({"incomes_before": ["bidrag"]}, "Okänd försörjning."),
        ({"start_date": "2024-12-31"}, "Startdatumet ligger före insatsens start (2025-01-01)."),
        ({"months_outside_labour_market": "-3"}, "Ange minst 0."),
        ({"current_at_parties": ["999999"]}, "Okänd part: välj bland förbundets parter."),
        ({"coach": "999999"}, "Välj en coach som arbetar i insatsen."),
        ({"consent": "999999"}, "alternativen i listan"),
    ],
)
def test_bad_baseline_changes_nothing(
    world: World, as_persona: Callable[[str], Client], overrides: dict, message: str
) -> None:
    referral = _accepted(world)
    data = _baseline(world, **{"consent": "ingen", **overrides})
    response = as_persona("insatsansvarig").post(_register_url(referral), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not Person.objects.get().is_anonymous


def test_coach_of_another_intervention_is_refused(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    stranger = UserFactory()
    MembershipFactory(
        user=stranger,
        forbund=world.forbund,
        role=Role.COACH,
        interventions=[world.other_intervention],
    )
    referral = _accepted(world)
    data = _baseline(world, consent="ingen", coach=stranger.pk)
    response = as_persona("insatsansvarig").post(_register_url(referral), data)
    assert "Välj en coach som arbetar i insatsen." in response.content.decode()


def test_a_withdrawn_consent_is_not_offered(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _accepted(world)
    consent = consent_for(referral, parties=[world.kommun], withdrawn_on=days(0))
    response = as_persona("coach").post(
        _register_url(referral), _baseline(world, consent=str(consent.pk))
    )
    assert "alternativen i listan" in response.content.decode()
    assert not Registration.objects.exists()


def test_one_ongoing_registration_per_person_and_intervention(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    first = _accepted(world)
    consent = consent_for(first, parties=[world.kommun])
    registered(first, consent=consent)
    second = ReferralFactory(
        intervention=world.intervention, person=first.person, status="accepted"
    )
    response = as_persona("insatsansvarig").post(
        _register_url(second), _baseline(world, consent=str(consent.pk))
    )
    assert "Personen har redan en pågående inskrivning i den här insatsen." in (
        response.content.decode()
    )
    assert Registration.objects.count() == 1


def test_a_pending_referral_must_be_accepted_first(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = referral_of(world)
    response = as_persona("coach").post(_register_url(referral), _baseline(world, consent="ingen"))
    assert response["Location"] == reverse("participants:referral_detail", args=[referral.pk])
    assert not Registration.objects.exists()


def test_a_registered_referral_leads_to_the_participant(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _accepted(world)
    registration = registered(referral, consent=None, coach=world["coach"])
    response = as_persona("coach").get(_register_url(referral))
    assert response.status_code == 302
    assert str(registration.pk) in response["Location"]


@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_who_may_register_from_a_referral(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    referral = _accepted(world)
    client = as_persona(persona)
    assert client.get(_register_url(referral)).status_code == (200 if persona in STAFF else 404)
    client.post(_register_url(referral), _baseline(world, consent="ingen"))
    assert Registration.objects.exists() == (persona in STAFF)


def test_htmx_registration_redirects_with_a_header(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _accepted(world)
    client = as_persona("coach")
    assert client.get(_register_url(referral), HTTP_HX_REQUEST="true").content.startswith(b"<form")
    response = client.post(
        _register_url(referral), _baseline(world, consent="ingen"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert str(Registration.objects.get().pk) in response["HX-Redirect"]


# --- Direct registration ------------------------------------------------------------------


def _direct_url(world: World) -> str:
    return reverse("participants:registration_create", args=[world.intervention.pk])


def _direct(world: World, **overrides: object) -> dict[str, object]:
    data = _baseline(world)
    data.update(
        {
            "referring_party": world.af.pk,
            "team": "",
            "reason": "Anmäld direkt i samverkansteamet.",
            "identity": "personnummer",
            "personnummer": PNR_WOMAN,
            "first_name": "Kim",
            "last_name": "Testsson",
            "gender": "",
            "birth_year": "",
            "home_municipality_code": "1780",
            "parties": [world.af.pk, world.kommun.pk],
            "valid_from": days(0).isoformat(),
            "valid_to": "",
            "document": upload(),
        }
    )
    data.update(overrides)
    return data


@pytest.mark.usefixtures("media")
def test_direct_registration_with_consent(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    add_phases(world.intervention)
    response = as_persona("coach").post(_direct_url(world), _direct(world))
    assert response.status_code == 302
    registration = Registration.objects.get()
    referral = registration.referral
    assert referral is not None
    assert (referral.status, referral.referring_party) == ("accepted", world.af)
    assert referral.decided_by == world["coach"]
    assert registration.consent == Consent.objects.get()
    assert registration.consent.document_type == "application/pdf"
    assert registration.person.personnummer == "198503152384"
    assert registration.current_phase is not None
    assert registration.current_phase.name == "Kartläggning"


@pytest.mark.usefixtures("media")
def test_direct_anonymous_registration_ignores_the_consent_section(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    data = _direct(
        world,
        identity="anonym",
        personnummer="",
        first_name="",
        last_name="",
        gender="man",
        birth_year="1975",
        parties=[],
        valid_from="",
        document="",
    )
    response = as_persona("insatsansvarig").post(_direct_url(world), data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.person.is_anonymous
    assert registration.consent is None
    assert not Consent.objects.exists()


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"personnummer": "850315-2385"}, "Kontrollsiffran stämmer inte."),
        ({"document": upload(b"inte en pdf")}, "Filen är inte en PDF, JPEG eller PNG."),
        ({"valid_to": days(-5).isoformat()}, "Slutdatumet kan inte vara före startdatumet."),
        ({"parties": [999999]}, "Okänd part: välj bland förbundets parter."),
        ({"referring_party": ""}, "Fyll i det här fältet."),
    ],
)
def test_bad_direct_registration_changes_nothing(
    world: World, as_persona: Callable[[str], Client], overrides: dict, message: str
) -> None:
    response = as_persona("coach").post(_direct_url(world), _direct(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not Referral.objects.exists()
    assert not Person.objects.exists()


@pytest.mark.usefixtures("media")
def test_direct_registration_warns_about_eligibility(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    world.intervention.max_age = 30
    world.intervention.save()
    client = as_persona("coach")
    response = client.post(_direct_url(world), _direct(world))
    assert "Personen är 41 år." in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(_direct_url(world), _direct(world, acknowledge_warnings="on"))
    assert response.status_code == 302
    referral = Registration.objects.get().referral
    assert referral is not None and referral.warnings_acknowledged_by == world["coach"]


@pytest.mark.usefixtures("media")
@pytest.mark.parametrize("persona", [*ALL, "nobody"])
def test_who_may_register_directly(
    world: World, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    assert client.get(_direct_url(world)).status_code == (200 if persona in STAFF else 404)
    start = client.get(reverse("participants:registration_create_start"))
    assert start.status_code == (302 if persona in STAFF else 404)
    client.post(_direct_url(world), _direct(world))
    assert Registration.objects.exists() == (persona in STAFF)


def test_anonymous_registration_must_be_chosen_on_purpose(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _accepted(world)
    client = as_persona("coach")
    page = client.get(_register_url(referral)).content.decode()
    assert "Registrera samtycke först" in page
    assert "checked" not in page.split('name="consent"')[1].split(">")[0]
    data = _baseline(world)
    response = client.post(_register_url(referral), data)
    assert "Välj ett samtycke eller att skriva in personen anonymt." in response.content.decode()
    assert not Registration.objects.exists()
    assert not Person.objects.get().is_anonymous
