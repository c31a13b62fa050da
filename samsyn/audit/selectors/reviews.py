"""Reads of the log reviews (stickprov): only a granskare of the review's förbund sees one."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from samsyn.audit.models import AuditEvent, LogReview
from samsyn.audit.selectors.events import granskare_forbund_ids
from samsyn.core.models import User


def log_reviews_visible_to(user: User) -> QuerySet[LogReview]:
    if not user.is_authenticated:
        return LogReview.objects.none()
    return LogReview.objects.filter(forbund_id__in=granskare_forbund_ids(user))


def log_review_list(*, user: User) -> QuerySet[LogReview]:
    return (
        log_reviews_visible_to(user)
        .select_related("forbund", "reviewer", "completed_by")
        .order_by("-drawn_at", "-id")
    )


def log_review_get(*, user: User, review_id: int) -> LogReview:
    """One review of the user's förbund; any other answers 404."""
    review = log_review_list(user=user).filter(pk=review_id).first()
    if review is None:
        raise Http404
    return review


def log_review_events(*, review: LogReview) -> QuerySet[AuditEvent]:
    """The events drawn for ``review`` (the review itself was already scope-checked)."""
    return review.events.select_related("forbund", "intervention").order_by("occurred_at", "id")
