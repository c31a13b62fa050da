"""Referral (inremittering) and consent (samtycke)."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samsyn.core.versioning import Versioned
from samsyn.participants.models.choices import IncomeSource, RecipientCategory, ReferralStatus


class Referral(Versioned):
    """A party's request that a person join an intervention, decided by the intervention."""

    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.PROTECT, related_name="referrals"
    )
    person = models.ForeignKey(
        "participants.Person", on_delete=models.PROTECT, related_name="referrals"
    )
    referring_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("anvisande part"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_made",
        verbose_name=_("anvisad av"),
    )
    team = models.ForeignKey(
        "core.Team", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("team")
    )
    referred_on = models.DateField(_("anvisningsdatum"), default=datetime.date.today)
    reason = models.TextField(_("anledning"), blank=True)
    # What the referrer knows at referral time; checked against min_parties_current.
    current_at_parties = models.ManyToManyField(
        "core.Party", blank=True, related_name="+", verbose_name=_("aktuell hos parter")
    )
    # The facts the intervention's structured criteria are checked against (services/
    # eligibility.py); recorded as the referrer states them.
    has_lss_daily_activity = models.BooleanField(
        _("har LSS-beslut om daglig verksamhet"), default=False
    )
    has_long_term_forsorjningsstod = models.BooleanField(
        _("har långvarigt försörjningsstöd"), default=False
    )
    current_in_psychiatry = models.BooleanField(_("aktuell i psykiatrin"), default=False)
    income_sources = models.JSONField(_("försörjning vid anvisningen"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PENDING
    )
    decision_reason = models.TextField(_("motivering"), blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Eligibility rules that did not hold when referred, and that someone acknowledged them.
    eligibility_warnings = models.JSONField(default=list, blank=True)
    warnings_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when retention cleared the free text (docs/data-lifecycle.md).
    personal_data_cleared_on = models.DateField(_("gallrad"), null=True, blank=True)

    class Meta:
        verbose_name = _("anvisning")
        verbose_name_plural = _("anvisningar")
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person} → {self.intervention}"

    @property
    def stated_facts(self) -> list[str]:
        """The income sources and criteria facts stated at referral, in Swedish."""
        labels = dict(IncomeSource.choices)
        facts = [str(labels.get(source, source)) for source in self.income_sources or []]
        flags = (
            (self.has_lss_daily_activity, _("LSS-beslut om daglig verksamhet")),
            (self.has_long_term_forsorjningsstod, _("Långvarigt försörjningsstöd")),
            (self.current_in_psychiatry, _("Aktuell i psykiatrin")),
        )
        return facts + [str(text) for flag, text in flags if flag]


def consent_upload_path(instance: Consent, filename: str) -> str:
    # Never the original file name: it often contains the person's name. The service passes
    # a name whose extension comes from the sniffed content; only that extension is kept.
    extension = PurePath(filename).suffix.lower()
    if extension not in {".pdf", ".jpg", ".png"}:
        extension = ""
    return f"samtycken/{datetime.date.today():%Y}/{uuid.uuid4().hex}{extension}"


class Consent(Versioned):
    """Written consent for one registration: which parties may exchange information, when."""

    person = models.ForeignKey(
        "participants.Person", on_delete=models.PROTECT, related_name="consents"
    )
    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.PROTECT, related_name="consents"
    )
    parties = models.ManyToManyField(
        "core.Party", related_name="consents", verbose_name=_("parter")
    )
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    withdrawn_on = models.DateField(_("återkallat"), null=True, blank=True)
    document = models.FileField(
        _("underskriven blankett"), upload_to=consent_upload_path, blank=True
    )
    document_type = models.CharField(max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="consent_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.valid_from}"

    def is_active_on(self, day: datetime.date) -> bool:
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        if day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


class ConsentRecipient(models.Model):
    """Someone outside the förbund's parties the consent lets the staff contact (seed 001:
    earlier workplaces, schools, employers, the municipality's own units)."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="recipients")
    category = models.CharField(_("slag"), max_length=24, choices=RecipientCategory.choices)
    name = models.CharField(_("namn"), max_length=200)

    class Meta:
        verbose_name = _("mottagare i samtycket")
        verbose_name_plural = _("mottagare i samtycket")
        ordering = ["consent", "category", "name"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.name}"
