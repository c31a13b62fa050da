"""Interventions (insatser): what a förbund funds, who runs it and how participants move."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class InterventionStatus(models.TextChoices):
    ANSOKAN = "ansokan", _("Ansökan")
    BEVILJAD = "beviljad", _("Beviljad")
    PAGAENDE = "pagaende", _("Pågående")
    AVSLUTAD = "avslutad", _("Avslutad")


class Orientation(models.TextChoices):
    INDIVIDINRIKTAD = "individinriktad", _("Individinriktad")
    STRUKTUROVERGRIPANDE = "strukturovergripande", _("Strukturövergripande")


class Method(models.TextChoices):
    IPS = "ips", _("IPS")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("Supported Employment")
    MI_STEGFORFLYTTNING = "mi_stegforflyttning", _("Motiverande samtal och stegförflyttning")
    RESURSINVENTERING = "resursinventering", _("Resursinventering")
    ACT = "act", _("ACT")
    BIP = "bip", _("BIP")


CRITERION_LSS = _("Personen ska ha ett LSS-beslut om daglig verksamhet.")
CRITERION_FORSORJNINGSSTOD = _("Personen ska ha långvarigt försörjningsstöd.")
CRITERION_PSYCHIATRY = _("Personen ska vara aktuell i psykiatrin.")
CRITERION_INCOME = _("Personens försörjning ska komma från en av de anvisande parterna.")
# Methods that place first and train on the job (seed 000: "arbetsplacering föregår
# utbildning"): their interventions follow the IPS way (docs/interventions.md).
IPS_WAY_METHODS = frozenset({Method.IPS.value, Method.SUPPORTED_EMPLOYMENT.value})


def follows_ips(methods: Iterable[str] | None) -> bool:
    """Whether methods place first (IPS, Supported Employment) rather than train first."""
    return bool(IPS_WAY_METHODS.intersection(methods or ()))


class ActivityApproach(models.TextChoices):
    """Which interventions offer an activity type (docs/interventions.md)."""

    ALLA = "alla", _("Alla insatser")
    # Training or testing the ability to work before a job: not in IPS (seed 000, seed 003).
    STEGVIS = "stegvis", _("Stegvisa insatser (inte IPS)")
    IPS = "ips", _("IPS och Supported Employment")


class Intervention(Versioned):
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.PROTECT,
        related_name="interventions",
        verbose_name=_("förbund"),
    )
    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=60, unique=True)
    owner_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        related_name="owned_interventions",
        verbose_name=_("insatsägare"),
    )
    partner_parties = models.ManyToManyField(
        "core.Party",
        blank=True,
        related_name="partner_interventions",
        verbose_name=_("samverkansparter"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=InterventionStatus.choices, default="ansokan"
    )
    implemented_afterwards = models.BooleanField(
        _("implementerad i ordinarie verksamhet"), default=False
    )
    # Fixed once created: individual follow-up and structural counting are different worlds.
    orientation = models.CharField(
        _("inriktning"), max_length=24, choices=Orientation.choices, default="individinriktad"
    )
    methods = models.JSONField(_("metoder"), default=list, blank=True)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    last_intake_date = models.DateField(_("sista intag"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(
        _("lägsta ålder"), default=16, validators=[MinValueValidator(16)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("högsta ålder"), default=64, validators=[MaxValueValidator(100)]
    )
    min_parties_current = models.PositiveSmallIntegerField(
        _("aktuell hos minst antal parter"), default=0
    )
    exclusions = models.TextField(_("uteslutande kriterier"), blank=True)
    # The target group in words, as the granted application described it (seed 003,
    # "Beskriv målgrupp för insatsen"); a granted change application may change it.
    target_group = models.TextField(_("målgrupp"), blank=True)
    # Structured criteria the seeds name (docs/participants-intake.md): each is a fact the
    # referral records, and a referral that does not meet one is refused.
    requires_lss_daily_activity = models.BooleanField(
        _("kräver LSS-beslut om daglig verksamhet"), default=False
    )
    requires_long_term_forsorjningsstod = models.BooleanField(
        _("kräver långvarigt försörjningsstöd"), default=False
    )
    requires_current_in_psychiatry = models.BooleanField(
        _("kräver aktuell i psykiatrin"), default=False
    )
    requires_income_from_party = models.BooleanField(
        _("försörjningen ska komma från en anvisande part"), default=False
    )
    follow_up_interval_weeks = models.PositiveSmallIntegerField(
        _("uppföljningsintervall (veckor)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    coaches_share_caseload = models.BooleanField(
        _("coacherna ser hela teamets ärenden"),
        default=False,
        help_text=_("Annars ser en coach bara sina egna deltagare."),
    )

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["forbund", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="intervention_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(max_age__gte=models.F("min_age")),
                name="intervention_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def required_criteria(self) -> list[str]:
        """The structured criteria the intervention demands, as Swedish sentences."""
        criteria = (
            (self.requires_lss_daily_activity, CRITERION_LSS),
            (self.requires_long_term_forsorjningsstod, CRITERION_FORSORJNINGSSTOD),
            (self.requires_current_in_psychiatry, CRITERION_PSYCHIATRY),
            (self.requires_income_from_party, CRITERION_INCOME),
        )
        return [str(text) for required, text in criteria if required]

    @property
    def uses_resursinventering(self) -> bool:
        return Method.RESURSINVENTERING in (self.methods or [])

    @property
    def follows_ips(self) -> bool:
        """Place first, then train (IPS, Supported Employment): no prevocational steps."""
        return follows_ips(self.methods)

    @property
    def activity_approaches(self) -> tuple[str, str]:
        """The activity types it offers: the shared ones and those of its way of working."""
        way = ActivityApproach.IPS if self.follows_ips else ActivityApproach.STEGVIS
        return (ActivityApproach.ALLA.value, way.value)

    @property
    def is_individual(self) -> bool:
        return self.orientation == Orientation.INDIVIDINRIKTAD


class Phase(models.Model):
    """One of the intervention's ordered phases (Kartläggning → … → Avslut by default)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("namn"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordning"))

    class Meta:
        verbose_name = _("fas")
        verbose_name_plural = _("faser")
        ordering = ["intervention", "order"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "order"], name="phase_unique_order"),
        ]

    def __str__(self) -> str:
        return self.name


class LadderStep(models.Model):
    """A rung of the progression ladder; a higher order is closer to work or studies."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="ladder_steps"
    )
    name = models.CharField(_("namn"), max_length=150)
    order = models.PositiveSmallIntegerField(_("steg"))

    class Meta:
        verbose_name = _("steg på stegen")
        verbose_name_plural = _("steg på stegen")
        ordering = ["intervention", "order"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "order"], name="ladder_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class ProgressionIndicator(models.Model):
    """A dimension rated 1–5 over time (BIP's indicators, for example)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("namn"), max_length=150)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("progressionsindikator")
        verbose_name_plural = _("progressionsindikatorer")
        ordering = ["intervention", "order", "name"]

    def __str__(self) -> str:
        return self.name


class Capacity(models.Model):
    """Places for people living in one municipality (REBUS: Hagfors 17, Forshaga 17, …)."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="capacities"
    )
    municipality_code = models.CharField(_("kommun"), max_length=4)
    places = models.PositiveSmallIntegerField(_("platser"))

    class Meta:
        verbose_name = _("platser per kommun")
        verbose_name_plural = _("platser per kommun")
        ordering = ["intervention", "municipality_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "municipality_code"], name="capacity_unique_kommun"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_code}: {self.places}"


# The ages an intervention's own age band may cover (docs/dashboard.md, "Age bands"): the
# youngest participants of Samsyn are 16, and nobody is counted above 100.
AGE_BAND_MIN = 16
AGE_BAND_MAX = 100


class AgeBand(models.Model):
    """An age band of the intervention's own target group, shown in its reports beside the
    standard bands (seed 001: "unga vuxna ... avser åldern 20 – 29 år"). Age is counted as
    the standard bands count it: the year the period ends minus the birth year."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="age_bands"
    )
    min_age = models.PositiveSmallIntegerField(_("från ålder"))
    max_age = models.PositiveSmallIntegerField(_("till ålder"))

    class Meta:
        verbose_name = _("åldersgrupp")
        verbose_name_plural = _("åldersgrupper")
        ordering = ["intervention", "min_age", "max_age"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "min_age", "max_age"], name="age_band_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__lte=models.F("max_age")),
                name="age_band_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The band's name, made from its ages: "20–29 år"."""
        return gettext("%(low)d–%(high)d år") % {"low": self.min_age, "high": self.max_age}


class ActivityType(models.Model):
    """The kinds of activity a förbund records; editable per förbund."""

    forbund = models.ForeignKey(
        "core.Forbund", on_delete=models.CASCADE, related_name="activity_types"
    )
    name = models.CharField(_("namn"), max_length=120)
    is_active = models.BooleanField(_("aktiv"), default=True)
    approach = models.CharField(
        _("gäller"),
        max_length=8,
        choices=ActivityApproach.choices,
        default=ActivityApproach.ALLA,
        help_text=_("Vilka insatser som erbjuder aktivitetstypen."),
    )

    class Meta:
        verbose_name = _("aktivitetstyp")
        verbose_name_plural = _("aktivitetstyper")
        ordering = ["forbund", "name"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "name"], name="activitytype_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class GoalComparison(models.TextChoices):
    AT_LEAST = "at_least", _("Minst")
    AT_MOST = "at_most", _("Högst")
    BETWEEN = "between", _("Mellan")


class GoalGender(models.TextChoices):
    TOTAL = "total", _("Alla")
    KVINNA = "kvinna", _("Kvinnor")
    MAN = "man", _("Män")


class GoalPeriod(models.TextChoices):
    """The period a goal's target is set for (docs/metrics.md, "Goals and their period")."""

    INTERVENTION = "insats", _("Hela insatsen")
    YEAR = "ar", _("Per kalenderår")


class Goal(Versioned):
    """A target for one metric of the intervention (samsyn/interventions/selectors/goals.py).

    ``metric_id`` is an id of the metric registry (samsyn/participants/selectors/metrics.py)
    or one of the goal-only ids ``participants_total`` and ``share_women``. Targets of shares are
    stored as percentages (0–100), as the user enters them; counts and days as numbers.
    """

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="goals", verbose_name=_("insats")
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
    # What the target is set for: the whole intervention or each calendar year. A shorter
    # period shown is judged "i fas"/"efter plan" against a pro-rated target, not a verdict.
    period_kind = models.CharField(
        _("målet gäller"),
        max_length=8,
        choices=GoalPeriod.choices,
        default=GoalPeriod.INTERVENTION,
    )
    # The TrainingRole codes a "trained_people" goal counts together (seed 000: "25 st
    # chefer/beslutsfattare och operativa medarbetare"); empty for every other metric.
    training_roles = models.JSONField(_("yrkesroller"), default=list, blank=True)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["intervention", "id"]

    def __str__(self) -> str:
        return self.label or self.metric_id
