"""Issue #10 item 9: structured eligibility criteria (hard: refused), full municipality places
and a home outside the intervention's area (soft: warned and confirmable)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.core.models import PartyKind
from samsyn.interventions.models import Capacity, Intervention
from samsyn.participants.models import Person, Referral, Registration
from samsyn.participants.services.eligibility import (
    CriteriaFacts,
    EligibilityFacts,
    Places,
    eligibility_refusals,
    eligibility_warnings,
    places_by_municipality,
)
from samsyn.participants.services.persons import PersonDetails
from samsyn.participants.services.referrals import EligibilityNotAcknowledged, referral_create
from samsyn.participants.services.registration import (
    Baseline,
    DirectRegistration,
    registration_create_direct,
)
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory
from samsyn.participants.tests.intake_setup import PNR_WOMAN, days

DAY = datetime.date(2026, 6, 1)
HAGFORS, FORSHAGA, MUNKFORS, KARLSTAD = "1783", "1763", "1762", "1780"
FB_KINDS = {PartyKind.FORSAKRINGSKASSAN, PartyKind.ARBETSFORMEDLINGEN, PartyKind.KOMMUN}


def _intervention(**fields: object) -> Intervention:
    values: dict[str, object] = {"status": "pagaende", "min_age": 18, "max_age": 64}
    values.update(fields)
    return Intervention(**values)


def _facts(**fields: object) -> EligibilityFacts:
    values: dict[str, object] = {"on": DAY, "birth_year": 1990, "referring_kinds": FB_KINDS}
    values.update(fields)
    return EligibilityFacts(**values)  # type: ignore[arg-type]


# --- The rules themselves -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "field", "message"),
    [
        (
            "requires_lss_daily_activity",
            "has_lss_daily_activity",
            "Insatsen kräver ett LSS-beslut om daglig verksamhet.",
        ),
        (
            "requires_long_term_forsorjningsstod",
            "has_long_term_forsorjningsstod",
            "Insatsen kräver att personen har långvarigt försörjningsstöd.",
        ),
        (
            "requires_current_in_psychiatry",
            "current_in_psychiatry",
            "Insatsen kräver att personen är aktuell i psykiatrin.",
        ),
    ],
)
def test_a_structured_criterion_not_met_is_a_refusal(flag: str, field: str, message: str) -> None:
    intervention = _intervention(**{flag: True})
    assert eligibility_refusals(intervention=intervention, facts=_facts()) == {field: message}
    met = CriteriaFacts(
        lss_daily_activity=True, long_term_forsorjningsstod=True, current_in_psychiatry=True
    )
    assert eligibility_refusals(intervention=intervention, facts=_facts(criteria=met)) == {}


@pytest.mark.parametrize(
    ("sources", "refused"),
    [
        (("sjukpenning",), False),  # Försäkringskassan
        (("aktivitetsstod",), False),  # Arbetsförmedlingen
        (("forsorjningsstod",), False),  # the municipality
        (("habiliteringsersattning",), False),  # the municipality (LSS)
        (("lon",), True),
        (("a_kassa", "studiemedel"), True),
        (("a_kassa", "sjukersattning"), False),  # one source with a party is enough
        ((), True),
    ],
)
def test_seed_002_income_must_be_with_a_referring_party(
    sources: tuple[str, ...], refused: bool
) -> None:
    intervention = _intervention(requires_income_from_party=True)
    facts = _facts(criteria=CriteriaFacts(income_sources=sources))
    refusals = eligibility_refusals(intervention=intervention, facts=facts)
    assert ("income_sources" in refusals) is refused


def test_income_paid_by_a_party_the_forbund_lacks_is_refused() -> None:
    intervention = _intervention(requires_income_from_party=True)
    facts = _facts(
        criteria=CriteriaFacts(income_sources=("aktivitetsstod",)),
        referring_kinds={PartyKind.KOMMUN, PartyKind.REGION},
    )
    assert "income_sources" in eligibility_refusals(intervention=intervention, facts=facts)


def test_no_criteria_no_refusals() -> None:
    assert eligibility_refusals(intervention=_intervention(), facts=_facts()) == {}


REBUS = {
    HAGFORS: Places(places=17, occupied=17),
    FORSHAGA: Places(places=17, occupied=16),
    MUNKFORS: Places(places=6, occupied=2),
}


def test_seed_002_full_places_in_the_home_municipality_warn() -> None:
    warnings = eligibility_warnings(
        intervention=_intervention(),
        facts=_facts(home_municipality_code=HAGFORS, places=REBUS),
    )
    assert warnings == ["Platserna för Hagfors är fulla: 17 pågående deltagare på 17 platser."]
    for code in (FORSHAGA, MUNKFORS):
        facts = _facts(home_municipality_code=code, places=REBUS)
        assert eligibility_warnings(intervention=_intervention(), facts=facts) == []


def test_seed_003_a_home_outside_the_area_warns() -> None:
    warnings = eligibility_warnings(
        intervention=_intervention(),
        facts=_facts(home_municipality_code=KARLSTAD, places=REBUS),
    )
    assert warnings == [
        "Personen bor i Karlstad, utanför insatsens område (Forshaga, Hagfors, Munkfors)."
    ]


def test_without_places_or_a_known_home_nothing_is_warned() -> None:
    for facts in (
        _facts(home_municipality_code=KARLSTAD, places={}),
        _facts(home_municipality_code=KARLSTAD, places=None),
        _facts(home_municipality_code="", places=REBUS),
    ):
        assert eligibility_warnings(intervention=_intervention(), facts=facts) == []


# --- Counting places in the database --------------------------------------------------------


def test_places_count_ongoing_registrations_of_people_living_there(
    world: World, django_assert_num_queries: Callable
) -> None:
    intervention = world.intervention
    Capacity.objects.create(intervention=intervention, municipality_code=HAGFORS, places=2)
    Capacity.objects.create(intervention=intervention, municipality_code=MUNKFORS, places=6)
    for end_date, reason in ((None, ""), (None, ""), (days(-1), "fullfoljt")):
        person = PersonFactory(forbund=world.forbund, home_municipality_code=HAGFORS)
        RegistrationFactory(
            intervention=intervention, person=person, end_date=end_date, exit_reason=reason
        )
    elsewhere = PersonFactory(forbund=world.forbund, home_municipality_code=KARLSTAD)
    RegistrationFactory(intervention=intervention, person=elsewhere)
    with django_assert_num_queries(2):
        places = places_by_municipality(intervention=intervention)
    assert places == {
        HAGFORS: Places(places=2, occupied=2),
        MUNKFORS: Places(places=6, occupied=0),
    }


# --- Through the service ------------------------------------------------------------------


def _refer(world: World, **kwargs: object) -> Referral:
    values: dict[str, object] = {
        "actor": world["handlaggare"],
        "intervention": world.intervention,
        "referring_party": world.kommun,
        "person": PersonDetails(
            personnummer=None,
            gender="kvinna",
            birth_year=1990,
            anonymous=True,
            home_municipality_code=HAGFORS,
        ),
        "reason": "Behöver stöd.",
    }
    values.update(kwargs)
    return referral_create(**values)  # type: ignore[arg-type]


def test_a_refused_referral_saves_nothing(world: World) -> None:
    world.intervention.requires_lss_daily_activity = True
    world.intervention.requires_income_from_party = True
    world.intervention.save()
    with pytest.raises(ValidationError) as refused:
        _refer(world, criteria=CriteriaFacts(income_sources=("lon",)))
    assert set(refused.value.message_dict) == {"has_lss_daily_activity", "income_sources"}
    assert not Referral.objects.exists()
    assert not Person.objects.exists()
    referral = _refer(
        world,
        criteria=CriteriaFacts(
            lss_daily_activity=True, income_sources=("habiliteringsersattning",)
        ),
    )
    assert referral.has_lss_daily_activity
    assert referral.income_sources == ["habiliteringsersattning"]
    assert referral.eligibility_warnings == []


def test_full_places_warn_and_are_confirmable(world: World) -> None:
    Capacity.objects.create(intervention=world.intervention, municipality_code=HAGFORS, places=1)
    RegistrationFactory(
        intervention=world.intervention,
        person=PersonFactory(forbund=world.forbund, home_municipality_code=HAGFORS),
    )
    with pytest.raises(EligibilityNotAcknowledged) as warned:
        _refer(world)
    assert warned.value.warnings == [
        "Platserna för Hagfors är fulla: 1 pågående deltagare på 1 platser."
    ]
    assert Referral.objects.count() == 0
    referral = _refer(world, acknowledge_warnings=True)
    assert referral.eligibility_warnings == warned.value.warnings
    assert referral.warnings_acknowledged_by == world["handlaggare"]


def test_protected_identity_is_not_checked_against_the_area(world: World) -> None:
    Capacity.objects.create(intervention=world.intervention, municipality_code=MUNKFORS, places=6)
    details = PersonDetails(
        gender="kvinna", birth_year=1990, protected_identity=True, home_municipality_code=HAGFORS
    )
    assert _refer(world, person=details).eligibility_warnings == []


# --- Through the pages and the API --------------------------------------------------------


def _form(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "referring_party": world.kommun.pk,
        "team": "",
        "reason": "Behöver samordnat stöd mot arbete.",
        "current_at_parties": [world.kommun.pk],
        "referred_on": days(0).isoformat(),
        "identity": "personnummer",
        "personnummer": PNR_WOMAN,
        "first_name": "Kim",
        "last_name": "Testsson",
        "home_municipality_code": KARLSTAD,
    }
    data.update(overrides)
    return data


def test_the_referral_page_refuses_and_then_records_the_facts(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    world.intervention.requires_lss_daily_activity = True
    world.intervention.requires_income_from_party = True
    world.intervention.save()
    url = reverse("participants:referral_create", args=[world.intervention.pk])
    client = as_persona("handlaggare")
    page = client.get(url).content.decode()
    assert "Personen ska ha ett LSS-beslut om daglig verksamhet." in page
    response = client.post(url, _form(world, income_sources=["lon"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Insatsen kräver ett LSS-beslut om daglig verksamhet." in body
    assert "betalas inte av någon av dem" in body
    assert not Referral.objects.exists()
    response = client.post(
        url,
        _form(world, income_sources=["habiliteringsersattning"], has_lss_daily_activity="on"),
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.has_lss_daily_activity
    assert referral.income_sources == ["habiliteringsersattning"]


def test_the_area_warning_is_shown_on_the_page(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    Capacity.objects.create(intervention=world.intervention, municipality_code=HAGFORS, places=17)
    url = reverse("participants:referral_create", args=[world.intervention.pk])
    body = as_persona("handlaggare").post(url, _form(world)).content.decode()
    assert "Personen bor i Karlstad, utanför insatsens område (Hagfors)." in body
    assert not Referral.objects.exists()


def test_the_api_refuses_with_field_errors_and_returns_the_facts(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    world.intervention.requires_current_in_psychiatry = True
    world.intervention.save()
    client = as_persona("handlaggare")
    body: dict[str, object] = {
        "intervention": world.intervention.slug,
        "referring_party": world.kommun.pk,
        "reason": "Stöd mot arbete.",
        "person": {"identity": "anonym", "gender": "man", "birth_year": 1990},
    }
    response = client.post("/api/v1/referrals", body, content_type="application/json")
    assert response.status_code == 422
    assert "psykiatrin" in response.content.decode()
    assert not Referral.objects.exists()
    body["criteria"] = {"current_in_psychiatry": True}
    body["income_sources"] = ["sjukpenning"]
    response = client.post("/api/v1/referrals", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["current_in_psychiatry"] is True
    assert data["income_sources"] == ["sjukpenning"]


def test_direct_registration_uses_the_baseline_incomes(world: World) -> None:
    world.intervention.requires_income_from_party = True
    world.intervention.save()
    details = PersonDetails(gender="man", birth_year=1990, anonymous=True)
    entry = DirectRegistration(
        intervention=world.intervention,
        person=details,
        referring_party=world.kommun,
        reason="Direkt.",
        baseline=Baseline(start_date=days(0), incomes_before=["lon"], occupation_before="ingen"),
    )
    with pytest.raises(ValidationError) as refused:
        registration_create_direct(actor=world["insatsansvarig"], entry=entry)
    assert "income_sources" in refused.value.message_dict
    assert not Registration.objects.exists()


def test_the_referral_page_shows_the_stated_facts(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = _refer(
        world,
        criteria=CriteriaFacts(current_in_psychiatry=True, income_sources=("sjukpenning",)),
    )
    page = as_persona("coach").get(reverse("participants:referral_detail", args=[referral.pk]))
    assert "Sjukpenning/rehabiliteringspenning, Aktuell i psykiatrin" in page.content.decode()
