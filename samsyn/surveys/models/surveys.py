"""Surveys, their one-time links and the answers.

Anonymity is designed into the tables (issue #13, item 3): a ``SurveyToken`` holds only a
keyed hash of the link's token and whether it is used, never a person or a registration; a
``Response`` holds the survey, the day (no time) and the channel, and nothing else: no token,
no address, no user. Its primary key is random (a UUID), so the order of the rows does not
tell which link was used for which answer. Who entered a paper form is written to the access
log only.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.versioning import Versioned
from samsyn.surveys.models.instruments import Choice, Instrument, Question, RespondentGroup


class SurveyStatus(models.TextChoices):
    DRAFT = "utkast", _("Utkast")
    OPEN = "oppen", _("Öppen")
    CLOSED = "stangd", _("Stängd")


class Survey(Versioned):
    forbund = models.ForeignKey(
        "core.Forbund", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("förbund")
    )
    name = models.CharField(_("namn"), max_length=200)
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("instrument")
    )
    respondent_group = models.CharField(
        _("svarsgrupp"), max_length=20, choices=RespondentGroup.choices
    )
    # Empty: the survey is about the förbund itself (board and managers in the collaboration).
    interventions = models.ManyToManyField(
        "interventions.Intervention",
        blank=True,
        related_name="surveys",
        verbose_name=_("insatser"),
    )
    period_from = models.DateField(_("period från"))
    period_to = models.DateField(_("period till"))
    target_answers = models.PositiveIntegerField(_("mål för antal svar"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )

    class Meta:
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        ordering = ["-period_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_to__gte=F("period_from")), name="surveys_survey_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SurveyToken(models.Model):
    """A one-time answering link. Only the keyed hash of its token is stored
    (``core.crypto.blind_index`` with purpose ``survey-token``); the plain token exists only
    on the printed or sent link."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    batch = models.PositiveIntegerField(_("omgång"), default=1)
    used = models.BooleanField(_("använd"), default=False)

    class Meta:
        verbose_name = _("svarslänk")
        verbose_name_plural = _("svarslänkar")
        indexes = [models.Index(fields=["survey", "batch"])]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.batch}"


class ResponseChannel(models.TextChoices):
    WEB = "webb", _("Webb")
    PAPER = "papper", _("Pappersenkät")


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    # The day only: a time would let someone match an answer to a visit.
    answered_on = models.DateField(_("svarsdag"))
    channel = models.CharField(
        _("kanal"), max_length=10, choices=ResponseChannel.choices, default=ResponseChannel.WEB
    )

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")
        indexes = [models.Index(fields=["survey", "answered_on"])]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.answered_on}"


class Answer(models.Model):
    """The answer to one question: exactly one of the value fields, by the question's kind."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    step = models.IntegerField(_("skalsteg"), null=True, blank=True)
    choice = models.ForeignKey(
        Choice, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    yes_no = models.BooleanField(_("ja/nej"), null=True, blank=True)
    # Free text may identify the writer: encrypted like every other free text.
    free_text = EncryptedTextField(_("fritext"), blank=True)

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveys_answer_once_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} {self.question_id}"
