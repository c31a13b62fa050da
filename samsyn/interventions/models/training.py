"""Trainings (counted against the training goals) and the implementation plan."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class TrainingRole(models.TextChoices):
    """The roles training goals count (the seeds: 2 coaches and 25 managers trained)."""

    COACH = "coach", _("Coach")
    CHEF = "chef", _("Chef")
    HANDLAGGARE = "handlaggare", _("Handläggare")
    ANNAN = "annan", _("Annan yrkesroll")


class Training(Versioned):
    """A training event (utbildningstillfälle) of the intervention."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="trainings",
        verbose_name=_("insats"),
    )
    title = models.CharField(_("rubrik"), max_length=200)
    held_on = models.DateField(_("datum"))
    provider = models.CharField(_("utbildare"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("utbildning")
        verbose_name_plural = _("utbildningar")
        ordering = ["intervention", "-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(models.Model):
    """How many of one party's staff in one role took part (counts, not names)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    role = models.CharField(_("yrkesroll"), max_length=16, choices=TrainingRole.choices)
    attendees = models.PositiveSmallIntegerField(
        _("antal deltagare"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("deltagande i utbildning")
        verbose_name_plural = _("deltagande i utbildningar")
        ordering = ["training", "party__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "party", "role"], name="attendance_unique_party_role"
            ),
            models.CheckConstraint(
                condition=models.Q(attendees__gte=1), name="attendance_at_least_one"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.get_role_display()}: {self.attendees}"


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", _("Ej påbörjad")
    IN_PROGRESS = "pagaende", _("Pågående")
    DONE = "klar", _("Klar")


def evidence_upload_path(instance: ImplementationItem, filename: str) -> str:
    # A generated name: the extension comes from the sniffed content (see the service).
    extension = PurePath(filename).suffix.lower()
    if extension not in {".pdf", ".jpg", ".png", ".docx", ".xlsx"}:
        extension = ""
    return f"implementering/{datetime.date.today():%Y}/{uuid.uuid4().hex}{extension}"


class ImplementationItem(Versioned):
    """One item of the implementation plan ("formellt beslut om metoden", …)."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="implementation_items",
        verbose_name=_("insats"),
    )
    title = models.CharField(_("punkt"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    due_on = models.DateField(_("klart senast"), null=True, blank=True)
    done_on = models.DateField(_("klart datum"), null=True, blank=True)
    responsible_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig part"),
    )
    note = models.TextField(_("kommentar"), blank=True)
    evidence = models.FileField(_("underlag"), upload_to=evidence_upload_path, blank=True)
    evidence_name = models.CharField(_("underlagets namn"), max_length=200, blank=True)
    evidence_type = models.CharField(max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("punkt i implementeringsplanen")
        verbose_name_plural = _("implementeringsplan")
        ordering = ["intervention", "order", "id"]

    def __str__(self) -> str:
        return self.title
