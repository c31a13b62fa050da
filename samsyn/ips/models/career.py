"""The career profile (karriärprofil) of an IPS participant and benefits counselling.

The answers are the participant's own words about their life and health: they are
encrypted like journal notes, and every read is audited by the selectors.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.versioning import Versioned


class CareerProfile(Versioned):
    """The questions of seed 001, work and education history, strengths and preferences."""

    registration = models.OneToOneField(
        "participants.Registration",
        on_delete=models.CASCADE,
        related_name="career_profile",
        verbose_name=_("inskrivning"),
    )
    interests = EncryptedTextField(_("Intressen"), blank=True)
    interests_in_common = EncryptedTextField(_("Vad har intressena gemensamt?"), blank=True)
    interests_in_jobs = EncryptedTextField(_("Var finns intressena i arbetslivet?"), blank=True)
    in_five_years = EncryptedTextField(_("Du själv om fem år"), blank=True)
    ordinary_day = EncryptedTextField(
        _("En vanlig dag, rangordnad"),
        blank=True,
        help_text=_("En aktivitet per rad, den viktigaste först."),
    )
    life_goals = EncryptedTextField(_("Livsmål"), blank=True)
    wanted_help = EncryptedTextField(_("Hur vill du bli hjälpt?"), blank=True)
    work_history = EncryptedTextField(_("Arbetslivserfarenhet"), blank=True)
    education_history = EncryptedTextField(_("Utbildning"), blank=True)
    strengths = EncryptedTextField(_("Styrkor"), blank=True)
    # Preferences are report and matching dimensions, so they stay unencrypted: SSYK 2012
    # codes (samsyn/ips/ssyk.py), municipality codes, hours.
    preferred_occupations = models.JSONField(_("önskade yrken (SSYK)"), default=list, blank=True)
    preferred_industries = models.JSONField(_("önskade branscher (SNI)"), default=list, blank=True)
    preferred_municipalities = models.JSONField(_("önskade orter"), default=list, blank=True)
    preferred_hours_per_week = models.PositiveSmallIntegerField(
        _("önskade timmar per vecka"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    disclosure = EncryptedTextField(_("Vad får berättas för en arbetsgivare?"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("karriärprofil")
        verbose_name_plural = _("karriärprofiler")

    def __str__(self) -> str:
        return f"{self.registration_id}"


class BenefitsCounselling(Versioned):
    """Bidragsrådgivning (work incentives planning): offered, given, when and by whom."""

    registration = models.ForeignKey(
        "participants.Registration",
        on_delete=models.CASCADE,
        related_name="benefits_counselling",
        verbose_name=_("inskrivning"),
    )
    offered_on = models.DateField(_("erbjuden"))
    given_on = models.DateField(_("genomförd"), null=True, blank=True)
    given_by = models.CharField(_("genomförd av"), max_length=200, blank=True)
    given_by_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part"),
    )
    note = EncryptedTextField(_("anteckning"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bidragsrådgivning")
        verbose_name_plural = _("bidragsrådgivningar")
        ordering = ["registration", "-offered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(given_on__isnull=True)
                | models.Q(given_on__gte=models.F("offered_on")),
                name="benefits_given_after_offered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offered_on}"
