"""Purging the log after its retention period, and only then."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.append_only import guard_lifted
from samsyn.audit.models import (
    AuditAction,
    AuditChainCheckpoint,
    AuditChainLink,
    AuditEvent,
    LogReview,
)
from samsyn.audit.services.events import audit_record

# The log must be kept at least this long (HSLF-FS 2016:40 and the förbund's own rules).
MINIMUM_RETENTION_YEARS = 5
PURGE_ACTOR = "system:purge_audit_events"


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


def _last_purgeable_link(cutoff: datetime.datetime) -> int | None:
    """The last link of the chain's old part: every link up to it names an event older than
    ``cutoff``. An old event linked after a newer one (rare: a late seal) stays until a later
    purge, so the chain that remains is whole."""
    old = AuditEvent.objects.filter(occurred_at__lt=cutoff, pk=OuterRef("event_id"))
    first_kept = (
        AuditChainLink.objects.filter(~Exists(old)).order_by("id").values_list("id", flat=True)
    ).first()
    before = AuditChainLink.objects.filter(Exists(old))
    if first_kept is not None:
        before = before.filter(id__lt=first_kept)
    return before.aggregate(last=Max("id"))["last"]


def _checkpoint(last_link: int, *, events: int) -> None:
    """Remove the chain's links up to ``last_link`` and leave a checkpoint carrying its hash,
    from which ``verify_audit_chain`` starts (inside the lifted guard)."""
    link = AuditChainLink.objects.get(id=last_link)
    AuditChainCheckpoint.objects.create(after_link_id=link.id, hash=link.hash, events_purged=events)
    doomed = AuditChainLink.objects.filter(id__lte=last_link)
    doomed._raw_delete(doomed.db)


def audit_events_purge(
    *, older_than_years: int, dry_run: bool = False, now: datetime.datetime | None = None
) -> PurgeResult:
    """Delete events older than the retention period, and nothing else.

    The append-only guard is lifted only inside one transaction and restored before it
    commits. The hash chain's links of the purged events go too, and a checkpoint keeps the
    hash of the last one, so the rest of the chain still verifies. Reviews that sampled
    purged events keep their criteria, size, findings and
    completion; only their links to the purged events go. The purge itself is logged.
    """
    if older_than_years < MINIMUM_RETENTION_YEARS:
        raise ValidationError(
            _("Loggen ska sparas i minst %(years)d år.") % {"years": MINIMUM_RETENTION_YEARS},
            code="retention",
        )
    cutoff = retention_cutoff(older_than_years=older_than_years, now=now)
    last_link = _last_purgeable_link(cutoff)
    old_events = AuditEvent.objects.filter(occurred_at__lt=cutoff).filter(
        ~Exists(AuditChainLink.objects.filter(event=OuterRef("pk"), id__gt=last_link or 0))
    )
    links = LogReview.events.through.objects.filter(auditevent__in=old_events.values("id"))
    if dry_run:
        return PurgeResult(cutoff=cutoff, events=old_events.count(), review_links=links.count())
    connection = connections[AuditEvent.objects.db]
    with guard_lifted(connection):
        review_links, _by_model = links.delete()
        # A single DELETE: the ORM's collector would first load every old event into memory.
        events = old_events._raw_delete(old_events.db)
        if last_link is not None:
            _checkpoint(last_link, events=events)
        audit_record(
            actor=None,
            actor_username=PURGE_ACTOR,
            action=AuditAction.DELETE,
            detail=f"Gallring av logg: {events} händelser före {cutoff:%Y-%m-%d}",
        )
    return PurgeResult(cutoff=cutoff, events=events, review_links=review_links)
