"""The employer API under /api/v1/ips/: scope (404), Swedish 422s, 409 on a stale version."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from samsyn.conftest import World
from samsyn.ips.models import Employer, EmployerContact
from samsyn.ips.tests.employer_setup import ips_world, make_employer, orgnr
from samsyn.participants.tests.api_setup import ApiClient, as_api_fixture, field_errors

__all__ = ["as_api_fixture", "ips_world"]
pytestmark = pytest.mark.django_db
BODY = {
    "name": "Verkstan AB",
    "sni_section": "C",
    "municipality_code": "1780",
    "added_on": "2025-01-10",
}


@pytest.mark.parametrize("persona", ["admin", "insatsansvarig", "coach"])
def test_staff_list_and_get(
    ips_world: World, as_api: Callable[[str], ApiClient], persona: str
) -> None:
    employer = make_employer(ips_world)
    api = as_api(persona)
    assert [row["id"] for row in api.get("/ips/employers").json()] == [employer.pk]
    assert api.get(f"/ips/employers/{employer.pk}").json()["name"] == employer.name
    assert api.get(f"/ips/employers/{employer.pk}/contacts").status_code == 200


@pytest.mark.parametrize("persona", ["handlaggare", "styrgrupp", "granskare", "outsider", "nobody"])
def test_others_404(ips_world: World, as_api: Callable[[str], ApiClient], persona: str) -> None:
    employer = make_employer(ips_world)
    api = as_api(persona)
    assert api.get(f"/ips/employers/{employer.pk}").status_code == 404
    assert api.get(f"/ips/employers/{employer.pk}/contacts").status_code == 404
    body = {**BODY, "organisationsnummer": orgnr(5), "version": 1}
    assert api.put(f"/ips/employers/{employer.pk}", body).status_code == 404
    if persona != "outsider":
        assert api.get("/ips/employers").status_code == 404


def test_create_update_and_errors(ips_world: World, as_api: Callable[[str], ApiClient]) -> None:
    api = as_api("coach")
    created = api.post("/ips/employers", {**BODY, "organisationsnummer": orgnr(5)})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    duplicate = api.post("/ips/employers", {**BODY, "organisationsnummer": orgnr(5)})
    assert "finns redan" in field_errors(duplicate)["organisationsnummer"]
    bad = api.post("/ips/employers", {**BODY, "organisationsnummer": "nej"})
    assert field_errors(bad)["organisationsnummer"].startswith("Ange organisationsnumret")
    update = {**BODY, "organisationsnummer": orgnr(5), "name": "Nya Verkstan AB", "version": 1}
    assert api.put(f"/ips/employers/{pk}", update).json()["version"] == 2
    assert api.put(f"/ips/employers/{pk}", update).status_code == 409
    assert Employer.objects.count() == 1


def test_contacts_create(ips_world: World, as_api: Callable[[str], ApiClient]) -> None:
    employer = make_employer(ips_world)
    api = as_api("coach")
    body = {
        "intervention": ips_world.intervention.pk,
        "contacted_on": "2025-03-03",
        "kind": "besok",
        "purpose": "Besök",
    }
    assert api.post(f"/ips/employers/{employer.pk}/contacts", body).status_code == 201
    bad = api.post(f"/ips/employers/{employer.pk}/contacts", {**body, "kind": "brev"})
    assert "kind" in field_errors(bad)
    assert EmployerContact.objects.count() == 1
    assert (
        as_api("handlaggare").post(f"/ips/employers/{employer.pk}/contacts", body).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("coach", 200),
        ("styrgrupp", 200),
        ("handlaggare", 404),
        ("granskare", 404),
        ("outsider", 404),
    ],
)
def test_job_development(
    ips_world: World, as_api: Callable[[str], ApiClient], persona: str, status: int
) -> None:
    response = as_api(persona).get("/ips/job-development", intervention=ips_world.intervention.pk)
    assert response.status_code == status
    if status == 200:
        assert response.json()["target_per_week"] == 6


def test_job_development_bad_dates(ips_world: World, as_api: Callable[[str], ApiClient]) -> None:
    api = as_api("coach")
    reversed_period = api.get(
        "/ips/job-development",
        intervention=ips_world.intervention.pk,
        start="2025-05-01",
        end="2025-01-01",
    )
    assert reversed_period.status_code == 422
    garbage = api.get("/ips/job-development", intervention=ips_world.intervention.pk, start="x")
    assert garbage.status_code == 422
