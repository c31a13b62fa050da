"""IPS endpoints of the JSON API: fidelity reviews (the same selectors and services as the
pages; 404 outside scope, 422 with Swedish field errors on bad scores)."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from samsyn.core.web.requests import api_actor
from samsyn.ips.models.fidelity import FidelityReview
from samsyn.ips.selectors import fidelity as selectors
from samsyn.ips.services.fidelity import ScoreFields, fidelity_scores_set

router = Router(tags=["IPS"])

MAX_ID = 2_147_483_647
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]


class ReviewSummaryOut(Schema):
    id: int
    intervention: int
    reviewed_on: datetime.date
    kind: str
    status: str
    scale_version: int
    scored: int
    total: int | None
    band: str | None
    band_name: str
    version: int


class FidelityScoreOut(Schema):
    item_key: str
    number: int
    section: str
    name: str
    score: int | None
    anchor: str
    evidence_sources: list[str]
    comment: str
    proposed_score: int | None
    proposed_evidence: str


class ReviewOut(ReviewSummaryOut):
    reviewers: str
    summary: str
    scores: list[FidelityScoreOut]


class FidelityScoreIn(Schema):
    item_key: str = Field(max_length=40)
    score: int | None = None  # checked by the service: a Swedish message outside 1–5
    evidence_sources: list[str] = Field(default_factory=list, max_length=10)
    comment: str = Field(default="", max_length=4000)


class ScoresIn(Schema):
    version: int = Field(ge=0, le=MAX_ID, description="The review version the client last read.")
    scores: list[FidelityScoreIn] = Field(max_length=50)


def _summary(review: FidelityReview, result: selectors.Result) -> dict[str, object]:
    return {
        "id": review.pk,
        "intervention": review.intervention_id,
        "reviewed_on": review.reviewed_on,
        "kind": review.kind,
        "status": review.status,
        "scale_version": review.scale.version,
        "scored": result.scored,
        "total": result.total,
        "band": result.band.value if result.band else None,
        "band_name": result.band_name,
        "version": review.version,
    }


def _review_out(review: FidelityReview) -> dict[str, object]:
    result = selectors.review_result(review)
    scores = [
        {
            "item_key": row.item.key,
            "number": row.item.number,
            "section": row.item.section,
            "name": row.item.name,
            "score": row.score,
            "anchor": row.anchor_text,  # type: ignore[attr-defined]
            "evidence_sources": row.evidence_sources,
            "comment": row.comment,
            "proposed_score": row.proposed_score,
            "proposed_evidence": row.proposed_evidence,
        }
        for row in selectors.review_scores(review)
    ]
    return {
        **_summary(review, result),
        "reviewers": review.reviewers,
        "summary": review.summary,
        "scores": scores,
    }


@router.get(
    "/ips/interventions/{intervention_id}/fidelity-reviews",
    response=list[ReviewSummaryOut],
    summary="Programtrohetsmätningar för en insats",
)
def list_reviews(request: HttpRequest, intervention_id: ObjectId) -> list[dict[str, object]]:
    intervention, access = selectors.fidelity_intervention_get(
        actor=api_actor(request), intervention_id=intervention_id
    )
    rows = selectors.review_rows(intervention, access)
    return [_summary(row.review, row.result) for row in rows]


@router.get(
    "/ips/fidelity-reviews/{review_id}",
    response=ReviewOut,
    summary="En programtrohetsmätning med poäng, totalpoäng och nivå",
)
def get_review(request: HttpRequest, review_id: ObjectId) -> dict[str, object]:
    review, _access = selectors.fidelity_review_get(actor=api_actor(request), review_id=review_id)
    return _review_out(review)


@router.post(
    "/ips/fidelity-reviews/{review_id}/scores",
    response=ReviewOut,
    summary="Sätt poäng, underlag och kommentar för punkter i en mätning",
)
def post_scores(request: HttpRequest, review_id: ObjectId, body: ScoresIn) -> dict[str, object]:
    user = api_actor(request)
    review, _access = selectors.fidelity_review_get(actor=user, review_id=review_id, manage=True)
    fields = [
        ScoreFields(
            item_key=entry.item_key,
            score=entry.score,
            evidence_sources=tuple(entry.evidence_sources),
            comment=entry.comment,
        )
        for entry in body.scores
    ]
    fidelity_scores_set(actor=user, review=review, scores=fields, expected_version=body.version)
    review.refresh_from_db()
    return _review_out(review)
