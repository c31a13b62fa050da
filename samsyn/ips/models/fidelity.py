"""The IPS Fidelity Scale (25 items) and fidelity reviews (programtrohetsmätningar).

The scale's Swedish names and 1–5 anchor texts are data the förbund can edit. Editing never
changes a scale in use: it creates a new version, and a review keeps the version it was
scored against, so an old review always shows the texts its scores meant.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class FidelitySection(models.TextChoices):
    STAFFING = "bemanning", _("Bemanning")
    ORGANIZATION = "organisation", _("Organisation")
    SERVICES = "tjanster", _("Tjänster")


class FidelityScale(models.Model):
    """One version of the scale for a förbund (``forbund`` empty: the shipped default)."""

    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fidelity_scales",
    )
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("namn"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("skala för programtrohet")
        verbose_name_plural = _("skalor för programtrohet")
        ordering = ["forbund", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["forbund", "version"], name="fidelityscale_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class FidelityItem(models.Model):
    """An item of one scale version; never edited once a review uses the version."""

    scale = models.ForeignKey(FidelityScale, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(
        _("nummer"), validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    section = models.CharField(_("avsnitt"), max_length=16, choices=FidelitySection.choices)
    key = models.CharField(max_length=40)  # stable across versions: "caseload_size", …
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    # {"1": "…", …, "5": "…"}: what each score means.
    anchors = models.JSONField(_("förankringstexter"), default=dict)

    class Meta:
        verbose_name = _("punkt på skalan")
        verbose_name_plural = _("punkter på skalan")
        ordering = ["scale", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "number"], name="fidelityitem_number"),
            models.UniqueConstraint(fields=["scale", "key"], name="fidelityitem_key"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class ReviewKind(models.TextChoices):
    INTERNAL = "intern", _("Intern")
    EXTERNAL = "extern", _("Extern")


class ReviewStatus(models.TextChoices):
    DRAFT = "utkast", _("Pågående")
    COMPLETED = "klar", _("Klar")


class FidelityReview(Versioned):
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        related_name="fidelity_reviews",
        verbose_name=_("insats"),
    )
    team = models.ForeignKey(
        "core.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    scale = models.ForeignKey(FidelityScale, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(_("datum"))
    kind = models.CharField(_("typ"), max_length=8, choices=ReviewKind.choices)
    reviewers = models.TextField(_("granskare"), help_text=_("Namn och roll, en per rad."))
    status = models.CharField(
        _("status"), max_length=8, choices=ReviewStatus.choices, default="utkast"
    )
    summary = models.TextField(_("sammanfattning"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("programtrohetsmätning")
        verbose_name_plural = _("programtrohetsmätningar")
        ordering = ["intervention", "-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.intervention} {self.reviewed_on}"


class FidelityScore(models.Model):
    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(FidelityItem, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("poäng"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # Any of "mis", "dokument", "intervju", "observation".
    evidence_sources = models.JSONField(_("underlag"), default=list, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)
    # What Samsyn proposed from its own data, and why (kept beside the reviewers' score).
    proposed_score = models.PositiveSmallIntegerField(null=True, blank=True)
    proposed_evidence = models.TextField(blank=True)

    class Meta:
        verbose_name = _("poäng")
        verbose_name_plural = _("poäng")
        ordering = ["review", "item__number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="fidelityscore_unique_item"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__range=(1, 5)),
                name="fidelityscore_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.score}"


class ActionStatus(models.TextChoices):
    OPEN = "oppen", _("Öppen")
    DONE = "klar", _("Klar")


class FidelityAction(Versioned):
    """An action of the review's action plan for a weak item."""

    review = models.ForeignKey(FidelityReview, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(FidelityItem, on_delete=models.PROTECT, related_name="+")
    action = models.TextField(_("åtgärd"))
    owner = models.CharField(_("ansvarig"), max_length=200)
    due_on = models.DateField(_("klart senast"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default="oppen"
    )

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["review", "due_on", "id"]

    def __str__(self) -> str:
        return self.action[:60]
