"""Resursinventering (seed 004, "Koll på förmåga"): a multiprofessional assessment plus
about twelve weeks of observed activity, ending in one of four recommendations and a
handover to the party that takes over.

The recommendation is the registration's own (``Registration.recommendation``, counted by
the metrics ``share_recommendation_<code>``); the inventory records when the team agreed on
it and the handover. Findings are health data: encrypted, every read audited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.versioning import Versioned

OBSERVATION_WEEKS = 12


class ResourceInventory(Versioned):
    registration = models.OneToOneField(
        "participants.Registration",
        on_delete=models.CASCADE,
        related_name="resource_inventory",
        verbose_name=_("inskrivning"),
    )
    started_on = models.DateField(_("påbörjad"))
    observation_from = models.DateField(_("aktivitetsperiod från"), null=True, blank=True)
    observation_to = models.DateField(_("aktivitetsperiod till"), null=True, blank=True)
    observation_place = models.CharField(_("aktivitet och plats"), max_length=200, blank=True)
    recommended_on = models.DateField(_("rekommendation beslutad"), null=True, blank=True)
    recommendation_reasons = EncryptedTextField(_("motivering"), blank=True)
    handover_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("överlämnas till"),
    )
    handover_on = models.DateField(_("överlämnad"), null=True, blank=True)
    handover_note = EncryptedTextField(_("överlämning"), blank=True)

    class Meta:
        verbose_name = _("resursinventering")
        verbose_name_plural = _("resursinventeringar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(observation_from__isnull=True)
                | models.Q(observation_to__isnull=True)
                | models.Q(observation_to__gte=models.F("observation_from")),
                name="inventory_observation_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}"


class Profession(models.TextChoices):
    PHYSICIAN = "lakare", _("Läkare")
    SOCIAL_WORKER = "socionom", _("Socionom")
    OCCUPATIONAL_THERAPIST = "arbetsterapeut", _("Arbetsterapeut")
    PSYCHOLOGIST = "psykolog", _("Psykolog")
    PHYSIOTHERAPIST = "fysioterapeut", _("Fysioterapeut")
    OTHER = "annan", _("Annan profession")


class ProfessionalAssessment(Versioned):
    """One profession's assessment: who, when, findings."""

    inventory = models.ForeignKey(
        ResourceInventory, on_delete=models.CASCADE, related_name="assessments"
    )
    profession = models.CharField(_("profession"), max_length=16, choices=Profession.choices)
    assessor = models.CharField(_("bedömare"), max_length=200)
    assessed_on = models.DateField(_("datum"))
    findings = EncryptedTextField(_("bedömning"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("professionsbedömning")
        verbose_name_plural = _("professionsbedömningar")
        ordering = ["inventory", "assessed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_profession_display()} {self.assessed_on}"


class ObservationWeek(models.Model):
    """Attendance in one week of the observed activity period."""

    inventory = models.ForeignKey(
        ResourceInventory, on_delete=models.CASCADE, related_name="observation_weeks"
    )
    week_starting = models.DateField(_("vecka från"))
    planned_hours = models.DecimalField(
        _("planerade timmar"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    attended_hours = models.DecimalField(
        _("närvarotimmar"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    note = EncryptedTextField(_("observation"), blank=True)

    class Meta:
        verbose_name = _("aktivitetsvecka")
        verbose_name_plural = _("aktivitetsveckor")
        ordering = ["inventory", "week_starting"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "week_starting"], name="observation_unique_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.week_starting}"
