"""Deleted rows that may still be restored (docs/deleting.md). The apps' selectors scope them
to an object the acting user may edit; these helpers only apply the period and the förbund."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from samsyn.core.models import RESTORE_PERIOD, DeletedRecord


def restorable(*, forbund_id: int, scope: str, scope_id: int) -> QuerySet[DeletedRecord]:
    """The entries of one object deleted within the restore period and not yet restored."""
    since = timezone.now() - RESTORE_PERIOD
    return DeletedRecord.objects.filter(
        forbund_id=forbund_id,
        scope=scope,
        scope_id=scope_id,
        restored_at__isnull=True,
        deleted_at__gte=since,
    ).select_related("deleted_by")


def restorable_get(*, forbund_id: int, scope: str, scope_id: int, entry_id: int) -> DeletedRecord:
    """One restorable entry of the object, or 404 (another förbund's, too old, restored)."""
    entry = (
        restorable(forbund_id=forbund_id, scope=scope, scope_id=scope_id)
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404
    return entry
