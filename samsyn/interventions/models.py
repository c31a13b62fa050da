"""Interventions (insatser). The foundation holds what scoping needs; the rest grows here."""

from __future__ import annotations

from django.db import models
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
    status = models.CharField(
        _("status"), max_length=16, choices=InterventionStatus.choices, default="ansokan"
    )
    orientation = models.CharField(
        _("inriktning"), max_length=24, choices=Orientation.choices, default="individinriktad"
    )
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)

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
        ]

    def __str__(self) -> str:
        return self.name
