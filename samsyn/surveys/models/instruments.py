"""Survey instruments: the questionnaire itself, versioned.

An instrument is owned by a förbund (one it imported, for example the NNS instrument it holds
under its agreement) or shipped with Samsyn (``forbund`` empty: Samsyn's own example). Its
``key`` names the instrument across versions; ``version`` counts them. Once any survey uses
an instrument it is never edited in place (``services.instruments.instrument_new_version``
copies it to the next version), so every result can say which wording it comes from.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InstrumentStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    PUBLISHED = "publicerad", _("Publicerad")
    RETIRED = "tillbakadragen", _("Tillbakadragen")


class RespondentGroup(models.TextChoices):
    """NNS's five respondent groups, with the participants' form split in two."""

    PARTICIPANT_ONGOING = "deltagare_pagaende", _("Deltagare, pågående insats")
    PARTICIPANT_EXIT = "deltagare_avslut", _("Deltagare, vid avslut")
    STAFF = "insatspersonal", _("Insatspersonal")
    BOARD = "styrelse", _("Styrelse")
    MANAGERS = "chefer", _("Chefer i samverkan")
    REFERRERS = "remittenter", _("Remittenter (handläggare)")


class QuestionKind(models.TextChoices):
    SCALE = "skala", _("Skala")
    YES_NO = "ja_nej", _("Ja/nej")
    FREE_TEXT = "fritext", _("Fritext")
    CHOICE = "val", _("Val")


class Instrument(models.Model):
    forbund = models.ForeignKey(
        "core.Forbund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_instruments",
        verbose_name=_("förbund"),
    )
    key = models.SlugField(_("nyckel"), max_length=60)
    name = models.CharField(_("namn"), max_length=200)
    # The instrument's own version (1, 2, ...), not the optimistic lock (``row_version``).
    version = models.PositiveIntegerField(_("version"), default=1)
    source = models.TextField(_("källa"))
    description = models.TextField(_("beskrivning"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InstrumentStatus.choices,
        default=InstrumentStatus.DRAFT,
    )
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_versions",
        verbose_name=_("föregående version"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Optimistic lock for in-place edits of a draft not yet in use.
    row_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("enkätinstrument")
        verbose_name_plural = _("enkätinstrument")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["forbund", "key", "version"],
                condition=Q(forbund__isnull=False),
                name="surveys_instrument_key_version_per_forbund",
            ),
            models.UniqueConstraint(
                fields=["key", "version"],
                condition=Q(forbund__isnull=True),
                name="surveys_instrument_key_version_shipped",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="surveys_instrument_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    @property
    def is_shipped(self) -> bool:
        return self.forbund_id is None


class Indicator(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("kod"), max_length=20)
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["instrument", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="surveys_indicator_code_per_instrument"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Question(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="questions")
    # Stable across versions: results and exports name a question by its code.
    code = models.CharField(_("fråge-id"), max_length=30)
    text = models.TextField(_("frågetext"))
    kind = models.CharField(_("frågetyp"), max_length=10, choices=QuestionKind.choices)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("indikator"),
    )
    is_gender_question = models.BooleanField(_("frågar efter kön"), default=False)
    # The answer values that count as positive: scale step values, choice values, or for a
    # yes/no question 1 (ja) and/or 0 (nej). Empty: the question has no positive rule.
    positive_steps = models.JSONField(_("positiva svar"), default=list, blank=True)

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["instrument", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="surveys_question_code_per_instrument"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class QuestionGroup(models.Model):
    """One respondent group a question is asked of (a question may be asked of several)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="groups")
    group = models.CharField(_("svarsgrupp"), max_length=20, choices=RespondentGroup.choices)

    class Meta:
        verbose_name = _("svarsgrupp för fråga")
        verbose_name_plural = _("svarsgrupper för frågor")
        ordering = ["question", "group"]
        constraints = [
            models.UniqueConstraint(fields=["question", "group"], name="surveys_question_group"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.group}"


class _Option(models.Model):
    value = models.IntegerField(_("värde"))
    label = models.CharField(_("text"), max_length=200)
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class ScaleStep(_Option):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="scale_steps")

    class Meta:
        verbose_name = _("skalsteg")
        verbose_name_plural = _("skalsteg")
        ordering = ["question", "order", "value"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="surveys_scale_step_value"),
        ]


class Choice(_Option):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")

    class Meta:
        verbose_name = _("svarsalternativ")
        verbose_name_plural = _("svarsalternativ")
        ordering = ["question", "order", "value"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="surveys_choice_value"),
        ]
