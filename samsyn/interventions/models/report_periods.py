"""An intervention's report schedule once it has been edited.

Without rows here the schedule is generated from the intervention's dates
(samsyn/interventions/periods.py: calendar quarters, calendar years, the final report). The
first change (add, move, rename a period; samsyn/reporting/services/report_schedule.py)
stores the generated schedule here and applies the change; from then on the stored rows are
the schedule (seed 000: "Rapport 7. 20231001-20231231" follows Rapport 6 of 2023 Q2, a
quarter is skipped)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.interventions.models.intervention import Intervention


class ReportPeriodKind(models.TextChoices):
    # The values of samsyn.interventions.periods.PeriodKind.
    QUARTER = "quarter", _("Kvartalsrapport")
    YEAR = "year", _("Årsrapport")
    FINAL = "final", _("Slutrapport")


class StoredReportPeriod(Versioned):
    intervention = models.ForeignKey(
        Intervention,
        on_delete=models.CASCADE,
        related_name="report_periods",
        verbose_name=_("insats"),
    )
    kind = models.CharField(_("typ av rapport"), max_length=10, choices=ReportPeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("nummer"))
    label = models.CharField(_("namn"), max_length=200)
    date_from = models.DateField(_("från"))
    date_to = models.DateField(_("till"))

    class Meta:
        verbose_name = _("rapportperiod")
        verbose_name_plural = _("rapportperioder")
        ordering = ["intervention", "kind", "date_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "kind", "number"], name="report_period_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(date_to__gte=models.F("date_from")),
                name="report_period_ordered_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.label
