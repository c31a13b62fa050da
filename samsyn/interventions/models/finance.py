"""Money: budget per year and cost category, financing per source, actual costs per month.

Amounts are Swedish kronor with öre (``Decimal``), never floats. Sums and cost per
participant are computed in SQL by ``samsyn/interventions/selectors/finance.py``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise

YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def money_field(
    verbose_name: StrOrPromise, *, default: Any = models.NOT_PROVIDED
) -> models.DecimalField[str | float | Decimal | Combinable, Decimal]:
    """An amount in kronor with öre: up to ten digits of kronor and two of öre."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, default=default)


class CostCategory(models.TextChoices):
    """The cost categories of a förbund's application and budget template (DOMAIN.md)."""

    SALARIES = "loner", _("Löner")
    PREMISES = "lokaler", _("Lokaler")
    EVALUATION = "utvardering", _("Utvärdering")
    DISSEMINATION = "spridning", _("Spridningsseminarier")
    STAFF_TRAINING = "kompetensutveckling", _("Kompetensutveckling för personal")
    PURCHASED_SERVICES = "kopta_tjanster", _("Köpta tjänster för deltagare")
    PARTICIPANT_ACTIVITIES = "deltagaraktiviteter", _("Övriga deltagaraktiviteter")
    PHONE_IT = "telefon_it", _("Telefon och IT")
    TRAVEL = "resor", _("Resor")
    INTERPRETER = "tolk", _("Tolk")
    INFORMATION = "informationsmaterial", _("Informationsmaterial")
    OTHER = "ovrigt", _("Övrigt")


class FundingSource(models.TextChoices):
    """Who pays a krona (issue #12): every budget line, financing row and actual cost names it."""

    FORBUND = "forbund", _("Samordningsförbundet")
    PARTY = "part", _("Parts egenfinansiering i pengar")
    # A party's own financing in kind: staff time, premises (seed 004).
    IN_KIND = "part_natura", _("Parts egenfinansiering i natura")
    ESF = "esf", _("ESF")
    SOLD_PLACES = "salda_platser", _("Sålda platser")
    OTHER = "annan", _("Annan finansiering")


# The sources that are a party's own financing: they name the party (funder_party/party).
PARTY_SOURCES = (FundingSource.PARTY.value, FundingSource.IN_KIND.value)


def _party_matches_funder() -> Q:
    """A party is named exactly when the funder is a party's own financing."""
    own = Q(funder__in=PARTY_SOURCES)
    return (own & Q(funder_party__isnull=False)) | (~own & Q(funder_party__isnull=True))


class BudgetLine(Versioned):
    """One budgeted amount for a year and category (several salary lines may share one)."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("insats"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    category = models.CharField(_("kostnadsslag"), max_length=24, choices=CostCategory.choices)
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)
    amount = money_field(_("belopp (kr)"))
    # Salaries: the share of a full-time post and the months it covers.
    fte_percent = models.DecimalField(
        _("tjänstgöringsgrad (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    period_from = models.DateField(_("från"), null=True, blank=True)
    period_to = models.DateField(_("till"), null=True, blank=True)
    # Who pays this line (docs/money.md): the förbund's grant unless said otherwise.
    funder = models.CharField(
        _("finansiär"), max_length=16, choices=FundingSource.choices, default="forbund"
    )
    funder_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finansierande part"),
    )

    class Meta:
        verbose_name = _("budgetrad")
        verbose_name_plural = _("budgetrader")
        ordering = ["intervention", "year", "category", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budgetline_amount_positive"),
            models.CheckConstraint(
                condition=Q(fte_percent__isnull=True)
                | (Q(fte_percent__gt=0) & Q(fte_percent__lte=100)),
                name="budgetline_fte_range",
            ),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True)
                | Q(period_to__isnull=True)
                | Q(period_to__gte=F("period_from")),
                name="budgetline_period_order",
            ),
            models.CheckConstraint(
                condition=_party_matches_funder(), name="budgetline_funder_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()}: {self.amount}"


class Financing(Versioned):
    """Where a year's money comes from: the förbund, a party's own financing, ESF, other
    municipalities buying places (``places × price_per_place``), or other sources."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="financing",
        verbose_name=_("insats"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("finansiär"), max_length=16, choices=FundingSource.choices)
    party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part"),
    )
    # Sold places: the buying municipality, the number of places and the price per person.
    municipality_code = models.CharField(_("köpande kommun"), max_length=4, blank=True)
    places = models.PositiveSmallIntegerField(_("antal platser"), null=True, blank=True)
    price_per_place = models.DecimalField(
        _("pris per plats (kr)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount = money_field(_("belopp (kr)"))
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("finansiering")
        verbose_name_plural = _("finansiering")
        ordering = ["intervention", "year", "source", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="financing_amount_positive"),
            models.CheckConstraint(
                condition=~Q(source__in=PARTY_SOURCES) | Q(party__isnull=False),
                name="financing_party_source_has_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()}: {self.amount}"


class ActualCost(Versioned):
    """The outcome (utfall) of one cost category in one month, entered or imported."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="actual_costs",
        verbose_name=_("insats"),
    )
    # Always the first day of the month.
    month = models.DateField(_("månad"))
    category = models.CharField(_("kostnadsslag"), max_length=24, choices=CostCategory.choices)
    amount = money_field(_("belopp (kr)"))
    note = models.CharField(_("kommentar"), max_length=200, blank=True)
    # Who pays this line (docs/money.md): the förbund's grant unless said otherwise.
    funder = models.CharField(
        _("finansiär"), max_length=16, choices=FundingSource.choices, default="forbund"
    )
    funder_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finansierande part"),
    )

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ["intervention", "month", "category", "funder"]
        constraints = [
            # One row per month, category and funder (and financing party). NULL never equals
            # NULL in a unique index, so the rows without a party get a constraint of their own
            # (as Membership does); both work on PostgreSQL and SQLite.
            models.UniqueConstraint(
                fields=["intervention", "month", "category", "funder", "funder_party"],
                condition=Q(funder_party__isnull=False),
                name="actualcost_unique_month_party",
            ),
            models.UniqueConstraint(
                fields=["intervention", "month", "category", "funder"],
                condition=Q(funder_party__isnull=True),
                name="actualcost_unique_month_funder",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="actualcost_amount_positive"),
            models.CheckConstraint(
                condition=_party_matches_funder(), name="actualcost_funder_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.get_category_display()}: {self.amount}"


class Grant(Versioned):
    """The förbund's granted maximum for one year of an intervention ("De i beslut beviljade
    medlen utgör ett maxbelopp", seed 003). Written by the decision on an application
    (samsyn/applications), or by hand for a decision taken before Samsyn was used."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("insats"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    amount = money_field(_("beviljat högst (kr)"))
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    # The decision in words, e.g. "Styrelsen 2026-03-12 § 14".
    reference = models.CharField(_("beslut"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("beviljade medel")
        verbose_name_plural = _("beviljade medel")
        ordering = ["intervention", "year"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "year"], name="grant_unique_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="grant_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class AdministrationCost(Versioned):
    """The förbund's own administration per year (SUS's cost report shows it apart)."""

    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.CASCADE,
        related_name="administration_costs",
        verbose_name=_("förbund"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    budget = money_field(_("budget (kr)"), default=0)
    amount = money_field(_("utfall (kr)"), default=0)
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("administrationskostnad")
        verbose_name_plural = _("administrationskostnader")
        ordering = ["forbund", "year"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "year"], name="admincost_unique_year"),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(budget__gte=0), name="admincost_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.amount}"


class AnnualPlan(Versioned):
    """What the application promised for one year: the number of participants planned
    (Uppföljning Finsam asks for it beside the actual counts)."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="annual_plans",
        verbose_name=_("insats"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    planned_participants = models.PositiveIntegerField(_("planerat antal deltagare"))

    class Meta:
        verbose_name = _("årsplan")
        verbose_name_plural = _("årsplaner")
        ordering = ["intervention", "year"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "year"], name="annualplan_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.planned_participants}"
