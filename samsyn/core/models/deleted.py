"""Deleted rows kept for a while so that a delete can be undone (docs/deleting.md).

When a restorable row is deleted its field values are kept here, serialised by Django's own
serialiser, together with the förbund and the object (``scope`` and ``scope_id``, e.g. the
intervention) whose page lists it. Within ``RESTORE_PERIOD`` a user who may edit that object
can put the row back; after it the entry is no longer offered (and a clean-up may remove it).
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.models.accounts import User
from samsyn.core.models.organisation import Forbund

# Samsyn's choice: long enough to notice a mistake at the next monthly follow-up, short enough
# that nobody restores a row into a picture that has changed a lot since (docs/deleting.md).
RESTORE_DAYS = 30
RESTORE_PERIOD = datetime.timedelta(days=RESTORE_DAYS)


class DeletedRecord(models.Model):
    forbund = models.ForeignKey(
        Forbund, on_delete=models.CASCADE, related_name="+", verbose_name=_("förbund")
    )
    scope = models.CharField(_("område"), max_length=32)
    scope_id = models.PositiveBigIntegerField(_("objekt"))
    kind = models.CharField(_("slag"), max_length=32)
    label = models.CharField(_("beskrivning"), max_length=300)
    data = models.JSONField(_("uppgifter"))
    deleted_at = models.DateTimeField(_("borttagen"), db_index=True)
    deleted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("borttagen av"),
    )
    restored_at = models.DateTimeField(_("återställd"), null=True, blank=True)

    class Meta:
        verbose_name = _("borttagen uppgift")
        verbose_name_plural = _("borttagna uppgifter")
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["scope", "scope_id"], name="core_deleted_scope_idx")]

    def __str__(self) -> str:
        return self.label
