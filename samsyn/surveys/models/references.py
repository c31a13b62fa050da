"""National reference values: the share positive per indicator that NNS reports nationally
each year, entered by the förbund from NNS's yearly report so its own results can be
compared with them (issue #13, item 4). Samsyn ships no reference values: they are NNS's."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR


class NationalReference(Versioned):
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.PROTECT,
        related_name="survey_references",
        verbose_name=_("förbund"),
    )
    # By key, not by instrument row: the reference belongs to every version of the instrument.
    instrument_key = models.SlugField(_("instrumentets nyckel"), max_length=60)
    indicator_code = models.CharField(_("indikatorns kod"), max_length=20)
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    share_positive = models.DecimalField(
        _("andel positiva (%)"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    source = models.CharField(_("källa"), max_length=300)

    class Meta:
        verbose_name = _("nationellt referensvärde")
        verbose_name_plural = _("nationella referensvärden")
        ordering = ["instrument_key", "indicator_code", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "instrument_key", "indicator_code", "year"],
                name="surveys_reference_once_per_year",
            ),
            models.CheckConstraint(
                condition=Q(share_positive__gte=0) & Q(share_positive__lte=100),
                name="surveys_reference_share_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_key} {self.indicator_code} {self.year}"
