"""Keep a deleted row for a while, and put it back (docs/deleting.md).

``keep_deleted`` and ``put_back`` are building blocks: they check no permission. The apps'
delete services call ``keep_deleted``; ``deleted_restore`` restores an entry after asking the
kind registered by its app (``samsyn.core.restorable``) whether the actor may, and writes the
audit event.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import RESTORE_PERIOD, DeletedRecord, Forbund, User
from samsyn.core.restorable import kind_get, scope_get
from samsyn.core.selectors.deleted import restorable_get
from samsyn.core.versioning import StaleEditError

# The audit event of a restore is a ``create`` (the row exists again) whose description starts
# with this, so the log tells a restore from a new row (docs/audit.md).
RESTORED_PREFIX = "Återställd efter borttagning: "


def restored_note(label: str) -> str:
    return f"{RESTORED_PREFIX}{label}"[:255]


def keep_deleted(
    *,
    instance: models.Model,
    forbund: Forbund,
    scope: str,
    scope_id: int,
    kind: str,
    label: str,
    actor: User,
    also: Sequence[models.Model] = (),
    children: Sequence[models.Model] = (),
) -> DeletedRecord:
    """Store ``instance``'s field values before it is deleted (call it in the same
    transaction as the delete, before the delete when ``children`` are cascade-deleted).
    ``also``: rows deleted with it that a restore puts back first (a training attendance's
    person who attended nothing else); ``children``: rows deleted with it that point to it and
    are put back after it (a förbund income's municipality shares)."""
    data = json.loads(serializers.serialize("json", [instance]))[0]
    if also:
        data["also"] = json.loads(serializers.serialize("json", list(also)))
    if children:
        data["children"] = json.loads(serializers.serialize("json", list(children)))
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


GONE = _("Raden kan inte återställas eftersom det den hörde till har tagits bort sedan dess.")
CLASH = _("Raden kan inte återställas eftersom en likadan rad har lagts till sedan dess.")


def _deserialized(rows: list[dict[str, object]]) -> list[models.Model]:
    return [item.object for item in serializers.deserialize("json", json.dumps(rows))]


def _refers_to_gone(obj: models.Model) -> bool:
    """Whether a foreign key of ``obj`` names a row that no longer exists (PostgreSQL checks
    foreign keys only at commit, too late for a message)."""
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.ForeignKey):
            continue
        value = getattr(obj, field.attname)
        related = field.related_model
        if value is not None and not related._base_manager.filter(pk=value).exists():
            return True
    return False


# Not compared when looking for an identical row entered since: the key, the version and
# values a database compares badly or that differ by nature (JSON, files, timestamps).
_NOT_COMPARED = (models.JSONField, models.FileField, models.DateTimeField)


def _identical_exists(obj: models.Model) -> bool:
    """Whether a row with the same values as ``obj`` (a goal, a decision, a budget line typed
    in again by hand) has been entered since: restoring would make a duplicate."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not field.primary_key
        and field.name != "version"
        and not isinstance(field, _NOT_COMPARED)
    }
    return type(obj)._base_manager.filter(**values).exists()


def _insert(obj: models.Model) -> None:
    if _refers_to_gone(obj):
        raise ValidationError(GONE)
    if hasattr(obj, "version"):
        obj.version = int(obj.version) + 1
    obj.save(force_insert=True)


def put_back(entry: DeletedRecord) -> models.Model:
    """Insert the kept row (and the rows kept with it) again under their old keys and mark
    the entry restored. A row that would clash with one entered since (the same key, the same
    unique values, or all the same values), or that belonged to something deleted since, is
    refused with a Swedish message and nothing changes. The caller holds the transaction."""
    main = {key: value for key, value in entry.data.items() if key not in ("also", "children")}
    (obj,) = _deserialized([main])
    if type(obj)._default_manager.filter(pk=obj.pk).exists():
        raise StaleEditError()
    if _identical_exists(obj):
        raise ValidationError(CLASH)
    rows = [
        *_deserialized(entry.data.get("also", [])),
        obj,
        *_deserialized(entry.data.get("children", [])),
    ]
    try:
        with transaction.atomic():
            for row in rows:
                _insert(row)
    except IntegrityError as error:
        raise ValidationError(CLASH) from error
    entry.restored_at = timezone.now()
    entry.save(update_fields=["restored_at"])
    return obj


@transaction.atomic
def deleted_restore(*, actor: User, scope: str, scope_id: int, entry_id: int) -> DeletedRecord:
    """Put a deleted row back into the object ``scope``/``scope_id``. 404 unless the entry is
    that object's, young enough, not restored, of a kind registered for the scope, and the
    actor may change such rows there (the kind's own rule); a row that clashes with one
    entered since, or an object that may no longer be changed, is refused in Swedish."""
    registered = scope_get(scope)
    if registered is None:
        raise Http404
    place = registered.place(actor, scope_id)
    entry = restorable_get(
        forbund_id=place.forbund_id, scope=scope, scope_id=scope_id, entry_id=entry_id
    )
    kind = kind_get(scope, entry.kind)
    if kind is None:
        raise Http404
    restorer = kind.restorer(actor, scope_id)
    entry = DeletedRecord.objects.select_for_update().select_related("forbund").get(pk=entry.pk)
    if entry.data.get("model") != kind.model or entry.restored_at is not None:
        raise Http404
    obj = put_back(entry)
    for after in (restorer.after, kind.after):
        if after is not None:
            after(obj)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        forbund=entry.forbund,
        intervention=restorer.intervention,
        role=restorer.role,
        obj=obj,
        detail=restored_note(entry.label),
    )
    return entry


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
