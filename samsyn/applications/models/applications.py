"""An application (ansökan) for funding, in the sections of seed 003, with its budget.

Three kinds go the same path (draft → submitted → beredning → decision): a new intervention,
a change to a running one (more money, a longer period, a changed target group: seed 002,
"Styrelse fattar beslut vid förändringar") and the yearly continuation decision.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.interventions.models.finance import YEAR_VALIDATORS, CostCategory, money_field
from samsyn.interventions.models.intervention import (
    GoalComparison,
    GoalGender,
    Orientation,
)


class ApplicationKind(models.TextChoices):
    NEW = "ny", _("Ny insats")
    CHANGE = "andring", _("Ändring")
    CONTINUATION = "fortsattning", _("Fortsättning")


class ApplicationStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    SUBMITTED = "inskickad", _("Inskickad")
    IN_PREPARATION = "beredning", _("Under beredning")
    # The förbund asked the applicant questions; the applicant answers and resubmits.
    RETURNED = "komplettering", _("Komplettering begärd")
    DECIDED = "beslutad", _("Beslutad")
    WITHDRAWN = "aterkallad", _("Återkallad")


class DecisionOutcome(models.TextChoices):
    GRANTED = "beviljad", _("Beviljad")
    GRANTED_WITH_CONDITIONS = "beviljad_villkor", _("Beviljad med villkor")
    REFUSED = "avslagen", _("Avslagen")


class ChangeKind(models.TextChoices):
    """What a change application changes (several may apply)."""

    MONEY = "medel", _("Mer medel")
    PERIOD = "period", _("Längre period")
    TARGET_GROUP = "malgrupp", _("Ändrad målgrupp")
    OTHER = "annat", _("Annan ändring")


class Application(Versioned):
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("förbund"),
    )
    call = models.ForeignKey(
        "applications.Call",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("utlysning"),
    )
    kind = models.CharField(
        _("typ av ansökan"), max_length=16, choices=ApplicationKind.choices, default="ny"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default="utkast"
    )
    # A change or continuation concerns a running intervention; a granted new application
    # becomes one (set by the decision), so the link runs both ways.
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("insats"),
    )
    # The party applying (insatsägare) and the partners (samverkansparter).
    applicant_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("insatsägare"),
    )
    partner_parties = models.ManyToManyField(
        "core.Party",
        blank=True,
        related_name="partner_applications",
        verbose_name=_("samverkansparter"),
    )
    created_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("skapad av")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    submitted_on = models.DateField(_("inskickad"), null=True, blank=True)

    # Seed 003's sections.
    name = models.CharField(_("insatsens namn"), max_length=200)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    goals_text = models.TextField(_("mål"), blank=True)
    background = models.TextField(_("bakgrund och behov"), blank=True)
    target_group = models.TextField(_("målgrupp"), blank=True)
    method = models.TextField(_("metod"), blank=True)
    methods = models.JSONField(_("metoder"), default=list, blank=True)
    orientation = models.CharField(
        _("inriktning"), max_length=24, choices=Orientation.choices, default="individinriktad"
    )
    implementation = models.TextField(_("implementering"), blank=True)
    follow_up = models.TextField(_("uppföljning och utvärdering"), blank=True)
    anchoring = models.TextField(_("förankring"), blank=True)
    # "Har ansökan diskuterats i aktuell LOKUS-grupp eller i den strategiska
    # utvecklingsgruppen?" (seed 003): unanswered, yes or no.
    lokus_discussed = models.BooleanField(_("diskuterad i LOKUS-grupp"), null=True, blank=True)
    lokus_comment = models.TextField(_("kommentar om LOKUS"), blank=True)
    planned_start = models.DateField(_("planerat startdatum"), null=True, blank=True)
    planned_end = models.DateField(_("planerat slutdatum"), null=True, blank=True)
    last_intake_date = models.DateField(_("sista intag"), null=True, blank=True)
    # Change applications: what changes and why.
    change_kinds = models.JSONField(_("vad ändras"), default=list, blank=True)
    change_description = models.TextField(_("beskrivning av ändringen"), blank=True)

    # Beredning: the förbund staff's recommendation to the deciding body.
    recommendation = models.CharField(
        _("förslag till beslut"), max_length=24, blank=True, choices=DecisionOutcome.choices
    )
    recommendation_text = models.TextField(_("motivering"), blank=True)

    class Meta:
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        ordering = ["forbund", "-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="application_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(kind="ny") | Q(intervention__isnull=False),
                name="application_change_names_intervention",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ApplicationBudgetLine(models.Model):
    """One cost of one year and cost category, and who pays it (seed 003's budget table:
    "Att rekvirera från Samordningsförbundet | Projektägarnas egenfinansiering | Totalt").

    ``amount`` is the line's total; the funder columns must add up to it exactly, and the
    co-financing columns name the party that pays them.
    """

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("ansökan"),
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    category = models.CharField(_("kostnadsslag"), max_length=24, choices=CostCategory.choices)
    description = models.CharField(_("beskrivning"), max_length=200, blank=True)
    fte_percent = models.DecimalField(
        _("tjänstgöringsgrad (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    period_from = models.DateField(_("från"), null=True, blank=True)
    period_to = models.DateField(_("till"), null=True, blank=True)
    amount = money_field(_("totalt (kr)"))
    forbund_amount = money_field(_("från samordningsförbundet (kr)"), default=0)
    own_money_amount = money_field(_("egenfinansiering i pengar (kr)"), default=0)
    in_kind_amount = money_field(_("egenfinansiering i arbetstid eller annat (kr)"), default=0)
    sold_places_amount = money_field(_("sålda platser (kr)"), default=0)
    other_amount = money_field(_("andra intäkter (kr)"), default=0)
    cofinancing_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medfinansierande part"),
    )

    class Meta:
        verbose_name = _("budgetrad i ansökan")
        verbose_name_plural = _("budgetrader i ansökan")
        ordering = ["application", "year", "category", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0)
                & Q(forbund_amount__gte=0)
                & Q(own_money_amount__gte=0)
                & Q(in_kind_amount__gte=0)
                & Q(sold_places_amount__gte=0)
                & Q(other_amount__gte=0),
                name="applicationbudget_amounts_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_category_display()}: {self.amount}"


class ApplicationYear(models.Model):
    """Per year: the participants the application plans for (becomes the AnnualPlan)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="years", verbose_name=_("ansökan")
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=YEAR_VALIDATORS)
    planned_participants = models.PositiveIntegerField(_("planerat antal deltagare"), default=0)

    class Meta:
        verbose_name = _("år i ansökan")
        verbose_name_plural = _("år i ansökan")
        ordering = ["application", "year"]
        constraints = [
            models.UniqueConstraint(fields=["application", "year"], name="applicationyear_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.planned_participants}"


class ApplicationGoal(models.Model):
    """A goal with a target, in the terms of the intervention's Goal (becomes one)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="goals", verbose_name=_("ansökan")
    )
    metric_id = models.CharField(_("mått"), max_length=64)
    comparison = models.CharField(
        _("jämförelse"), max_length=16, choices=GoalComparison.choices, default="at_least"
    )
    target = models.DecimalField(_("målvärde"), max_digits=9, decimal_places=2)
    target_max = models.DecimalField(
        _("högsta målvärde"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    gender = models.CharField(_("kön"), max_length=8, choices=GoalGender.choices, default="total")
    label = models.CharField(_("beskrivning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mål i ansökan")
        verbose_name_plural = _("mål i ansökan")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.label or self.metric_id


def attachment_upload_path(instance: ApplicationAttachment, filename: str) -> str:
    return f"applications/{instance.application_id}/{filename}"


class ApplicationAttachment(models.Model):
    """A file attached by the applicant (detailed budget, agreements). Sealed at rest by the
    default storage (samsyn/core/files/encrypted_storage.py)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("ansökan")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil"), upload_to=attachment_upload_path)
    uploaded_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("uppladdad av")
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.title


class ApplicationSignature(models.Model):
    """ "Inför behandling ... skall samtliga parter behöriga beslutsfattare ha skrivit under"
    (seed 003): one signature per party, recorded by name and date."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("ansökan")
    )
    party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    signer_name = models.CharField(_("namn"), max_length=200)
    signer_title = models.CharField(_("befattning"), max_length=200, blank=True)
    signed_on = models.DateField(_("datum"))

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "party"], name="applicationsignature_one_per_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} {self.signed_on}"


class NoteKind(models.TextChoices):
    COMMENT = "kommentar", _("Kommentar i beredningen")
    QUESTION = "fraga", _("Fråga till sökande")
    ANSWER = "svar", _("Svar från sökande")


class PreparationNote(models.Model):
    """Beredning: the förbund staff's comments (internal), their questions back to the
    applicant and the applicant's answers. Append-only, like a case's history."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes", verbose_name=_("ansökan")
    )
    kind = models.CharField(_("typ"), max_length=16, choices=NoteKind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("av")
    )
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)

    class Meta:
        verbose_name = _("beredningsanteckning")
        verbose_name_plural = _("beredningsanteckningar")
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d}"
