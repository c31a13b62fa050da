"""Trainings (counted against the training goals) and the implementation plan."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class TrainingRole(models.TextChoices):
    """The roles training goals count (seed 000: 2 "Finsam-coacher" and 25 "chefer/beslutsfattare
    och operativa medarbetare" trained; a goal may cover several roles)."""

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


def attendee_key(name: str) -> str:
    """How a trained person's name is compared: case and spacing do not make a new person."""
    return " ".join(name.split()).casefold()


class TrainingAttendee(models.Model):
    """One person trained in the intervention (a member of a party's staff, never a
    participant of the intervention): counted once however many trainings they attend.

    A person is identified per intervention by party and name (compared by ``attendee_key``)
    and has one role, the one the training goals count them in."""

    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.CASCADE,
        related_name="training_attendees",
        verbose_name=_("insats"),
    )
    name = models.CharField(_("namn"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    role = models.CharField(_("yrkesroll"), max_length=16, choices=TrainingRole.choices)

    class Meta:
        verbose_name = _("utbildad person")
        verbose_name_plural = _("utbildade personer")
        ordering = ["intervention", "name_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "party", "name_key"], name="trainingattendee_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.party}, {self.get_role_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = attendee_key(self.name)
        super().save(*args, **kwargs)


class TrainingAttendance(models.Model):
    """One person took part in one training; a person counts once per training."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    attendee = models.ForeignKey(
        TrainingAttendee,
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("utbildad person"),
    )

    class Meta:
        verbose_name = _("deltagande i utbildning")
        verbose_name_plural = _("deltagande i utbildningar")
        ordering = ["training", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "attendee"], name="attendance_unique_attendee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training}: {self.attendee}"


class EvidenceKind(models.TextChoices):
    """What a training's evidence document proves (seed 000: "styrkta dokument om genomförd
    utbildning samt fakturaunderlag")."""

    ATTENDANCE_LIST = "narvarolista", _("Närvarolista")
    CERTIFICATE = "intyg", _("Intyg om genomförd utbildning")
    INVOICE = "faktura", _("Fakturaunderlag")
    OTHER = "annat", _("Annat underlag")


def training_evidence_upload_path(instance: TrainingEvidence, filename: str) -> str:
    # A generated name: the extension comes from the sniffed content (see the service).
    extension = PurePath(filename).suffix.lower()
    if extension not in {".pdf", ".jpg", ".png", ".docx", ".xlsx"}:
        extension = ""
    return f"utbildningar/{datetime.date.today():%Y}/{uuid.uuid4().hex}{extension}"


class TrainingEvidence(models.Model):
    """A document that proves a training took place or what it cost."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("typ av underlag"), max_length=16, choices=EvidenceKind.choices)
    file = models.FileField(_("fil"), upload_to=training_evidence_upload_path)
    original_name = models.CharField(_("filnamn"), max_length=200)
    content_type = models.CharField(max_length=80)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("underlag för utbildning")
        verbose_name_plural = _("underlag för utbildningar")
        ordering = ["training", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


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
