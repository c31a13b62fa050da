"""Demo fidelity reviews for Exempeldalen's IPS intervention: an internal review a year ago
(total 92, godtagbar) and an external one this year (total 104, bra), both completed, so the
trend shows; the older review has an action plan for its weak items.

Idempotent: a review is looked up by intervention and date and only created when missing.
Written directly (not through the services): seeding has no acting user, and the proposals
of a review of the past would be computed from today's data.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone

from samsyn.core.demo_data import IPS_SLUG
from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention
from samsyn.ips.models.fidelity import FidelityAction, FidelityReview, FidelityScore
from samsyn.ips.services.fidelity import fidelity_scale_ensure

# (days before today, kind, reviewers, total, summary)
REVIEWS = (
    (
        380,
        "intern",
        "Karin Lund, verksamhetsutvecklare\nOla Berg, teamledare",
        92,
        "Bra grund men för få arbetsgivarkontakter och för lite samverkan med vården.",
    ),
    (
        15,
        "extern",
        "Eva Holm, extern granskare\nKarin Lund, verksamhetsutvecklare",
        104,
        "Tydlig förbättring av jobbutvecklingen sedan förra mätningen.",
    ),
)
ACTIONS = (
    ("Varje coach bokar minst sex personliga arbetsgivarbesök i veckan.", "Ola Berg"),
    ("Coacherna deltar i vårdteamets möte varje vecka.", "Karin Lund"),
)


def _scores(total: int) -> list[int]:
    """25 scores adding up to ``total``: mostly 4 and 5, the rest lower at the end."""
    scores = [4] * 25
    difference = total - 100
    index = 0
    while difference > 0:
        scores[index] += 1
        difference -= 1
        index += 1
    index = 24
    while difference < 0:
        scores[index] -= 1
        difference += 1
        index = index - 1 if index > 14 else 24
    return scores


@transaction.atomic
def seed_fidelity(forbund: Forbund) -> Counter[str]:
    counts: Counter[str] = Counter()
    intervention = Intervention.objects.filter(forbund=forbund, slug=IPS_SLUG).first()
    if intervention is None:
        return counts
    scale = fidelity_scale_ensure(forbund=forbund)
    items = list(scale.items.order_by("number"))
    today = timezone.localdate()
    for days, kind, reviewers, total, summary in REVIEWS:
        day = today - datetime.timedelta(days=days)
        review, created = FidelityReview.objects.get_or_create(
            intervention=intervention,
            reviewed_on=day,
            defaults={
                "scale": scale,
                "kind": kind,
                "reviewers": reviewers,
                "summary": summary,
                "status": "klar",
                "completed_at": timezone.now(),
            },
        )
        if not created:
            continue
        counts["fidelity_reviews"] += 1
        FidelityScore.objects.bulk_create(
            FidelityScore(
                review=review, item=item, score=score, evidence_sources=["intervju", "dokument"]
            )
            for item, score in zip(items, _scores(total), strict=True)
        )
        if days > 365:
            weak = [i for i, s in zip(items, _scores(total), strict=True) if s <= 3]
            for item, (text, owner) in zip(weak, ACTIONS, strict=False):
                FidelityAction.objects.create(
                    review=review,
                    item=item,
                    action=text,
                    owner=owner,
                    due_on=day + datetime.timedelta(days=120),
                    status="klar",
                )
                counts["fidelity_actions"] += 1
    return counts
