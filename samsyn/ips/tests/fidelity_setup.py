"""Shared helpers of the fidelity tests."""

from __future__ import annotations

import datetime

from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.ips.models.fidelity import FidelityReview, FidelityScore
from samsyn.ips.services.fidelity import ReviewFields, fidelity_review_create

REVIEW_DAY = datetime.date(2026, 3, 2)


def make_ips(intervention: Intervention) -> Intervention:
    intervention.methods = ["ips"]
    intervention.save(update_fields=["methods"])
    return intervention


def make_review(
    actor: User, intervention: Intervention, day: datetime.date = REVIEW_DAY
) -> FidelityReview:
    fields = ReviewFields(reviewed_on=day, kind="intern", reviewers="Anna Andersson, chef")
    return fidelity_review_create(actor=actor, intervention=intervention, fields=fields)


def score_all(review: FidelityReview, total: int) -> None:
    """Give the 25 items scores adding up to ``total`` (25–125), directly in the table."""
    rows = list(FidelityScore.objects.filter(review=review).order_by("item__number"))
    extra = total - len(rows)
    for row in rows:
        row.score = 1 + min(4, extra)
        extra -= row.score - 1
    FidelityScore.objects.bulk_update(rows, ["score"])
