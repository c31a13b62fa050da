"""Payment claims (rekvisition): the intervention owner claims the förbund's money for a
period against recorded actual costs, up to the granted amount of the year."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.interventions.models.finance import YEAR_VALIDATORS, money_field


class ClaimStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    SUBMITTED = "inskickad", _("Inskickad")
    APPROVED = "godkand", _("Godkänd")
    # Approved with another amount than claimed, with the reason.
    ADJUSTED = "justerad", _("Godkänd med justerat belopp")
    REFUSED = "avslagen", _("Avslagen")
    PAID = "utbetald", _("Utbetald")


class PaymentClaim(Versioned):
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        related_name="payment_claims",
        verbose_name=_("insats"),
    )
    # The grant year the claim draws on; the period lies within it.
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    period_from = models.DateField(_("från"))
    period_to = models.DateField(_("till"))
    # The förbund-funded actual costs of the period when the claim was submitted.
    cost_basis = money_field(_("redovisade kostnader (kr)"), default=0)
    claimed_amount = money_field(_("begärt belopp (kr)"))
    status = models.CharField(
        _("status"), max_length=16, choices=ClaimStatus.choices, default="utkast"
    )
    approved_amount = models.DecimalField(
        _("godkänt belopp (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    adjustment_reason = models.TextField(_("skäl till justering"), blank=True)
    paid_amount = models.DecimalField(
        _("utbetalt belopp (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    paid_on = models.DateField(_("utbetalt"), null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    created_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("skapad av")
    )
    submitted_on = models.DateField(_("inskickad"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslutad av"),
    )
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)

    class Meta:
        verbose_name = _("rekvisition")
        verbose_name_plural = _("rekvisitioner")
        ordering = ["intervention", "year", "period_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")), name="paymentclaim_period_order"
            ),
            models.CheckConstraint(
                condition=Q(claimed_amount__gte=0)
                & (Q(approved_amount__isnull=True) | Q(approved_amount__gte=0))
                & (Q(paid_amount__isnull=True) | Q(paid_amount__gte=0)),
                name="paymentclaim_amounts_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intervention} {self.period_from}–{self.period_to}: {self.claimed_amount}"
