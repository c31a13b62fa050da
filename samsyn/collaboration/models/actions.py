"""Actions agreed at a meeting: an owning party, a responsible person, a due date, a status.
Open actions are carried to the next meeting's agenda."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class ActionStatus(models.TextChoices):
    OPEN = "oppen", _("Öppen")
    DONE = "klar", _("Klar")
    CANCELLED = "struken", _("Struken")


class MeetingAction(Versioned):
    meeting = models.ForeignKey(
        "collaboration.Meeting",
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("möte"),
    )
    text = models.TextField(_("åtgärd"))
    owner_party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("ansvarig part")
    )
    responsible = models.ForeignKey(
        "core.TeamMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ansvarig person"),
    )
    due_date = models.DateField(_("klart senast"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default="oppen"
    )
    done_on = models.DateField(_("klar"), null=True, blank=True)
    # A case the action concerns (shown by its code where required).
    case = models.ForeignKey(
        "collaboration.TeamCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("ärende"),
    )

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.text[:60]
