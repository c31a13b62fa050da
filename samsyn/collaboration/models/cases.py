"""Cases discussed in a team, safe by construction.

A case is a person the team discusses: a registered participant (``person``) or someone not
(yet) in any intervention. It always has a stable anonymous code within its team, shown
whenever the viewer may not see the person or the person's consent does not cover every
party present. A case raised anonymously can later be linked to a referral (the Trisam route
of seed 000); the referral's page learns which meeting it came from through this link.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.versioning import Versioned


class TeamCase(models.Model):
    team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, related_name="cases", verbose_name=_("team")
    )
    # "Ärende 7" within the team: the same code at every meeting.
    number = models.PositiveIntegerField(_("ärendenummer"))
    person = models.ForeignKey(
        "participants.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deltagare"),
    )
    referral = models.ForeignKey(
        "participants.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anvisning"),
    )
    # The meeting where the case was first raised (and, for a referral, where it came from).
    raised_at = models.ForeignKey(
        "collaboration.Meeting",
        on_delete=models.PROTECT,
        related_name="raised_cases",
        verbose_name=_("väckt vid möte"),
    )
    # What the team may know without identity: a neutral description, no names.
    summary = models.CharField(_("kort beskrivning utan namn"), max_length=200, blank=True)
    is_closed = models.BooleanField(_("avslutat"), default=False)

    class Meta:
        verbose_name = _("ärende i team")
        verbose_name_plural = _("ärenden i team")
        ordering = ["team", "number"]
        constraints = [
            models.UniqueConstraint(fields=["team", "number"], name="teamcase_unique_number"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"Ä-{self.number:03d}"


class CaseDiscussion(Versioned):
    """A case on one meeting's agenda, with notes. Notes are personal data: encrypted,
    read-audited, versioned (a stale save is refused)."""

    meeting = models.ForeignKey(
        "collaboration.Meeting",
        on_delete=models.CASCADE,
        related_name="case_discussions",
        verbose_name=_("möte"),
    )
    case = models.ForeignKey(
        TeamCase, on_delete=models.PROTECT, related_name="discussions", verbose_name=_("ärende")
    )
    notes = EncryptedTextField(_("anteckningar"), blank=True)

    class Meta:
        verbose_name = _("ärende vid möte")
        verbose_name_plural = _("ärenden vid möten")
        ordering = ["meeting", "case"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"], name="casediscussion_one_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.case}"
