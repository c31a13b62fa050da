"""The claim, utilisation, budget and member income pages: who gets what, the flow through
the pages, bad input, and a constant number of queries."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.tests.claims_setup import applicant, claim_row, cost, grant
from samsyn.conftest import World, login_verified
from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import AdministrationCost, ForbundIncome
from samsyn.testing.queries import QueryCount

pytestmark = pytest.mark.django_db
Personas = Callable[[str], Client]


@pytest.fixture
def funded(world: World) -> World:
    grant(world.intervention, "100000")
    for month in (1, 2, 3):
        cost(world.intervention, month, "20000")
    return world


def _status(client: Client, url: str) -> int:
    return client.get(url).status_code


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", 200),
        ("insatsansvarig", 200),
        ("coach", 404),
        ("handlaggare", 404),
        ("styrgrupp", 404),
        ("granskare", 404),
        ("outsider", 404),
        ("nobody", 404),
    ],
)
def test_claim_pages_per_persona(
    funded: World, as_persona: Personas, persona: str, expected: int
) -> None:
    claim = claim_row(funded, 1, "1000")
    client = as_persona(persona)
    # The other förbund's administrator has a list of its own, without this claim.
    listed = 200 if persona == "outsider" else expected
    response = client.get(reverse("applications:claims"))
    assert response.status_code == listed
    assert ("Testinsatsen" in response.content.decode()) is (expected == 200)
    assert _status(client, reverse("applications:claim_detail", args=[claim.pk])) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("insatsansvarig", 200), ("admin", 404), ("styrgrupp", 404), ("outsider", 404)],
)
def test_only_the_owner_opens_a_new_claim(
    funded: World, as_persona: Personas, persona: str, expected: int
) -> None:
    url = reverse("applications:claim_create", args=[funded.intervention.pk])
    assert _status(as_persona(persona), url) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", 200),
        ("styrgrupp", 200),
        ("insatsansvarig", 200),
        ("coach", 404),
        ("handlaggare", 404),
        ("outsider", 200),
        ("nobody", 404),
    ],
)
def test_utilisation_page_per_persona(
    funded: World, as_persona: Personas, persona: str, expected: int
) -> None:
    response = as_persona(persona).get(reverse("applications:utilisation"))
    assert response.status_code == expected
    if persona == "outsider":
        # The other förbund's administrator sees its own (none here), never Testdalen's.
        assert "Testinsatsen" not in response.content.decode()
    elif expected == 200:
        assert "Testinsatsen" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "budget", "income"),
    [
        ("admin", 200, 200),
        ("styrgrupp", 200, 404),
        ("insatsansvarig", 404, 404),
        ("coach", 404, 404),
        ("outsider", 404, 404),
        ("nobody", 404, 404),
    ],
)
def test_budget_and_income_pages_per_persona(
    funded: World, as_persona: Personas, persona: str, budget: int, income: int
) -> None:
    client = as_persona(persona)
    pk = funded.forbund.pk
    assert _status(client, reverse("applications:forbund_budget", args=[pk])) == budget
    assert _status(client, reverse("applications:forbund_budget_xlsx", args=[pk])) == budget
    # The other förbund's administrator has an income page of its own.
    listed = 200 if persona == "outsider" else income
    assert _status(client, reverse("applications:forbund_income")) == listed
    assert _status(client, reverse("applications:forbund_income_edit", args=[pk, 2026])) == income


def test_an_applicant_of_the_owner_party_claims_through_the_pages(
    funded: World, client: Client
) -> None:
    login_verified(client, applicant(funded))
    url = reverse("applications:claim_create", args=[funded.intervention.pk])
    page = client.get(url).content.decode()
    assert "60 000" in page  # the year's förbund-funded costs, the cost basis
    response = client.post(
        url, {"period_from": "2026-01-01", "period_to": "2026-03-31", "claimed_amount": "50 000"}
    )
    claim = PaymentClaim.objects.get()
    assert response.status_code == 302 and claim.claimed_amount == Decimal("50000")
    client.post(reverse("applications:claim_submit", args=[claim.pk]), {"version": 1})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_a_claim_over_the_grant_is_refused_on_the_page(funded: World, as_persona: Personas) -> None:
    funded.intervention.grants.update(amount=Decimal("30000"))
    url = reverse("applications:claim_create", args=[funded.intervention.pk])
    response = as_persona("insatsansvarig").post(
        url, {"period_from": "2026-01-01", "period_to": "2026-03-31", "claimed_amount": "40000"}
    )
    assert response.status_code == 200
    assert "Beviljat 2026: 30 000 kr" in response.content.decode()
    assert not PaymentClaim.objects.exists()


def test_the_forbund_decides_and_pays_on_the_page(funded: World, as_persona: Personas) -> None:
    claim = claim_row(funded, 1, "60000")
    admin = as_persona("admin")
    decide = reverse("applications:claim_decide", args=[claim.pk])
    refused = admin.post(decide, {"outcome": "justerad", "approved_amount": "70000", "version": 1})
    assert "får inte vara större än det begärda" in refused.content.decode()
    admin.post(
        decide,
        {"outcome": "justerad", "approved_amount": "55 000", "reason": "Resor", "version": 1},
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ADJUSTED and claim.approved_amount == Decimal("55000")
    admin.post(
        reverse("applications:claim_pay", args=[claim.pk]),
        {"paid_amount": "55000", "paid_on": str(claim.decided_on), "version": 2},
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    # The owner may read it but not decide.
    owner = as_persona("insatsansvarig")
    assert owner.post(decide, {"outcome": "godkand", "version": 3}).status_code == 403


def test_the_intervention_page_shows_utilisation_to_readers(
    funded: World, as_persona: Personas
) -> None:
    claim_row(funded, 1, "40000", status=ClaimStatus.PAID, approved_amount=40000, paid_amount=40000)
    url = reverse("interventions:detail", args=[funded.intervention.pk])
    for persona in ("admin", "styrgrupp", "insatsansvarig"):
        page = as_persona(persona).get(url).content.decode()
        assert "Förbundets medel: beviljat och rekvirerat" in page and "60 000" in page
    assert "Förbundets medel: beviljat" not in as_persona("coach").get(url).content.decode()


def test_member_income_is_saved_and_bad_shares_change_nothing(
    world: World, as_persona: Personas
) -> None:
    other_kommun = world.forbund.parties.create(
        kind="kommun", name="Andra kommun", organisationsnummer="212000-0001"
    )
    url = reverse("applications:forbund_income_edit", args=[world.forbund.pk, 2026])
    admin = as_persona("admin")
    data = {
        "total_amount": "4 000 000",
        f"share_{world.kommun.pk}": "60",
        f"share_{other_kommun.pk}": "30",
        "version": 0,
    }
    response = admin.post(url, data)
    assert "ska tillsammans vara 100 %, nu är de 90 %" in response.content.decode()
    assert not ForbundIncome.objects.exists()
    assert "negativt" in admin.post(url, {**data, "total_amount": "-1"}).content.decode()
    admin.post(url, {**data, f"share_{other_kommun.pk}": "40"})
    income = ForbundIncome.objects.get()
    assert income.total_amount == Decimal("4000000")
    page = admin.get(reverse("applications:forbund_income")).content.decode()
    # Half, a quarter, a quarter; the municipalities' quarter 60/40.
    for amount in ("2 000 000", "1 000 000", "600 000", "400 000"):
        assert amount in page


def _more_interventions(world: World, count: int) -> None:
    for index in range(count):
        other = InterventionFactory(
            forbund=world.forbund, owner_party=world.kommun, name=f"Insats {index}"
        )
        grant(other, "1000")
        cost(other, 1, "500")
        claim_row(world, 1, "100", intervention=other)


def test_utilisation_and_budget_pages_run_a_constant_number_of_queries(
    funded: World, as_persona: Personas, assert_query_count: QueryCount
) -> None:
    AdministrationCost.objects.create(forbund=funded.forbund, year=2026, budget=1, amount=1)
    client = as_persona("styrgrupp")
    urls = {
        reverse("applications:utilisation"): 15,
        reverse("applications:forbund_budget", args=[funded.forbund.pk]): 17,
    }
    for url in urls:
        client.get(url)
    for count in (1, 15):
        _more_interventions(funded, count)
        for url, queries in urls.items():
            with assert_query_count(queries):
                assert client.get(url).status_code == 200


def test_the_claim_list_runs_a_constant_number_of_queries(
    funded: World, as_persona: Personas, assert_query_count: QueryCount
) -> None:
    client = as_persona("admin")
    url = reverse("applications:claims")
    client.get(url)
    for count in (1, 15):
        _more_interventions(funded, count)
        with assert_query_count(13):
            assert client.get(url).status_code == 200
