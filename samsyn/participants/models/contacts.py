"""Contacts about a participant outside the team, and the yearly question in LSS daily
activity. A contact is allowed only with a recipient the participant's consent covers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.participants.models.choices import RecipientCategory, WorkWish
from samsyn.participants.models.registration import Registration


class ParticipantContact(models.Model):
    """One contact with a party or another recipient about the participant (kontaktlogg)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="contacts"
    )
    contacted_on = models.DateField(_("datum"))
    party = models.ForeignKey(
        "core.Party", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient_category = models.CharField(
        _("slag av mottagare"), max_length=24, choices=RecipientCategory.choices, blank=True
    )
    recipient_name = models.CharField(_("mottagare"), max_length=200, blank=True)
    purpose = models.CharField(_("syfte"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kontakt om deltagaren")
        verbose_name_plural = _("kontakter om deltagaren")
        ordering = ["-contacted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(party__isnull=False) & models.Q(recipient_category=""))
                | (models.Q(party__isnull=True) & ~models.Q(recipient_category="")),
                name="contact_party_or_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.contacted_on}"

    @property
    def recipient_label(self) -> str:
        if self.party is not None:
            return self.party.name
        return f"{self.get_recipient_category_display()}: {self.recipient_name}"


class WorkWishCheck(models.Model):
    """The yearly question to everyone in daily activity: do you want to work? (seed 001)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="work_wish_checks"
    )
    asked_on = models.DateField(_("frågat"))
    answer = models.CharField(_("svar"), max_length=8, choices=WorkWish.choices)
    follow_up = models.CharField(_("uppföljning"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("uppföljning senast"), null=True, blank=True)
    next_due = models.DateField(_("nästa fråga"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("årlig fråga om arbete")
        verbose_name_plural = _("årliga frågor om arbete")
        ordering = ["-asked_on", "-id"]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.asked_on}"
