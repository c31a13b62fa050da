"""Fidelity reviews (programtrohetsmätningar): who may see them, the total and band, the
trend across reviews.

Access per intervention (IPS or Supported Employment only; 404 for every other one):

- förbundsadministratör of its förbund and its insatsansvarig manage reviews;
- its coaches see every review;
- styrgrupp sees completed reviews only (a review holds no personal data);
- handläggare, granskare and everyone outside the förbund get a 404.

The total is the sum of the 25 scores, shown only when every item is scored; the band follows
the published cut-offs (115–125 utmärkt, 100–114 bra, 74–99 godtagbar, ≤ 73 inte IPS).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.interventions.models import Intervention
from samsyn.interventions.models.intervention import Method
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.ips.models.fidelity import (
    FidelityAction,
    FidelityItem,
    FidelityReview,
    FidelityScale,
    FidelityScore,
    ReviewStatus,
)
from samsyn.stats.chart_svg import TOTAL_COLOUR, Line, Point, Series, line_chart_svg

ITEM_COUNT = 25
MIN_TOTAL = ITEM_COUNT
MAX_TOTAL = ITEM_COUNT * 5
FIDELITY_METHODS = (Method.IPS.value, Method.SUPPORTED_EMPLOYMENT.value)
MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)


class Band(StrEnum):
    EXEMPLARY = "utmarkt"
    GOOD = "bra"
    FAIR = "godtagbar"
    NOT_IPS = "inte_ips"


BAND_NAMES: dict[Band, Promise] = {
    Band.EXEMPLARY: _("Utmärkt"),
    Band.GOOD: _("Bra"),
    Band.FAIR: _("Godtagbar"),
    Band.NOT_IPS: _("Inte IPS"),
}


def band_for(total: int) -> Band:
    if total >= 115:
        return Band.EXEMPLARY
    if total >= 100:
        return Band.GOOD
    if total >= 74:
        return Band.FAIR
    return Band.NOT_IPS


EVIDENCE_NAMES: dict[str, Promise] = {
    "mis": _("MIS/journalsystem"),
    "dokument": _("dokument"),
    "intervju": _("intervju"),
    "observation": _("observation"),
}


class Access(StrEnum):
    MANAGE = "manage"
    VIEW = "view"  # coaches: every review, read only
    COMPLETED = "completed"  # styrgrupp: completed reviews, read only


@dataclass(frozen=True)
class Result:
    """A review's sum so far; ``total`` and ``band`` only when every item is scored."""

    scored: int
    points: int

    @property
    def complete(self) -> bool:
        return self.scored >= ITEM_COUNT

    @property
    def total(self) -> int | None:
        return self.points if self.complete else None

    @property
    def band(self) -> Band | None:
        return band_for(self.points) if self.complete else None

    @property
    def band_name(self) -> str:
        return str(BAND_NAMES[self.band]) if self.band else ""


def result_of(scores: QuerySet[FidelityScore]) -> Result:
    """The number of scored items and their sum, from one aggregate query."""
    row = scores.aggregate(scored=Count("id", filter=Q(score__isnull=False)), points=Sum("score"))
    return Result(scored=row["scored"] or 0, points=row["points"] or 0)


def uses_fidelity(intervention: Intervention) -> bool:
    return any(method in FIDELITY_METHODS for method in intervention.methods or [])


def access_to(actor: User, intervention: Intervention) -> Access | None:
    def holds(*roles: Role) -> bool:
        return interventions_visible_to(actor, *roles).filter(pk=intervention.pk).exists()

    if holds(*MANAGER_ROLES):
        return Access.MANAGE
    if holds(Role.COACH):
        return Access.VIEW
    if holds(Role.STYRGRUPP):
        return Access.COMPLETED
    return None


def manager_role(actor: User, intervention: Intervention) -> str:
    """The role the actor manages reviews in (for the audit log); 404 without one."""
    for role in MANAGER_ROLES:
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    raise Http404


def fidelity_intervention_get(*, actor: User, intervention_id: int) -> tuple[Intervention, Access]:
    """An IPS/SE intervention the actor may see reviews of, and how; 404 otherwise."""
    visible = interventions_visible_to(actor).select_related("forbund")
    intervention = get_object_or_404(visible, pk=intervention_id)
    access = access_to(actor, intervention)
    if access is None or not uses_fidelity(intervention):
        raise Http404
    return intervention, access


def managed_intervention_get(*, actor: User, intervention_id: int) -> Intervention:
    intervention, access = fidelity_intervention_get(actor=actor, intervention_id=intervention_id)
    if access is not Access.MANAGE:
        raise Http404
    return intervention


def _visible_reviews(intervention: Intervention, access: Access) -> QuerySet[FidelityReview]:
    reviews = FidelityReview.objects.filter(intervention=intervention)
    if access is Access.COMPLETED:
        reviews = reviews.filter(status=ReviewStatus.COMPLETED)
    return reviews


@dataclass(frozen=True)
class ReviewRow:
    review: FidelityReview
    result: Result


def review_rows(intervention: Intervention, access: Access) -> list[ReviewRow]:
    """Every visible review with its sum, newest first, in one query."""
    reviews = (
        _visible_reviews(intervention, access)
        .select_related("team", "scale")
        .annotate(
            scored=Count("scores", filter=Q(scores__score__isnull=False)),
            points=Sum("scores__score"),
        )
        .order_by("-reviewed_on", "-id")
    )
    return [
        ReviewRow(review, Result(scored=review.scored, points=review.points or 0))
        for review in reviews
    ]


@dataclass(frozen=True)
class TrendPoint:
    reviewed_on: datetime.date
    kind: str
    total: int
    band_name: str


def trend(rows: list[ReviewRow]) -> list[TrendPoint]:
    """Totals of the fully scored reviews, oldest first."""
    points = []
    for row in reversed(rows):
        total = row.result.total
        if total is not None:
            band = str(BAND_NAMES[band_for(total)])
            points.append(
                TrendPoint(row.review.reviewed_on, row.review.get_kind_display(), total, band)
            )
    return points


def fidelity_review_get(
    *, actor: User, review_id: int, manage: bool = False
) -> tuple[FidelityReview, Access]:
    """A review the actor may see (``manage``: may change); 404 otherwise."""
    review = get_object_or_404(
        FidelityReview.objects.select_related("intervention__forbund", "team", "scale"),
        pk=review_id,
    )
    intervention, access = fidelity_intervention_get(
        actor=actor, intervention_id=review.intervention_id
    )
    if manage and access is not Access.MANAGE:
        raise Http404
    if access is Access.COMPLETED and review.status != ReviewStatus.COMPLETED:
        raise Http404
    review.intervention = intervention
    return review, access


def review_scores(review: FidelityReview) -> list[FidelityScore]:
    """The review's 25 scores with the items of the scale version it was scored against."""
    rows = list(
        FidelityScore.objects.filter(review=review).select_related("item").order_by("item__number")
    )
    for row in rows:
        # What the page shows beside the score: the anchor text of the version scored against.
        row.anchor_text = (row.item.anchors or {}).get(str(row.score), "")  # type: ignore[attr-defined]  # shown
        row.evidence_text = ", ".join(  # type: ignore[attr-defined]  # shown beside the score
            str(EVIDENCE_NAMES.get(source, source)) for source in row.evidence_sources
        )
    return rows


def review_result(review: FidelityReview) -> Result:
    """The review's number of scored items and total (one query)."""
    return result_of(FidelityScore.objects.filter(review=review))


def review_actions(review: FidelityReview) -> QuerySet[FidelityAction]:
    """The review's action plan with the items the actions address (lazy: one query)."""
    return FidelityAction.objects.filter(review=review).select_related("item")


def review_action_get(*, review: FidelityReview, action_id: int) -> FidelityAction:
    """An action of ``review`` (already scope-checked by ``fidelity_review_get``); 404 else."""
    action = get_object_or_404(review_actions(review), pk=action_id)
    action.review = review
    return action


def administered_forbund_get(actor: User) -> Forbund:
    """The (first) förbund the actor administers, whose scale it edits; 404 without one."""
    forbund = forbunds_administered_by(actor).order_by("id").first()
    if forbund is None:
        raise Http404
    return forbund


def scale_items(scale: FidelityScale) -> QuerySet[FidelityItem]:
    return scale.items.order_by("number")


def scale_item_get(*, scale: FidelityScale, key: str) -> FidelityItem:
    return get_object_or_404(scale.items.select_related("scale"), key=key)


def trend_chart(points: list[TrendPoint]) -> SafeString | None:
    """The totals over review dates as an SVG line (the same primitives as the reports)."""
    if not points:
        return None
    series = Series(str(_("Totalpoäng")), TOTAL_COLOUR)
    return line_chart_svg(
        chart_id="fidelity-trend",
        title=str(_("Programtrohet över tid")),
        description=str(
            _("Totalpoäng (25–125) per mätning; samma värden finns i tabellen nedanför.")
        ),
        x_labels=[point.reviewed_on.isoformat() for point in points],
        lines=[Line(series, [Point(float(p.total), str(p.total)) for p in points])],
    )


__all__ = [
    "BAND_NAMES",
    "Access",
    "Band",
    "Result",
    "band_for",
    "fidelity_intervention_get",
    "fidelity_review_get",
    "managed_intervention_get",
    "result_of",
    "review_rows",
    "review_scores",
    "trend",
    "trend_chart",
]
