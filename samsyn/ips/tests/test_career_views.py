"""Career-profile pages: every persona, forms, stale edits, audit of reads, query count."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World, login_verified
from samsyn.ips.models import BenefitsCounselling, CareerProfile
from samsyn.ips.tests.career_setup import (
    OUTSIDE,
    READERS,
    WRITERS,
    career_for,
    other_coach,
)
from samsyn.participants.models import Registration
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
AsPersona = Callable[[str], Client]


@pytest.fixture
def registration(world: World) -> Registration:
    return career_for(world)


def page_url(registration: Registration) -> str:
    return reverse("ips:career_profile", args=[registration.pk])


def edit_url(registration: Registration) -> str:
    return reverse("ips:career_profile_edit", args=[registration.pk])


def counselling_url(registration: Registration) -> str:
    return reverse("ips:career_counselling_create", args=[registration.pk])


def profile_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "interests": "Matlagning",
        "ordinary_day": "Laga mat\nPromenad",
        "preferred_occupations": ["5120", "9412"],
        "preferred_industries": ["I"],
        "preferred_municipalities": ["1780"],
        "preferred_hours_per_week": "20",
        "disclosure": "Inget om hälsan",
        "version": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", WRITERS + READERS)
def test_page_for_those_who_see_the_participant(
    as_persona: AsPersona, registration: Registration, persona: str
) -> None:
    response = as_persona(persona).get(page_url(registration))
    assert response.status_code == 200
    assert "Karriärprofil" in response.content.decode()
    reads = AuditEvent.objects.filter(action="view", detail="Karriärprofil läst")
    assert reads.count() == 1
    assert reads.get().participant_ref == registration.person.pseudonym


@pytest.mark.parametrize("persona", OUTSIDE)
@pytest.mark.parametrize("view", ["page", "edit", "counselling"])
def test_404_for_everyone_else(
    as_persona: AsPersona, registration: Registration, persona: str, view: str
) -> None:
    url = {"page": page_url, "edit": edit_url, "counselling": counselling_url}[view](registration)
    assert as_persona(persona).get(url).status_code == 404
    if view != "page":  # the page itself only answers GET
        assert as_persona(persona).post(url, profile_form()).status_code == 404
    assert not AuditEvent.objects.filter(detail="Karriärprofil läst").exists()


def test_other_coach_without_shared_caseload(world: World, registration: Registration) -> None:
    client = login_verified(Client(), other_coach(world))
    assert client.get(page_url(registration)).status_code == 404
    assert client.post(edit_url(registration), profile_form()).status_code == 404


def test_anonymous_goes_to_login(registration: Registration) -> None:
    response = Client().get(page_url(registration))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def test_not_an_ips_intervention(world: World, as_persona: AsPersona) -> None:
    registration = career_for(world, methods=("resursinventering",))
    for url in (page_url(registration), edit_url(registration), counselling_url(registration)):
        assert as_persona("coach").get(url).status_code == 404


def test_handlaggare_reads_but_cannot_write(
    as_persona: AsPersona, registration: Registration
) -> None:
    client = as_persona("handlaggare")
    page = client.get(page_url(registration)).content.decode()
    assert "Fyll i karriärprofilen" not in page
    for url in (edit_url(registration), counselling_url(registration)):
        response = client.post(url, profile_form())
        assert response.status_code == 403
        assert "inte ändra" in response.content.decode()
    assert not CareerProfile.objects.exists()


def test_handlaggare_without_consent_gets_404(
    as_persona: AsPersona, registration: Registration
) -> None:
    consent = registration.consent
    assert consent is not None
    consent.withdrawn_on = datetime.date(2026, 3, 1)
    consent.save()
    assert as_persona("handlaggare").get(page_url(registration)).status_code == 404


@pytest.mark.parametrize("persona", WRITERS)
def test_fill_in_and_change_the_profile(
    as_persona: AsPersona, registration: Registration, persona: str
) -> None:
    client = as_persona(persona)
    form = client.get(edit_url(registration)).content.decode()
    assert "Vad är dina intressen?" in form
    assert "Beskriv var du är om 5 år" in form
    assert '<optgroup label="5 Service-, omsorgs- och försäljningsyrken">' in form
    response = client.post(edit_url(registration), profile_form())
    assert response.status_code == 302
    profile = CareerProfile.objects.get()
    assert profile.preferred_occupations == ["5120", "9412"]
    assert profile.preferred_hours_per_week == 20
    page = client.get(page_url(registration)).content.decode()
    assert "5120 Kockar och kallskänkor" in page
    assert "Karlstad" in page
    assert "I Hotell- och restaurangverksamhet" in page
    response = client.post(edit_url(registration), profile_form(interests="Ny", version="1"))
    assert response.status_code == 302
    assert CareerProfile.objects.get().interests == "Ny"


def test_stale_profile_edit_shows_both_versions(
    as_persona: AsPersona, registration: Registration, world: World
) -> None:
    as_persona("coach").post(edit_url(registration), profile_form())
    client = as_persona("insatsansvarig")
    client.get(edit_url(registration))
    per_read = AuditEvent.objects.filter(action="view").count()
    response = client.post(
        edit_url(registration),
        profile_form(interests="Sent", preferred_industries=["I", "C"], version=""),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Någon annan har sparat under tiden" in body
    assert "Ladda om sidan" not in body
    assert "Sent" in body and "Matlagning" in body
    assert (world["coach"].get_full_name() or world["coach"].username) in body
    assert 'name="version" value="1"' in body
    assert "Spara min version" in body
    # Showing the saved profile is a read, logged exactly as opening the form is.
    assert AuditEvent.objects.filter(action="view").count() == 2 * per_read
    assert CareerProfile.objects.get().interests == "Matlagning"
    saved = client.post(edit_url(registration), profile_form(interests="Sent", version="1"))
    assert saved.status_code == 302
    assert CareerProfile.objects.get().interests == "Sent"


@pytest.mark.parametrize("persona", READERS + OUTSIDE)
def test_stale_profile_edit_shows_nothing_to_who_may_not_change_it(
    as_persona: AsPersona, registration: Registration, persona: str
) -> None:
    as_persona("coach").post(edit_url(registration), profile_form())
    response = as_persona(persona).post(
        edit_url(registration), profile_form(interests="Sent", version="")
    )
    assert response.status_code in (403, 404)
    assert "Matlagning" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("preferred_occupations", ["9999"]),
        ("preferred_industries", ["Z"]),
        ("preferred_municipalities", ["0000"]),
        ("preferred_hours_per_week", "abc"),
        ("preferred_hours_per_week", "99"),
        ("version", "x"),
    ],
)
def test_garbage_is_a_message(
    as_persona: AsPersona, registration: Registration, field: str, value: object
) -> None:
    response = as_persona("coach").post(edit_url(registration), profile_form(**{field: value}))
    assert response.status_code == 200
    assert "Något behöver rättas" in response.content.decode()
    assert not CareerProfile.objects.exists()


def test_counselling_add_and_change(
    world: World, as_persona: AsPersona, registration: Registration
) -> None:
    client = as_persona("coach")
    response = client.post(
        counselling_url(registration),
        {"offered_on": "2026-03-02", "given_by": "Anna Ek", "note": "Om lönebidrag"},
    )
    assert response.status_code == 302
    record = BenefitsCounselling.objects.get()
    edit = reverse("ips:career_counselling_edit", args=[registration.pk, record.pk])
    assert client.get(edit).status_code == 200
    data = {
        "offered_on": "2026-03-02",
        "given_on": "2026-03-09",
        "given_by_party": str(world.fk.pk),
        "version": "1",
    }
    assert client.post(edit, data).status_code == 302
    assert BenefitsCounselling.objects.get().given_on == datetime.date(2026, 3, 9)
    stale = client.post(edit, {**data, "given_on": "2026-03-10"})
    stale_body = stale.content.decode()
    assert "Någon annan har sparat under tiden" in stale_body
    assert "2026-03-10" in stale_body and 'name="version" value="2"' in stale_body
    page = client.get(page_url(registration)).content.decode()
    assert "2026-03-09" in page
    assert "Försäkringskassan" in page


def test_counselling_bad_dates(as_persona: AsPersona, registration: Registration) -> None:
    client = as_persona("coach")
    for data in (
        {"offered_on": "2026-03-02", "given_on": "2026-03-01"},
        {"offered_on": "inte-ett-datum"},
        {"offered_on": "2999-01-01"},
    ):
        response = client.post(counselling_url(registration), data)
        assert response.status_code == 200
        assert "Något behöver rättas" in response.content.decode()
    assert not BenefitsCounselling.objects.exists()


def test_counselling_of_another_registration_is_404(
    world: World, as_persona: AsPersona, registration: Registration
) -> None:
    other = career_for(world)
    record = BenefitsCounselling.objects.create(
        registration=other, offered_on=datetime.date(2026, 3, 2)
    )
    url = reverse("ips:career_counselling_edit", args=[registration.pk, record.pk])
    assert as_persona("coach").get(url).status_code == 404


def test_page_queries_do_not_grow(
    as_persona: AsPersona,
    registration: Registration,
    assert_query_count: QueryCount,
) -> None:
    client = as_persona("coach")
    client.post(edit_url(registration), profile_form())
    for day in range(2, 4):
        BenefitsCounselling.objects.create(
            registration=registration, offered_on=datetime.date(2026, 3, day)
        )
    with assert_query_count(18):
        client.get(page_url(registration))
    for day in range(4, 24):
        BenefitsCounselling.objects.create(
            registration=registration, offered_on=datetime.date(2026, 3, day)
        )
    with assert_query_count(18):
        client.get(page_url(registration))
