"""Career profile and benefits counselling in the API: personas, 404/403/409/422, audit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.services.api_tokens import api_token_create
from samsyn.ips.models import BenefitsCounselling, CareerProfile
from samsyn.ips.tests.career_setup import (
    OUTSIDE,
    WRITERS,
    career_for,
    other_coach,
    profile_payload,
)
from samsyn.participants.models import Registration
from samsyn.participants.tests.api_setup import (
    NOT_FOUND,
    READ_ONLY,
    STALE,
    ApiClient,
    as_api_fixture,  # noqa: F401 - the as_api fixture
    field_errors,
)

pytestmark = pytest.mark.django_db
AsApi = Callable[[str], ApiClient]


@pytest.fixture
def registration(world: World) -> Registration:
    return career_for(world)


def profile_path(registration: Registration) -> str:
    return f"/ips/registrations/{registration.pk}/career-profile"


def counselling_path(registration: Registration) -> str:
    return f"/ips/registrations/{registration.pk}/benefits-counselling"


@pytest.mark.parametrize("persona", WRITERS)
def test_writers_put_and_get(as_api: AsApi, registration: Registration, persona: str) -> None:
    client = as_api(persona)
    empty = client.get(profile_path(registration)).json()
    assert empty["version"] is None
    response = client.put(profile_path(registration), profile_payload())
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1
    assert body["preferred_occupations"][0] == {"code": "5120", "label": "Kockar och kallskänkor"}
    assert body["preferred_municipalities"] == [{"code": "1780", "label": "Karlstad"}]
    response = client.put(profile_path(registration), profile_payload(version=1, strengths="Lugn"))
    assert response.json()["version"] == 2
    assert CareerProfile.objects.get().strengths == "Lugn"
    reads = AuditEvent.objects.filter(action="view", detail="Karriärprofil läst (API)")
    assert reads.count() == 1


def test_handlaggare_reads_but_gets_403_on_write(
    as_api: AsApi, world: World, registration: Registration
) -> None:
    as_api("coach").put(profile_path(registration), profile_payload())
    client = as_api("handlaggare")
    assert client.get(profile_path(registration)).json()["interests"] == "Matlagning och musik"
    assert client.get(counselling_path(registration)).status_code == 200
    response = client.put(profile_path(registration), profile_payload(version=1))
    assert (response.status_code, response.json()["detail"]) == (403, READ_ONLY)
    response = client.post(counselling_path(registration), {"offered_on": "2026-03-02"})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", OUTSIDE)
def test_everyone_else_gets_404(as_api: AsApi, registration: Registration, persona: str) -> None:
    client = as_api(persona)
    for path in (profile_path(registration), counselling_path(registration)):
        response = client.get(path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert client.put(profile_path(registration), profile_payload()).status_code == 404
    response = client.post(counselling_path(registration), {"offered_on": "2026-03-02"})
    assert response.status_code == 404
    assert not CareerProfile.objects.exists()


def test_other_coach_gets_404(world: World, registration: Registration) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = other_coach(world)
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    _token, raw = api_token_create(user=user, name="test")
    assert ApiClient(raw).get(profile_path(registration)).status_code == 404


def test_non_ips_intervention_is_404(as_api: AsApi, world: World) -> None:
    registration = career_for(world, methods=("mi_stegforflyttning",))
    assert as_api("coach").get(profile_path(registration)).status_code == 404
    assert as_api("coach").put(profile_path(registration), profile_payload()).status_code == 404


def test_stale_version_is_409(as_api: AsApi, registration: Registration) -> None:
    client = as_api("coach")
    client.put(profile_path(registration), profile_payload())
    response = client.put(profile_path(registration), profile_payload(interests="Sent"))
    assert (response.status_code, response.json()["detail"]) == (409, STALE)
    assert CareerProfile.objects.get().interests == "Matlagning och musik"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("preferred_occupations", ["9999"], "Okänd yrkeskod: 9999"),
        ("preferred_industries", ["Å"], "Okänd bransch"),
        ("preferred_municipalities", ["12"], "Okänd kommunkod"),
        ("preferred_hours_per_week", 0, "Värdet är för litet."),
        ("preferred_occupations", "5120", "Ange en lista."),
        ("unknown", 1, "Fältet är okänt."),
    ],
)
def test_bad_profile_is_422_in_swedish(
    as_api: AsApi, registration: Registration, field: str, value: object, message: str
) -> None:
    response = as_api("coach").put(profile_path(registration), profile_payload(**{field: value}))
    assert message in field_errors(response)[field]
    assert not CareerProfile.objects.exists()


def test_counselling_list_and_create(
    as_api: AsApi, world: World, registration: Registration
) -> None:
    client = as_api("coach")
    body = {
        "offered_on": "2026-03-02",
        "given_on": "2026-03-05",
        "given_by": "Anna Ek",
        "given_by_party": world.fk.pk,
        "note": "Aktivitetsersättning",
    }
    response = client.post(counselling_path(registration), body)
    assert response.status_code == 201, response.content
    assert response.json()["given_by_party_name"] == "Försäkringskassan"
    listed = client.get(counselling_path(registration)).json()
    assert [item["given_on"] for item in listed] == ["2026-03-05"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"offered_on": "2026-03-02", "given_on": "2026-03-01"}, "given_on"),
        ({"offered_on": "2999-03-02"}, "offered_on"),
        ({"offered_on": "inte"}, "offered_on"),
        ({"offered_on": "2026-03-02", "given_by_party": 999999}, "given_by_party"),
        ({}, "offered_on"),
    ],
)
def test_bad_counselling_is_422(
    as_api: AsApi, registration: Registration, body: dict[str, object], field: str
) -> None:
    response = as_api("coach").post(counselling_path(registration), body)
    assert field in field_errors(response)
    assert not BenefitsCounselling.objects.exists()


def test_other_forbunds_party_is_422(
    as_api: AsApi, world: World, registration: Registration
) -> None:
    body = {"offered_on": "2026-03-02", "given_by_party": world.other_party.pk}
    response = as_api("coach").post(counselling_path(registration), body)
    assert "given_by_party" in field_errors(response)


def test_ssyk_search(as_api: AsApi) -> None:
    response = as_api("coach").get("/ips/ssyk", q="kock")
    assert response.json()[0] == {"code": "5120", "label": "Kockar och kallskänkor"}
    assert as_api("coach").get("/ips/ssyk", limit="x").status_code == 422
