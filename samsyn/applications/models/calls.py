"""A call (utlysning): what the förbund funds, by which criteria, until when."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class Call(Versioned):
    """The förbund invites applications. Applications may also come without a call
    (``Application.call`` empty) when the förbund accepts them at any time."""

    forbund = models.ForeignKey(
        "core.Forbund", on_delete=models.PROTECT, related_name="calls", verbose_name=_("förbund")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    funds = models.TextField(_("vad förbundet finansierar"))
    criteria = models.TextField(_("bedömningskriterier"), blank=True)
    # What the applicant must attach or fill in beyond the standard sections.
    form_instructions = models.TextField(_("instruktioner till sökande"), blank=True)
    opens_on = models.DateField(_("öppnar"))
    # Empty: open until further notice (löpande ansökan).
    deadline = models.DateField(_("sista ansökningsdag"), null=True, blank=True)
    total_amount = models.DecimalField(
        _("avsatt belopp (kr)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    is_published = models.BooleanField(_("publicerad"), default=False)
    created_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("skapad av")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("utlysning")
        verbose_name_plural = _("utlysningar")
        ordering = ["forbund", "-opens_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(deadline__gte=F("opens_on")),
                name="call_deadline_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title
