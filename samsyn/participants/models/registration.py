"""A registration (inregistrering): one person's time in one intervention, start to exit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.participants.models.choices import (
    EducationLevel,
    ExitReason,
    IncomeMoment,
    IncomeSource,
    Occupation,
    Outcome,
    Recommendation,
)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def countable(self) -> RegistrationQuerySet:
        """Registrations that count in statistics: never those ended as felregistrering."""
        return self.exclude(exit_reason=ExitReason.FELREGISTRERING)

    def ongoing(self) -> RegistrationQuerySet:
        return self.filter(end_date__isnull=True)


class Registration(Versioned):
    person = models.ForeignKey(
        "participants.Person", on_delete=models.PROTECT, related_name="registrations"
    )
    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.PROTECT, related_name="registrations"
    )
    referral = models.OneToOneField(
        "participants.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registration",
    )
    consent = models.ForeignKey(
        "participants.Consent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    referring_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anvisande part"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("coach"),
    )
    start_date = models.DateField(_("startdatum"))
    # Baseline (status before).
    occupation_before = models.CharField(
        _("sysselsättning före"), max_length=16, choices=Occupation.choices, blank=True
    )
    education_level = models.CharField(
        _("utbildningsnivå"), max_length=16, choices=EducationLevel.choices, default="okand"
    )
    months_outside_labour_market = models.PositiveSmallIntegerField(
        _("tid utanför arbetsmarknaden (månader)"), null=True, blank=True
    )
    current_at_parties = models.ManyToManyField(
        "core.Party", blank=True, related_name="+", verbose_name=_("aktuell hos parter")
    )
    current_phase = models.ForeignKey(
        "interventions.Phase", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    next_follow_up_due = models.DateField(_("nästa uppföljning"), null=True, blank=True)
    # Exit (avslut).
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    exit_reason = models.CharField(
        _("avslutsorsak"), max_length=16, choices=ExitReason.choices, blank=True
    )
    occupation_after = models.CharField(
        _("sysselsättning efter"), max_length=16, choices=Occupation.choices, blank=True
    )
    outcome = models.CharField(
        _("resultat vid avslut"), max_length=16, choices=Outcome.choices, blank=True
    )
    exit_plan = models.TextField(_("överenskommen plan"), blank=True)
    recommendation = models.CharField(
        _("rekommendation"), max_length=24, choices=Recommendation.choices, blank=True
    )
    # Recorded at exit (or imported); see samsyn/participants/selectors/progress.py for the rule.
    step_forward = models.BooleanField(_("stegförflyttning"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when retention cleared the free text and documents (docs/data-lifecycle.md).
    personal_data_cleared_on = models.DateField(_("gallrad"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inskrivning")
        verbose_name_plural = _("inskrivningar")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="registration_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["intervention", "start_date"], name="reg_intervention_start")
        ]

    def __str__(self) -> str:
        return f"{self.person} i {self.intervention}"

    @property
    def is_ongoing(self) -> bool:
        return self.end_date is None


class RegistrationIncome(models.Model):
    """One income source at one moment; a table, so transitions are counted in SQL."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="incomes")
    moment = models.CharField(max_length=8, choices=IncomeMoment.choices)
    source = models.CharField(_("försörjning"), max_length=24, choices=IncomeSource.choices)

    class Meta:
        verbose_name = _("försörjning")
        verbose_name_plural = _("försörjning")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "moment", "source"], name="income_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.moment}: {self.source}"
