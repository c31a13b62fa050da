"""Purging the log after its retention period, and only then."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.append_only import guard_lifted
from samsyn.audit.models import AuditAction, AuditEvent, LogReview
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
