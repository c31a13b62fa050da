"""Keep a deleted row for a while, and put it back (docs/deleting.md).

These are building blocks for the apps' own services, which check who may delete and restore
the row and write the audit events; nothing here checks permissions.
"""

from __future__ import annotations

import datetime
import json

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.core.models import RESTORE_PERIOD, DeletedRecord, Forbund, User
from samsyn.core.versioning import StaleEditError


def keep_deleted(
    *,
    instance: models.Model,
    forbund: Forbund,
    scope: str,
    scope_id: int,
    kind: str,
    label: str,
    actor: User,
) -> DeletedRecord:
    """Store ``instance``'s field values before it is deleted (call it in the same
    transaction as the delete)."""
    data = json.loads(serializers.serialize("json", [instance]))[0]
    return DeletedRecord.objects.create(
        forbund=forbund,
        scope=scope,
        scope_id=scope_id,
        kind=kind,
        label=label[:300],
        data=data,
        deleted_at=timezone.now(),
        deleted_by=actor,
    )


def put_back(entry: DeletedRecord) -> models.Model:
    """Insert the kept row again under its old key and mark the entry restored. A row that
    would clash with one entered since (the same key or the same unique values) is refused
    with a Swedish message and nothing changes. The caller holds the transaction."""
    (restored,) = serializers.deserialize("json", json.dumps([entry.data]))
    obj = restored.object
    model = type(obj)
    if model._default_manager.filter(pk=obj.pk).exists():
        raise StaleEditError()
    if hasattr(obj, "version"):
        obj.version = int(obj.version) + 1
    try:
        with transaction.atomic():
            obj.save(force_insert=True)
    except IntegrityError as error:
        raise ValidationError(
            _("Raden kan inte återställas eftersom en likadan rad har lagts till sedan dess.")
        ) from error
    entry.restored_at = timezone.now()
    entry.save(update_fields=["restored_at"])
    return obj


def deleted_records_purge(
    *,
    now: datetime.datetime | None = None,
    forbund: Forbund | None = None,
    dry_run: bool = False,
) -> int:
    """Remove the kept rows deleted more than ``RESTORE_DAYS`` days before ``now`` (restored
    or not): they can no longer be restored, so keeping their values serves no purpose (GDPR
    Art. 5(1)(e), docs/deleting.md). Returns how many were (or, with ``dry_run``, would be)
    removed; only ``forbund``'s when given. Run by ``purge_deleted_records`` and by the nightly
    ``apply_retention``."""
    cutoff = (now or timezone.now()) - RESTORE_PERIOD
    expired = DeletedRecord.objects.filter(deleted_at__lt=cutoff)
    if forbund is not None:
        expired = expired.filter(forbund=forbund)
    if dry_run:
        return expired.count()
    removed, _by_model = expired.delete()
    return removed
