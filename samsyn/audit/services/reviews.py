"""Log reviews (stickprov): drawing a sample of the log and recording what the check found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction, LogReview
from samsyn.audit.selectors.events import (
    AuditEventFilters,
    audit_event_filter,
    audit_events_of_forbunds,
    reviewable_forbunds_for,
)
from samsyn.audit.selectors.reviews import log_review_get
from samsyn.audit.services.events import audit_record
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import intervention_model
from samsyn.core.versioning import save_versioned

if TYPE_CHECKING:
    from samsyn.core.models import User


SAMPLE_SIZE_MIN = 1
SAMPLE_SIZE_MAX = 200


@transaction.atomic
def log_review_create(
    *, user: User, forbund_id: int, filters: AuditEventFilters, sample_size: int
) -> LogReview:
    """Draw a random sample of the filtered events of one förbund for a documented check."""
    forbund = reviewable_forbunds_for(user).filter(pk=forbund_id).first()
    if forbund is None:
        raise Http404
    if not SAMPLE_SIZE_MIN <= sample_size <= SAMPLE_SIZE_MAX:
        raise ValidationError(
            _("Stickprovet ska omfatta mellan %(min)d och %(max)d händelser.")
            % {"min": SAMPLE_SIZE_MIN, "max": SAMPLE_SIZE_MAX},
            code="sample_size",
        )
    population = audit_event_filter(audit_events_of_forbunds([forbund.pk]), filters)
    # The database shuffles (ORDER BY RANDOM() or RAND()), so only the sample is ever loaded.
    sampled = list(population.order_by("?").values_list("id", flat=True)[:sample_size])
    if not sampled:
        raise ValidationError(
            _("Inga händelser matchar urvalet, så det finns inget att dra ett stickprov ur."),
            code="empty",
        )
    criteria = {
        **filters.as_criteria(),
        "intervention_name": _intervention_name(filters.intervention_id),
        "requested_size": sample_size,
        "population": population.count(),
    }
    review = LogReview.objects.create(
        forbund=forbund, reviewer=user, criteria=criteria, sample_size=len(sampled)
    )
    review.events.set(sampled)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        forbund=forbund,
        role=Role.GRANSKARE,
        obj=review,
        detail=f"Stickprov draget: {len(sampled)} av {criteria['population']} händelser",
    )
    return review


def _intervention_name(intervention_id: int | None) -> str:
    """The name as it was when the sample was drawn, kept with the criteria."""
    if intervention_id is None:
        return ""
    interventions = intervention_model()._default_manager
    name = interventions.filter(pk=intervention_id).values_list("name", flat=True).first()
    return name or ""


@transaction.atomic
def log_review_update(
    *,
    user: User,
    review_id: int,
    expected_version: int,
    findings: str,
    deviations_found: bool,
    completed: bool,
) -> LogReview:
    """Record the outcome of a check. A completed review is final; a stale save is refused."""
    review = log_review_get(user=user, review_id=review_id)
    if review.completed_at is not None:
        raise ValidationError(
            _("Granskningen är markerad som genomförd och kan inte längre ändras."),
            code="completed",
        )
    findings = findings.strip()
    if completed and not findings:
        raise ValidationError(
            {"findings": _("Beskriv vad granskningen visade innan du markerar den som genomförd.")},
            code="findings_required",
        )
    review.findings = findings
    review.deviations_found = deviations_found
    fields = ["findings", "deviations_found"]
    if completed:
        review.completed_at = timezone.now()
        review.completed_by = user
        fields += ["completed_at", "completed_by"]
    save_versioned(review, expected_version=expected_version, fields=fields)
    detail = "Logggranskning genomförd" if completed else "Logggranskning sparad"
    if deviations_found:
        detail += ", avvikelser hittades"
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        forbund=review.forbund,
        role=Role.GRANSKARE,
        obj=review,
        detail=detail,
    )
    return review
