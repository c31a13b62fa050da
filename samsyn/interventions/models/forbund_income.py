"""The förbund's income from its members per year (docs/forbund-budget.md).

By § 5 of lag (2003:1210) om finansiell samordning av rehabiliteringsinsatser, Försäkringskassan
(the state) contributes half of the money, the region a quarter and the municipalities
together a quarter. How the municipalities' quarter is split between them is the förbund's
own agreement (its förbundsordning): ``MunicipalityShare`` holds one percentage per
municipality and year, and the shares of a year add up to 100 %.

Only the total is stored; the state's, the region's and each municipality's amount are
derived from it (``samsyn/interventions/selectors/forbund_income.py``), so they cannot drift
apart from the rule.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.interventions.models.finance import YEAR_VALIDATORS, money_field

# The binding split of § 5 (issue #12): state, region, municipalities together.
STATE_SHARE = Decimal("0.50")
REGION_SHARE = Decimal("0.25")
MUNICIPALITIES_SHARE = Decimal("0.25")


class ForbundIncome(Versioned):
    """The members' total contribution to the förbund for one year."""

    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.CASCADE,
        related_name="member_incomes",
        verbose_name=_("förbund"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    total_amount = money_field(_("medlemsbidrag totalt (kr)"))
    # The decision or agreement it rests on, e.g. "Förbundsordning 2024, § 9".
    reference = models.CharField(_("beslut eller överenskommelse"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("medlemsbidrag")
        verbose_name_plural = _("medlemsbidrag")
        ordering = ["forbund", "year"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "year"], name="forbundincome_unique_year"),
            models.CheckConstraint(
                condition=Q(total_amount__gte=0), name="forbundincome_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.total_amount}"


class MunicipalityShare(models.Model):
    """One municipality's share (in per cent) of the municipalities' quarter for a year.
    Written together with its year's ``ForbundIncome`` (whose version guards both)."""

    income = models.ForeignKey(
        ForbundIncome,
        on_delete=models.CASCADE,
        related_name="municipality_shares",
        verbose_name=_("medlemsbidrag"),
    )
    party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("kommun")
    )
    share_percent = models.DecimalField(_("andel (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("kommunens andel")
        verbose_name_plural = _("kommunernas andelar")
        ordering = ["income", "-share_percent", "party_id"]
        constraints = [
            models.UniqueConstraint(fields=["income", "party"], name="municipalityshare_unique"),
            models.CheckConstraint(
                condition=Q(share_percent__gt=0) & Q(share_percent__lte=100),
                name="municipalityshare_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_id}: {self.share_percent} %"
