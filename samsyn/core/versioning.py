"""Optimistic locking: two people editing the same record must not overwrite each other.

Editable models carry a ``version``. A form sends back the version it was rendered with; the
save only happens when the row still has that version, and then bumps it. A stale save raises
``StaleEditError`` and changes nothing; a form view then shows both versions
(samsyn/core/web/stale.py, docs/concurrent-editing.md).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

STALE_EDIT_MESSAGE = _(
    "Någon annan har ändrat uppgifterna medan du redigerade, så din ändring är inte sparad. "
    "Kopiera det du skrev innan du öppnar uppgifterna igen."
)


class StaleEditError(ValidationError):
    def __init__(self) -> None:
        super().__init__(STALE_EDIT_MESSAGE, code="stale")


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: Versioned, *, expected_version: int, fields: list[str]) -> None:
    """Write ``fields`` of ``instance`` if its row is still at ``expected_version``."""
    values = {name: getattr(instance, name) for name in fields}
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected_version)
        .update(version=F("version") + 1, **values)
    )
    if updated != 1:
        raise StaleEditError()
    instance.version = expected_version + 1


def delete_versioned(instance: Versioned, *, expected_version: int) -> None:
    """Delete ``instance`` if its row is still at ``expected_version``; a stale delete
    raises ``StaleEditError`` and deletes nothing (someone changed it in the meantime)."""
    deleted, _counts = (
        type(instance)._default_manager.filter(pk=instance.pk, version=expected_version).delete()
    )
    if not deleted:
        raise StaleEditError()
