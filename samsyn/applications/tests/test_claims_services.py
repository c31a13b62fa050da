"""Payment claims: the rules of services/claims.py, each refusal changing nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from samsyn.applications.models import ClaimStatus, PaymentClaim
from samsyn.applications.services.claims import (
    ClaimFields,
    Outcome,
    claim_create,
    claim_decide,
    claim_delete,
    claim_pay,
    claim_submit,
    claim_update,
)
from samsyn.applications.tests.claims_setup import applicant, cost, grant, quarter
from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.versioning import StaleEditError

pytestmark = pytest.mark.django_db


def _fields(q: int, amount: str) -> ClaimFields:
    start, end = quarter(q)
    return ClaimFields(start, end, Decimal(amount), "")


@pytest.fixture
def funded(world: World) -> World:
    grant(world.intervention, "100000")
    for month in (1, 2, 3):
        cost(world.intervention, month, "20000")
        # Costs paid by others are no basis for a claim on the förbund.
        cost(world.intervention, month, "50000", funder="part", category="lokaler")
    for month in (4, 5, 6):
        cost(world.intervention, month, "30000")
    return world


def _create(world: World, q: int = 1, amount: str = "60000", who: str = "insatsansvarig"):
    return claim_create(
        actor=world[who], intervention_id=world.intervention.pk, fields=_fields(q, amount)
    )


def _errors(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_the_owner_claims_against_the_forbund_funded_costs(funded: World) -> None:
    claim = _create(funded)
    assert claim.cost_basis == Decimal("60000.00")
    assert claim.status == ClaimStatus.DRAFT and claim.year == 2026
    assert AuditEvent.objects.filter(object_id=str(claim.pk), action="create").exists()


def test_an_applicant_of_the_owner_party_claims_too(funded: World) -> None:
    user = applicant(funded)
    claim = claim_create(
        actor=user, intervention_id=funded.intervention.pk, fields=_fields(1, "1000")
    )
    assert claim.created_by == user


@pytest.mark.parametrize("who", ["admin", "coach", "handlaggare", "styrgrupp", "outsider"])
def test_others_cannot_claim(funded: World, who: str) -> None:
    with pytest.raises(Http404):
        _create(funded, who=who)
    assert not PaymentClaim.objects.exists()


def test_a_claim_over_the_cost_basis_is_refused_naming_the_amounts(funded: World) -> None:
    with pytest.raises(ValidationError) as error:
        _create(funded, amount="60000.01")
    assert "60 000,01 kr" in _errors(error) and "60 000 kr" in _errors(error)
    assert not PaymentClaim.objects.exists()


def test_the_years_claims_never_exceed_the_grant(funded: World) -> None:
    funded.intervention.grants.update(amount=Decimal("80000"))
    first = _create(funded, 1, "60000")
    claim_submit(actor=funded["insatsansvarig"], claim_id=first.pk, expected_version=1)
    with pytest.raises(ValidationError) as error:
        _create(funded, 2, "30000")
    message = _errors(error)
    assert "Beviljat 2026: 80 000 kr" in message and "återstår: 20 000 kr" in message
    assert PaymentClaim.objects.count() == 1


def test_an_adjustment_frees_the_difference_and_a_refusal_frees_it_all(funded: World) -> None:
    funded.intervention.grants.update(amount=Decimal("80000"))
    admin, owner = funded["admin"], funded["insatsansvarig"]
    first = _create(funded, 1, "60000")
    claim_submit(actor=owner, claim_id=first.pk, expected_version=1)
    claim_decide(
        actor=admin,
        claim_id=first.pk,
        outcome=Outcome.ADJUST,
        approved_amount=Decimal("50000"),
        reason="Resor ingår inte",
        expected_version=2,
    )
    # 80 000 granted − 50 000 approved leaves 30 000.
    second = _create(funded, 2, "30000")
    claim_submit(actor=owner, claim_id=second.pk, expected_version=1)
    claim_decide(
        actor=admin,
        claim_id=second.pk,
        outcome=Outcome.REFUSE,
        approved_amount=None,
        reason="Underlag saknas",
        expected_version=2,
    )
    # The refused claim holds nothing and its period may be claimed again.
    third = _create(funded, 2, "30000")
    assert third.status == ClaimStatus.DRAFT


def test_submitting_checks_the_cap_again(funded: World) -> None:
    funded.intervention.grants.update(amount=Decimal("80000"))
    owner = funded["insatsansvarig"]
    first = _create(funded, 1, "60000")
    second = _create(funded, 2, "30000")
    claim_submit(actor=owner, claim_id=first.pk, expected_version=1)
    with pytest.raises(ValidationError):
        claim_submit(actor=owner, claim_id=second.pk, expected_version=1)
    second.refresh_from_db()
    assert second.status == ClaimStatus.DRAFT and second.version == 1


def test_overlapping_periods_are_refused(funded: World) -> None:
    _create(funded, 1, "1000")
    with pytest.raises(ValidationError) as error:
        claim_create(
            actor=funded["insatsansvarig"],
            intervention_id=funded.intervention.pk,
            fields=ClaimFields(datetime.date(2026, 3, 1), datetime.date(2026, 4, 30), Decimal(1)),
        )
    assert "överlappar" in _errors(error)


@pytest.mark.parametrize(
    ("start", "end", "amount", "field"),
    [
        ((2026, 1, 2), (2026, 3, 31), "1", "period_from"),
        ((2026, 1, 1), (2026, 3, 30), "1", "period_to"),
        ((2026, 12, 1), (2027, 1, 31), "1", "period_to"),
        ((2026, 3, 1), (2026, 1, 31), "1", "period_to"),
        ((2027, 1, 1), (2027, 1, 31), "1", "period_from"),
        ((2026, 1, 1), (2026, 1, 31), "-5", "claimed_amount"),
        ((2026, 1, 1), (2026, 1, 31), "0", "claimed_amount"),
        ((2026, 1, 1), (2026, 1, 31), "1.234", "claimed_amount"),
    ],
)
def test_bad_input_is_refused(funded: World, start, end, amount, field) -> None:
    with pytest.raises(ValidationError) as error:
        claim_create(
            actor=funded["insatsansvarig"],
            intervention_id=funded.intervention.pk,
            fields=ClaimFields(datetime.date(*start), datetime.date(*end), Decimal(amount)),
        )
    assert field in error.value.message_dict
    assert not PaymentClaim.objects.exists()


def test_a_stale_save_is_refused(funded: World) -> None:
    claim = _create(funded)
    owner = funded["insatsansvarig"]
    claim_update(actor=owner, claim_id=claim.pk, fields=_fields(1, "5000"), expected_version=1)
    with pytest.raises(StaleEditError):
        claim_update(actor=owner, claim_id=claim.pk, fields=_fields(1, "6000"), expected_version=1)
    with pytest.raises(StaleEditError):
        claim_submit(actor=owner, claim_id=claim.pk, expected_version=1)
    claim.refresh_from_db()
    assert claim.claimed_amount == Decimal("5000") and claim.status == ClaimStatus.DRAFT


def test_the_whole_path_to_payment(funded: World) -> None:
    owner, admin = funded["insatsansvarig"], funded["admin"]
    claim = _create(funded)
    claim_submit(actor=owner, claim_id=claim.pk, expected_version=1)
    with pytest.raises(PermissionDenied):
        claim_decide(
            actor=owner,
            claim_id=claim.pk,
            outcome=Outcome.APPROVE,
            approved_amount=None,
            reason="",
            expected_version=2,
        )
    claim_decide(
        actor=admin,
        claim_id=claim.pk,
        outcome=Outcome.APPROVE,
        approved_amount=None,
        reason="",
        expected_version=2,
    )
    today = datetime.date.today()
    with pytest.raises(ValidationError) as error:
        claim_pay(
            actor=admin,
            claim_id=claim.pk,
            paid_amount=Decimal("60000.01"),
            paid_on=today,
            expected_version=3,
        )
    assert "paid_amount" in error.value.message_dict
    paid = claim_pay(
        actor=admin,
        claim_id=claim.pk,
        paid_amount=Decimal("60000"),
        paid_on=today,
        expected_version=3,
    )
    assert paid.status == ClaimStatus.PAID and paid.approved_amount == Decimal("60000")
    details = list(
        AuditEvent.objects.filter(object_id=str(claim.pk)).values_list("detail", flat=True)
    )
    verbs = {detail.split(":")[0].rsplit(" ", 1)[-1] for detail in details}
    assert len(details) == 4 and verbs == {"skapad", "inskickad", "godkänd", "utbetald"}
    # A paid claim is neither decided nor paid again, nor changed.
    with pytest.raises(ValidationError):
        claim_pay(
            actor=admin,
            claim_id=claim.pk,
            paid_amount=Decimal(1),
            paid_on=today,
            expected_version=4,
        )
    with pytest.raises(ValidationError):
        claim_delete(actor=owner, claim_id=claim.pk, expected_version=4)


def test_an_adjustment_needs_a_reason_and_at_most_the_claimed_amount(funded: World) -> None:
    claim = _create(funded, 1, "1000")
    claim_submit(actor=funded["insatsansvarig"], claim_id=claim.pk, expected_version=1)
    with pytest.raises(ValidationError) as error:
        claim_decide(
            actor=funded["admin"],
            claim_id=claim.pk,
            outcome=Outcome.ADJUST,
            approved_amount=Decimal("1001"),
            reason="",
            expected_version=2,
        )
    assert set(error.value.message_dict) == {"reason", "approved_amount"}
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED


def test_the_other_forbunds_admin_gets_404(funded: World) -> None:
    claim = _create(funded, 1, "1000")
    with pytest.raises(Http404):
        claim_submit(actor=funded["outsider"], claim_id=claim.pk, expected_version=1)
    with pytest.raises(Http404):
        claim_decide(
            actor=funded["outsider"],
            claim_id=claim.pk,
            outcome=Outcome.APPROVE,
            approved_amount=None,
            reason="",
            expected_version=1,
        )
