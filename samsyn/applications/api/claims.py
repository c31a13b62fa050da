"""Payment claims and utilisation in the JSON API (/api/v1/applications/…), with the same
selectors and services as the pages: 404 outside scope, 403 for a claimant deciding or a
reader writing, 409 for a stale ``version``, 422 with Swedish messages for bad input (a claim
over the cost basis or the year's grant included). docs/applications-claims.md."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Status

from samsyn.applications.api import claims_schemas as s
from samsyn.applications.models import PaymentClaim
from samsyn.applications.selectors.claims import claim_get, claim_list_page
from samsyn.applications.selectors.utilisation import (
    UtilisationRow,
    intervention_utilisation,
    utilisation_page,
)
from samsyn.applications.services import claims as services
from samsyn.core.api.schemas import ErrorOut, InvalidOut
from samsyn.participants.api.common import ObjectId, actor_of

router = Router(tags=["Rekvisitioner"])
BASE = "/applications/claims"
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


ORE = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    """Two decimals always (SQLite's sums drop trailing zeros)."""
    return Decimal(value).quantize(ORE)


def _maybe(value: Decimal | None) -> Decimal | None:
    return None if value is None else _money(value)


def _out(claim: PaymentClaim) -> s.ClaimOut:
    return s.ClaimOut(
        id=claim.pk,
        version=claim.version,
        intervention_id=claim.intervention_id,
        year=claim.year,
        period_from=claim.period_from,
        period_to=claim.period_to,
        status=claim.status,
        cost_basis=_money(claim.cost_basis),
        claimed_amount=_money(claim.claimed_amount),
        approved_amount=_maybe(claim.approved_amount),
        adjustment_reason=claim.adjustment_reason,
        paid_amount=_maybe(claim.paid_amount),
        paid_on=claim.paid_on,
        comment=claim.comment,
        submitted_on=claim.submitted_on,
        decided_on=claim.decided_on,
    )


def _utilisation_out(row: UtilisationRow) -> s.UtilisationOut:
    return s.UtilisationOut(
        intervention_id=row.intervention.pk,
        intervention=row.intervention.name,
        year=row.year,
        granted=_money(row.granted),
        claimed=_money(row.claimed),
        approved=_money(row.approved),
        paid=_money(row.paid),
        remaining=_money(row.remaining),
        forbund_costs=_money(row.forbund_costs),
    )


@router.get(
    BASE,
    response={200: list[s.ClaimOut], 404: ErrorOut},
    summary="Lista rekvisitioner",
    operation_id="samsyn_applications_api_claims_list",
)
def claims_list(request: HttpRequest, filters: Query[s.ClaimFilters]) -> list[s.ClaimOut]:
    page = claim_list_page(actor=actor_of(request), status=filters.status or "")
    return [
        _out(claim)
        for claim in page.claims
        if filters.intervention is None or claim.intervention_id == filters.intervention
    ]


@router.post(
    BASE,
    response={201: s.ClaimOut, **WRITE_ERRORS},
    summary="Skapa en rekvisition (utkast)",
    operation_id="samsyn_applications_api_claims_create",
)
def claims_create(request: HttpRequest, payload: s.ClaimIn) -> Status[s.ClaimOut]:
    claim = services.claim_create(
        actor=actor_of(request),
        intervention_id=payload.intervention_id,
        fields=services.ClaimFields(
            payload.period_from, payload.period_to, payload.claimed_amount, payload.comment
        ),
    )
    return Status(201, _out(claim))


@router.get(
    BASE + "/{claim_id}",
    response={200: s.ClaimOut, 404: ErrorOut},
    summary="Läs en rekvisition",
    operation_id="samsyn_applications_api_claims_get",
)
def claims_get(request: HttpRequest, claim_id: ObjectId) -> s.ClaimOut:
    return _out(claim_get(actor=actor_of(request), claim_id=claim_id))


@router.post(
    BASE + "/{claim_id}/submit",
    response={200: s.ClaimOut, **WRITE_ERRORS},
    summary="Skicka in en rekvisition",
    operation_id="samsyn_applications_api_claims_submit",
)
def claims_submit(
    request: HttpRequest, claim_id: ObjectId, payload: s.ClaimVersionIn
) -> s.ClaimOut:
    claim = services.claim_submit(
        actor=actor_of(request), claim_id=claim_id, expected_version=payload.version
    )
    return _out(claim)


@router.post(
    BASE + "/{claim_id}/decision",
    response={200: s.ClaimOut, **WRITE_ERRORS},
    summary="Godkänn, justera eller avslå en rekvisition",
    operation_id="samsyn_applications_api_claims_decide",
)
def claims_decide(
    request: HttpRequest, claim_id: ObjectId, payload: s.ClaimDecisionIn
) -> s.ClaimOut:
    claim = services.claim_decide(
        actor=actor_of(request),
        claim_id=claim_id,
        outcome=payload.outcome,
        approved_amount=payload.approved_amount,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return _out(claim)


@router.post(
    BASE + "/{claim_id}/payment",
    response={200: s.ClaimOut, **WRITE_ERRORS},
    summary="Registrera utbetalning",
    operation_id="samsyn_applications_api_claims_pay",
)
def claims_pay(request: HttpRequest, claim_id: ObjectId, payload: s.ClaimPaymentIn) -> s.ClaimOut:
    claim = services.claim_pay(
        actor=actor_of(request),
        claim_id=claim_id,
        paid_amount=payload.paid_amount,
        paid_on=payload.paid_on,
        expected_version=payload.version,
    )
    return _out(claim)


@router.get(
    "/applications/utilisation",
    response={200: list[s.UtilisationOut], 404: ErrorOut},
    summary="Utnyttjande av beviljade medel per insats och år",
    operation_id="samsyn_applications_api_utilisation_list",
)
def utilisation_list(
    request: HttpRequest, filters: Query[s.UtilisationFilters]
) -> list[s.UtilisationOut]:
    page = utilisation_page(actor=actor_of(request), year=filters.year)
    return [_utilisation_out(row) for row in page.rows]


@router.get(
    "/applications/interventions/{intervention_id}/utilisation",
    response={200: list[s.UtilisationOut], 404: ErrorOut},
    summary="En insats utnyttjande av beviljade medel per år",
    operation_id="samsyn_applications_api_utilisation_get",
)
def utilisation_get(request: HttpRequest, intervention_id: ObjectId) -> list[s.UtilisationOut]:
    rows = intervention_utilisation(actor=actor_of(request), intervention_id=intervention_id)
    if rows is None:
        raise Http404
    return [_utilisation_out(row) for row in rows]
