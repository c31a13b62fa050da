"""Documented spot checks (stickprov) of the access log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models.events import AuditEvent
from samsyn.core.versioning import Versioned


class LogReview(Versioned):
    """A documented spot check (stickprov) of the access log by a granskare."""

    forbund = models.ForeignKey(
        "core.Forbund", on_delete=models.PROTECT, related_name="log_reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="log_reviews"
    )
    drawn_at = models.DateTimeField(_("stickprov draget"), default=timezone.now)
    criteria = models.JSONField(_("urval"), default=dict, blank=True)
    sample_size = models.PositiveSmallIntegerField(_("antal händelser"))
    events = models.ManyToManyField(AuditEvent, related_name="reviews", verbose_name=_("händelser"))
    findings = models.TextField(_("iakttagelser"), blank=True)
    deviations_found = models.BooleanField(_("avvikelser hittades"), default=False)
    completed_at = models.DateTimeField(_("granskning genomförd"), null=True, blank=True)
    # Who marked the check as done; a colleague in the same förbund may finish a review.
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("genomförd av"),
    )

    class Meta:
        verbose_name = _("logggranskning")
        verbose_name_plural = _("logggranskningar")
        ordering = ["-drawn_at"]

    def __str__(self) -> str:
        return f"{self.forbund} {self.drawn_at:%Y-%m-%d}"
