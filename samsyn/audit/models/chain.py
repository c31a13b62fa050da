"""The hash chain over the access log: tamper evidence that does not rely on the database role.

The append-only triggers stop the application from changing the log, but whoever owns the
table can drop them. The chain makes a change visible afterwards: every event gets a link that
carries the hash of the previous link and its own hash over the event's stored fields, so a
changed, removed or inserted event breaks the chain at that point (``verify_audit_chain``).

Why links in their own table instead of two columns on the event: an event is written inside
the business transaction that caused it (an import may run for a minute). Chaining it there
would need a lock on "the last event" held until that transaction commits, and every other
request that logs something would wait. Links are made right after the commit instead, in a
short transaction of their own (``seal_pending``), in commit order.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditChainLink(models.Model):
    """One event's place in the chain. Rows are only ever inserted (triggers, like the log)."""

    # The event's id, without a foreign-key constraint: a purged event leaves its link to the
    # purge, and a deleted event must show up as a link without its event, not cascade away.
    event = models.OneToOneField(
        "audit.AuditEvent",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="chain_link",
        verbose_name=_("logghändelse"),
    )
    previous_hash = models.CharField(_("föregående hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)
    sealed_at = models.DateTimeField(_("kedjad"), auto_now_add=True)

    class Meta:
        verbose_name = _("länk i loggkedjan")
        verbose_name_plural = _("länkar i loggkedjan")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.pk}: {self.hash[:12]}"


class AuditChainCheckpoint(models.Model):
    """Where the chain starts after a purge: the last purged link's hash, so the remaining
    chain still verifies from its first link."""

    after_link_id = models.BigIntegerField(_("efter länk"))
    hash = models.CharField(_("hash"), max_length=64)
    events_purged = models.PositiveBigIntegerField(_("gallrade händelser"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("kontrollpunkt i loggkedjan")
        verbose_name_plural = _("kontrollpunkter i loggkedjan")
        ordering = ["-after_link_id"]

    def __str__(self) -> str:
        return f"{self.after_link_id}: {self.hash[:12]}"
