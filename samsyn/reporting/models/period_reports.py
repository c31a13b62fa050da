"""Period reports: a draft for one scheduled period of an intervention, with the figures
computed live and narrative sections written by the insatsansvarig, frozen ("fastställd")
as a snapshot that later data changes do not alter."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class ReportKind(models.TextChoices):
    QUARTER = "kvartal", _("Kvartalsrapport")
    YEAR = "ar", _("Årsrapport")
    FINAL = "slut", _("Slutrapport")


class ReportStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    APPROVED = "faststalld", _("Fastställd")


class PeriodReport(Versioned):
    """One report of an intervention's schedule (samsyn/interventions/periods.py).

    The narrative follows the analysis model of the seeds (SKL's): what do we see, what to
    focus on, causes, conclusions, proposed actions. ``snapshot`` is empty while a draft and
    holds every figure (JSON, suppressed as for the steering group) once approved.
    """

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        related_name="period_reports",
        verbose_name=_("insats"),
    )
    kind = models.CharField(_("typ"), max_length=8, choices=ReportKind.choices)
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    title = models.CharField(_("rubrik"), max_length=200)
    period_from = models.DateField(_("från"))
    period_to = models.DateField(_("till"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    observations = models.TextField(_("Vad ser vi?"), blank=True)
    focus = models.TextField(_("Fokus"), blank=True)
    causes = models.TextField(_("Orsaker"), blank=True)
    conclusions = models.TextField(_("Slutsatser"), blank=True)
    proposed_actions = models.TextField(_("Förslag till åtgärder"), blank=True)
    snapshot = models.JSONField(_("ögonblicksbild"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("fastställd"), null=True, blank=True)
    # Set only when the report was approved before its period had ended (issue #15, item 9):
    # why the steering group got it early. Shown on the report and in its documents.
    early_approval_reason = models.TextField(
        _("skäl att fastställa före periodens slut"), blank=True, editable=False
    )

    class Meta:
        verbose_name = _("periodrapport")
        verbose_name_plural = _("periodrapporter")
        ordering = ["intervention", "period_from", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "kind", "period_from", "period_to"],
                name="periodreport_unique_period",
            ),
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")), name="periodreport_period_order"
            ),
            models.CheckConstraint(
                condition=Q(status="utkast") | Q(snapshot__isnull=False),
                name="periodreport_approved_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.status == ReportStatus.APPROVED

    def period_has_ended(self, today: datetime.date) -> bool:
        """The period is over once its last day has passed."""
        return today > self.period_to
