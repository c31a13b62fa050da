"""The claims and utilisation API: the whole path, who may do what, bad input (422 in
Swedish, nothing changed), a stale version (409)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.tests.claims_setup import claim_row, cost, grant
from samsyn.conftest import World
from samsyn.participants.tests.api_setup import ApiClient, as_api_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
Api = Callable[[str], ApiClient]
CLAIMS = "/applications/claims"


@pytest.fixture
def funded(world: World) -> World:
    grant(world.intervention, "50000")
    for month in (1, 2, 3):
        cost(world.intervention, month, "20000")
    return world


def _body(funded: World, amount: str = "40000") -> dict:
    return {
        "intervention_id": funded.intervention.pk,
        "period_from": "2026-01-01",
        "period_to": "2026-03-31",
        "claimed_amount": amount,
    }


def test_claim_submit_decide_pay_through_the_api(funded: World, as_api: Api) -> None:
    owner, admin = as_api("insatsansvarig"), as_api("admin")
    created = owner.post(CLAIMS, _body(funded))
    assert created.status_code == 201, created.json()
    claim = created.json()
    assert claim["cost_basis"] == "60000.00" and claim["status"] == "utkast"
    path = f"{CLAIMS}/{claim['id']}"
    assert owner.post(f"{path}/submit", {"version": 1}).json()["status"] == "inskickad"
    assert owner.post(f"{path}/decision", {"version": 2, "outcome": "godkand"}).status_code == 403
    decided = admin.post(f"{path}/decision", {"version": 2, "outcome": "godkand"})
    assert decided.json()["approved_amount"] == "40000.00"
    paid = admin.post(
        f"{path}/payment",
        {"version": 3, "paid_amount": "40000", "paid_on": decided.json()["decided_on"]},
    )
    assert paid.json()["status"] == ClaimStatus.PAID
    rows = as_api("styrgrupp").get("/applications/utilisation").json()
    assert rows == [
        {
            "intervention_id": funded.intervention.pk,
            "intervention": "Testinsatsen",
            "year": 2026,
            "granted": "50000.00",
            "claimed": "40000.00",
            "approved": "40000.00",
            "paid": "40000.00",
            "remaining": "10000.00",
            "forbund_costs": "60000.00",
        }
    ]
    listed = owner.get(CLAIMS, intervention=funded.intervention.pk).json()
    assert [row["id"] for row in listed] == [claim["id"]]


def test_a_claim_over_the_grant_is_422_in_swedish(funded: World, as_api: Api) -> None:
    response = as_api("insatsansvarig").post(CLAIMS, _body(funded, "55000"))
    assert response.status_code == 422
    messages = " ".join(error["message"] for error in response.json()["errors"])
    assert "Beviljat 2026: 50 000 kr" in messages
    assert not PaymentClaim.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"claimed_amount": "-1"},
        {"claimed_amount": "abc"},
        {"period_from": "2026-13-01"},
        {"comment": "a\x00b"},
        {"extra": 1},
    ],
)
def test_bad_input_is_422(funded: World, as_api: Api, change: dict) -> None:
    response = as_api("insatsansvarig").post(CLAIMS, {**_body(funded), **change})
    assert response.status_code == 422
    assert not PaymentClaim.objects.exists()


def test_a_stale_version_is_409(funded: World, as_api: Api) -> None:
    claim = claim_row(funded, 1, "1000", status=ClaimStatus.DRAFT)
    response = as_api("insatsansvarig").post(f"{CLAIMS}/{claim.pk}/submit", {"version": 7})
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("persona", "claims", "utilisation"),
    [
        ("admin", 200, 200),
        ("insatsansvarig", 200, 200),
        ("styrgrupp", 404, 200),
        ("coach", 404, 404),
        ("handlaggare", 404, 404),
        ("outsider", 404, 404),
    ],
)
def test_who_reads_what(
    funded: World, as_api: Api, persona: str, claims: int, utilisation: int
) -> None:
    claim = claim_row(funded, 1, "1000")
    api = as_api(persona)
    assert api.get(f"{CLAIMS}/{claim.pk}").status_code == claims
    path = f"/applications/interventions/{funded.intervention.pk}/utilisation"
    response = api.get(path)
    assert response.status_code == utilisation
    if utilisation == 200:
        assert response.json()[0]["granted"] == str(Decimal("50000.00"))
