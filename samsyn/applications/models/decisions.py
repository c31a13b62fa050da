"""The decision on an application, recorded by the body that made it, and deviation reports."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samsyn.applications.models.applications import DecisionOutcome
from samsyn.core.versioning import Versioned
from samsyn.interventions.models.finance import YEAR_VALIDATORS, money_field


class DecidingBody(models.TextChoices):
    WORKING_COMMITTEE = "au", _("Arbetsutskottet (AU)")
    BOARD = "styrelse", _("Styrelsen")
    # A decision taken by the förbund's chief under the board's delegation.
    DELEGATION = "delegation", _("Förbundschef på delegation")


def minutes_upload_path(instance: Decision, filename: str) -> str:
    return f"applications/{instance.application_id}/beslut/{filename}"


class Decision(Versioned):
    """The decision: body, date, paragraph (§), outcome, conditions, granted maximum per year
    (``DecisionYear``) and the minutes. "De i beslut beviljade medlen utgör ett maxbelopp,
    och grund för ersättning är faktisk upparbetade kostnader" (seed 003)."""

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("ansökan"),
    )
    body = models.CharField(_("beslutande organ"), max_length=16, choices=DecidingBody.choices)
    decided_on = models.DateField(_("beslutsdatum"))
    paragraph = models.CharField(_("paragraf"), max_length=20)
    outcome = models.CharField(_("beslut"), max_length=24, choices=DecisionOutcome.choices)
    conditions = models.TextField(_("villkor"), blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    minutes = models.FileField(_("protokoll"), upload_to=minutes_upload_path, blank=True)
    recorded_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("registrerat av")
    )
    recorded_at = models.DateTimeField(_("registrerat"), auto_now_add=True)

    class Meta:
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        ordering = ["-decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="beviljad_villkor") | ~Q(conditions=""),
                name="decision_conditions_stated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.decided_on} {self.paragraph}"

    @property
    def is_granted(self) -> bool:
        return self.outcome != DecisionOutcome.REFUSED


class DecisionYear(models.Model):
    """The granted maximum of one year (the förbund's money only)."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="years", verbose_name=_("beslut")
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    granted_amount = money_field(_("beviljat högst (kr)"))

    class Meta:
        verbose_name = _("beviljat belopp per år")
        verbose_name_plural = _("beviljade belopp per år")
        ordering = ["decision", "year"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "year"], name="decisionyear_unique"),
            models.CheckConstraint(
                condition=Q(granted_amount__gte=0), name="decisionyear_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.granted_amount}"


class DeviationStatus(models.TextChoices):
    REPORTED = "rapporterad", _("Rapporterad")
    ACKNOWLEDGED = "kvitterad", _("Kvitterad av förbundet")
    # The förbund asked for a change application or decided on the deviation.
    LED_TO_DECISION = "till_beslut", _("Går till beslut")
    CLOSED = "avslutad", _("Avslutad")


class DeviationReport(Versioned):
    """ "Viktiga förändringar i insatsen ska avvikelserapporteras i särskild ordning"
    (seed 003): the insatsansvarig reports, the förbund acknowledges, and the report may lead
    to a change application and a decision."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        related_name="deviation_reports",
        verbose_name=_("insats"),
    )
    reported_on = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("vad avviker och varför"))
    proposed_action = models.TextField(_("förslag till åtgärd"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DeviationStatus.choices, default="rapporterad"
    )
    response = models.TextField(_("förbundets svar"), blank=True)
    follow_up_application = models.ForeignKey(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deviation_reports",
        verbose_name=_("ändringsansökan"),
    )
    reported_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("rapporterad av")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("avvikelserapport")
        verbose_name_plural = _("avvikelserapporter")
        ordering = ["intervention", "-reported_on", "id"]

    def __str__(self) -> str:
        return self.title
