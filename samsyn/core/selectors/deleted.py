"""Deleted rows that may still be restored (docs/deleting.md). The apps' selectors scope them
to an object the acting user may edit; these helpers only apply the period and the förbund."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from samsyn.core.models import RESTORE_DAYS, RESTORE_PERIOD, DeletedRecord, User
from samsyn.core.restorable import Place, RestorableKind, kinds_of, scope_get


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


@dataclass(frozen=True)
class DeletedPage:
    """A Borttaget page: the object's place, and its entries the actor may restore."""

    scope: str
    scope_id: int
    place: Place
    entries: list[DeletedRecord]
    restore_days: int


def _may_restore(kind: RestorableKind, actor: User, scope_id: int) -> bool:
    try:
        kind.restorer(actor, scope_id)
    except (Http404, ValidationError):
        return False
    return True


def deleted_page(*, actor: User, scope: str, scope_id: int) -> DeletedPage:
    """The entries of the last ``RESTORE_DAYS`` days of one object, of the kinds the actor
    may restore there; 404 when the scope is unknown, the object is not the actor's to see
    or they may restore nothing in it. One check per registered kind, whatever the number of
    entries."""
    registered = scope_get(scope)
    if registered is None:
        raise Http404
    place = registered.place(actor, scope_id)
    # Kinds sharing one rule (the same function) are checked once.
    verdicts: dict[object, bool] = {}
    allowed = []
    for kind in kinds_of(scope):
        if kind.restorer not in verdicts:
            verdicts[kind.restorer] = _may_restore(kind, actor, scope_id)
        if verdicts[kind.restorer]:
            allowed.append(kind.kind)
    if not allowed:
        raise Http404
    entries = restorable(forbund_id=place.forbund_id, scope=scope, scope_id=scope_id)
    return DeletedPage(
        scope=scope,
        scope_id=scope_id,
        place=place,
        entries=list(entries.filter(kind__in=allowed)),
        restore_days=RESTORE_DAYS,
    )
