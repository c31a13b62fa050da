"""Writing to the access log. Every service that touches personal data calls ``audit_record``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.core.exceptions import ValidationError
from django.db import connections, models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.append_only import guard_lifted
from samsyn.audit.context import current_origin
from samsyn.audit.models import AuditAction, AuditEvent, LogReview
from samsyn.audit.selectors import (
    AuditEventFilters,
    audit_event_filter,
    audit_events_of_forbunds,
    log_review_get,
    reviewable_forbunds_for,
)
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import intervention_model
from samsyn.core.versioning import save_versioned

if TYPE_CHECKING:
    from samsyn.core.models import Forbund, User


class LoggedIntervention(Protocol):
    """The intervention an event names (``interventions.Intervention``; audit sits below
    the interventions app and does not import it)."""

    @property
    def pk(self) -> Any: ...

    @property
    def forbund(self) -> Forbund: ...


def audit_record(
    *,
    actor: User | None,
    action: AuditAction | str,
    forbund: Forbund | None = None,
    intervention: LoggedIntervention | None = None,
    role: str = "",
    participant_ref: str = "",
    obj: models.Model | None = None,
    detail: str = "",
    actor_username: str = "",
) -> AuditEvent:
    """Append one event. Origin (IP address, request id) comes from the current request."""
    origin = current_origin()
    if intervention is not None and forbund is None:
        forbund = intervention.forbund
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_username=(user.get_username() if user else actor_username)[:150],
        role=role,
        forbund=forbund,
        # The model instance itself (typed by its protocol: audit does not import it).
        intervention=cast("Any", intervention),
        participant_ref=participant_ref,
        action=str(action),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        detail=detail[:255],
        ip_address=origin.ip_address,
        request_id=origin.request_id,
    )


# --- Log review (stickprov) ------------------------------------------------------------------

SAMPLE_SIZE_MIN = 1
SAMPLE_SIZE_MAX = 200
# The log must be kept at least this long (HSLF-FS 2016:40 and the förbund's own rules).
MINIMUM_RETENTION_YEARS = 5
PURGE_ACTOR = "system:purge_audit_events"


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


@transaction.atomic
def audit_export_record(*, user: User, filters: AuditEventFilters, row_count: int) -> AuditEvent:
    """Log that ``user`` exported ``row_count`` events of the log (called before streaming)."""
    forbunds = list(reviewable_forbunds_for(user))
    if not forbunds:
        raise Http404
    # With one förbund the export is its event; with several it belongs to none of them and
    # is shown to each through the granskare's membership, like a log-in.
    criteria = ", ".join(f"{k}={v}" for k, v in filters.as_criteria().items() if v)
    return audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        forbund=forbunds[0] if len(forbunds) == 1 else None,
        role=Role.GRANSKARE,
        detail=f"Export av logg (CSV): {row_count} händelser; urval: {criteria or 'alla'}",
    )


# --- Retention -------------------------------------------------------------------------------


def retention_cutoff(
    *, older_than_years: int, now: datetime.datetime | None = None
) -> datetime.datetime:
    """The moment ``older_than_years`` calendar years before ``now`` (29 Feb becomes 28 Feb)."""
    now = now or timezone.now()
    try:
        return now.replace(year=now.year - older_than_years)
    except ValueError:
        return now.replace(year=now.year - older_than_years, day=28)


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime.datetime
    events: int
    review_links: int


def audit_events_purge(
    *, older_than_years: int, dry_run: bool = False, now: datetime.datetime | None = None
) -> PurgeResult:
    """Delete events older than the retention period, and nothing else.

    The append-only guard is lifted only inside one transaction and restored before it
    commits. Reviews that sampled purged events keep their criteria, size, findings and
    completion; only their links to the purged events go. The purge itself is logged.
    """
    if older_than_years < MINIMUM_RETENTION_YEARS:
        raise ValidationError(
            _("Loggen ska sparas i minst %(years)d år.") % {"years": MINIMUM_RETENTION_YEARS},
            code="retention",
        )
    cutoff = retention_cutoff(older_than_years=older_than_years, now=now)
    old_events = AuditEvent.objects.filter(occurred_at__lt=cutoff)
    links = LogReview.events.through.objects.filter(auditevent__in=old_events.values("id"))
    if dry_run:
        return PurgeResult(cutoff=cutoff, events=old_events.count(), review_links=links.count())
    connection = connections[AuditEvent.objects.db]
    with guard_lifted(connection):
        review_links, _by_model = links.delete()
        # A single DELETE: the ORM's collector would first load every old event into memory.
        events = old_events._raw_delete(old_events.db)
        audit_record(
            actor=None,
            actor_username=PURGE_ACTOR,
            action=AuditAction.DELETE,
            detail=f"Gallring av logg: {events} händelser före {cutoff:%Y-%m-%d}",
        )
    return PurgeResult(cutoff=cutoff, events=events, review_links=review_links)
