"""The employer bank (företagsbank), agreements with workplaces and the employer contact log.

Employers are organisations, not people; their contact people's details are encrypted like
team members' (samsyn/core/models.py). A contact for a named participant links the
registration, so the participants app's scope decides who may see it.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.versioning import Versioned


class SniSection(models.TextChoices):
    """SNI 2007 sections (näringsgrenar), the level matching needs."""

    A = "A", _("Jordbruk, skogsbruk och fiske")
    B = "B", _("Utvinning av mineral")
    C = "C", _("Tillverkning")
    D = "D", _("Försörjning av el, gas, värme och kyla")
    E = "E", _("Vattenförsörjning; avloppsrening, avfallshantering och sanering")
    F = "F", _("Byggverksamhet")
    G = "G", _("Handel; reparation av motorfordon och motorcyklar")
    H = "H", _("Transport och magasinering")
    I = "I", _("Hotell- och restaurangverksamhet")  # noqa: E741
    J = "J", _("Informations- och kommunikationsverksamhet")
    K = "K", _("Finans- och försäkringsverksamhet")
    L = "L", _("Fastighetsverksamhet")
    M = "M", _("Verksamhet inom juridik, ekonomi, vetenskap och teknik")
    N = "N", _("Uthyrning, fastighetsservice, resetjänster och andra stödtjänster")
    O = "O", _("Offentlig förvaltning och försvar; obligatorisk socialförsäkring")  # noqa: E741
    P = "P", _("Utbildning")
    Q = "Q", _("Vård och omsorg; sociala tjänster")
    R = "R", _("Kultur, nöje och fritid")
    S = "S", _("Annan serviceverksamhet")
    T = "T", _("Förvärvsarbete i hushåll")
    U = "U", _("Verksamhet vid internationella organisationer")


class Employer(Versioned):
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("förbund"),
    )
    # An employer bank belongs to the förbund, or to one team (an IPS team) within it.
    team = models.ForeignKey(
        "core.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employers",
        verbose_name=_("team"),
    )
    organisationsnummer = models.CharField(_("organisationsnummer"), max_length=11)
    name = models.CharField(_("namn"), max_length=200)
    sni_section = models.CharField(_("bransch (SNI)"), max_length=1, choices=SniSection.choices)
    municipality_code = models.CharField(_("kommun"), max_length=4)
    address = models.CharField(_("adress"), max_length=200, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    # The day the employer entered the bank: the bank's growth is counted from it.
    added_on = models.DateField(_("tillagd i företagsbanken"))
    removed_on = models.DateField(_("borttagen ur företagsbanken"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("arbetsgivare")
        verbose_name_plural = _("arbetsgivare")
        ordering = ["forbund", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "organisationsnummer"], name="employer_unique_orgnr"
            ),
            models.CheckConstraint(
                condition=models.Q(removed_on__isnull=True)
                | models.Q(removed_on__gte=models.F("added_on")),
                name="employer_removed_after_added",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EmployerContactPerson(Versioned):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contact_people")
    name = EncryptedTextField(_("namn"))
    title = models.CharField(_("roll"), max_length=120, blank=True)
    phone = EncryptedTextField(_("telefon"), blank=True)
    email = EncryptedTextField(_("e-post"), blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["employer", "id"]

    def __str__(self) -> str:
        return self.title or str(self.pk)


class AgreementStatus(models.TextChoices):
    DISCUSSED = "diskuterad", _("Diskuterad")
    SIGNED = "tecknad", _("Tecknad")
    ENDED = "avslutad", _("Avslutad")


def agreement_upload_path(instance: EmployerAgreement, filename: str) -> str:
    # A generated name; the extension comes from the sniffed content (see the service).
    extension = PurePath(filename).suffix.lower()
    if extension not in {".pdf", ".jpg", ".png", ".docx"}:
        extension = ""
    return f"overenskommelser/{datetime.date.today():%Y}/{uuid.uuid4().hex}{extension}"


class EmployerAgreement(Versioned):
    """The överenskommelse with a workplace (seed 001)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="agreements")
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default="diskuterad"
    )
    agreed_on = models.DateField(_("datum"), null=True, blank=True)
    ends_on = models.DateField(_("gäller till"), null=True, blank=True)
    content = models.TextField(_("innehåll"), blank=True)
    document = models.FileField(_("dokument"), upload_to=agreement_upload_path, blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    document_type = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("överenskommelse")
        verbose_name_plural = _("överenskommelser")
        ordering = ["employer", "-agreed_on", "-id"]

    def __str__(self) -> str:
        return self.get_status_display()


class ContactKind(models.TextChoices):
    FACE_TO_FACE = "besok", _("Personligt möte")
    PHONE = "telefon", _("Telefon")
    DIGITAL = "digitalt", _("Digitalt")


class EmployerContact(models.Model):
    """One contact with an employer by a coach, in general or for a named participant."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="contacts")
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="employer_contacts",
        verbose_name=_("coach"),
    )
    intervention = models.ForeignKey(
        "interventions.Intervention",
        on_delete=models.PROTECT,
        related_name="employer_contacts",
        verbose_name=_("insats"),
    )
    registration = models.ForeignKey(
        "participants.Registration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employer_contacts",
        verbose_name=_("för deltagare"),
    )
    contacted_on = models.DateField(_("datum"))
    kind = models.CharField(_("kontaktsätt"), max_length=12, choices=ContactKind.choices)
    purpose = models.CharField(_("syfte"), max_length=300)
    outcome = models.TextField(_("resultat"), blank=True)
    next_step = models.CharField(_("nästa steg"), max_length=300, blank=True)
    next_step_on = models.DateField(_("nästa steg senast"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("arbetsgivarkontakt")
        verbose_name_plural = _("arbetsgivarkontakter")
        ordering = ["-contacted_on", "-id"]
        indexes = [models.Index(fields=["coach", "contacted_on"], name="contact_coach_day")]

    def __str__(self) -> str:
        return f"{self.employer} {self.contacted_on}"
