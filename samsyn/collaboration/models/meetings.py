"""Meetings of a team on its cadence, who came for which party, and the minutes.

A team (``core.Team``) meets every ``meeting_interval_weeks`` or on dates set by hand; its
members (``core.TeamMember``) sit for a party. Seed 001: the operative working group meets
every seventh week and reports to the unit manager when a party does not come; the IPS
team's meetings are "dokumenterade och sparade".
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinarie", _("Ordinarie möte")
    EXTRA = "extra", _("Extra möte")


class MeetingStatus(models.TextChoices):
    PLANNED = "planerat", _("Planerat")
    HELD = "genomfort", _("Genomfört")
    CANCELLED = "installt", _("Inställt")


class Meeting(Versioned):
    team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("team")
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("starttid"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=200, blank=True)
    link = models.URLField(_("länk till digitalt möte"), blank=True)
    kind = models.CharField(
        _("typ av möte"), max_length=16, choices=MeetingKind.choices, default="ordinarie"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default="planerat"
    )
    agenda = models.TextField(_("dagordning"), blank=True)
    # Meetings planned ahead together share a series number (null: planned one by one).
    series = models.PositiveIntegerField(_("mötesserie"), null=True, blank=True)
    # The minutes: a draft written in the meeting view, frozen once approved.
    minutes = models.TextField(_("protokoll"), blank=True)
    minutes_approved_on = models.DateField(_("protokollet justerat"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        "core.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("justerat av"),
    )
    created_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("skapat av")
    )

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["team", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_approved_on__isnull=True) | Q(status="genomfort"),
                name="meeting_minutes_only_when_held",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.date}"

    @property
    def minutes_are_approved(self) -> bool:
        return self.minutes_approved_on is not None


class Attendance(models.Model):
    """One party at one meeting: present or absent, and who represented it.

    A party of the team without a row was not recorded; the attendance figures count a
    party as absent only when its row says so, and a held meeting's attendance is recorded
    for every member party when it is taken (services/attendance.py).
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("möte")
    )
    party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("part")
    )
    present = models.BooleanField(_("närvarande"))
    # The seats (team members) that came for the party.
    members = models.ManyToManyField(
        "core.TeamMember", blank=True, related_name="+", verbose_name=_("deltagare från parten")
    )
    note = models.CharField(_("kommentar"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["meeting", "party"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "party"], name="attendance_one_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.party}"


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("möte")
    )
    text = models.TextField(_("beslut"))
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("beslut vid möte")
        verbose_name_plural = _("beslut vid möten")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.text[:60]
