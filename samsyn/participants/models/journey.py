"""What happens during a registration: plan, phases, activities, steps, meetings, notes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.fields import EncryptedTextField
from samsyn.core.versioning import Versioned
from samsyn.participants.models.choices import (
    DailyActivityPlacement,
    ExitReason,
    Occupation,
    OverallGoal,
    StartForm,
    StartKind,
    SubGoalStatus,
)
from samsyn.participants.models.partitioned import ForbundPartitioned, ForbundPartitionedQuerySet
from samsyn.participants.models.registration import Registration


class ActionPlan(Versioned):
    """Handlingsplan: the overall goal agreed by participant, coach and referring party."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="action_plan"
    )
    overall_goal = models.CharField(
        _("övergripande mål"), max_length=32, choices=OverallGoal.choices
    )
    agreed_on = models.DateField(_("överenskommen"), default=datetime.date.today)
    agreed_by_participant = models.BooleanField(_("deltagaren är överens"), default=False)
    agreed_by_referrer = models.BooleanField(_("remittenten är överens"), default=False)
    description = EncryptedTextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")


class SubGoal(Versioned):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="sub_goals")
    description = EncryptedTextField(_("delmål"))
    target_date = models.DateField(_("måldatum"), null=True, blank=True)
    responsible_party = models.ForeignKey(
        "core.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("ansvarig part"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SubGoalStatus.choices, default=SubGoalStatus.EJ_PABORJAT
    )
    reached_on = models.DateField(_("uppnått datum"), null=True, blank=True)

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["target_date", "id"]


class PhaseChange(models.Model):
    """The history of phases: each row is the phase entered on a date."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="phase_changes"
    )
    phase = models.ForeignKey("interventions.Phase", on_delete=models.PROTECT, related_name="+")
    entered_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["entered_on", "id"]

    def __str__(self) -> str:
        return f"{self.phase} {self.entered_on}"


class Activity(ForbundPartitioned):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="activities"
    )
    activity_type = models.ForeignKey(
        "interventions.ActivityType", on_delete=models.PROTECT, verbose_name=_("aktivitet")
    )
    held_on = models.DateField(_("datum"))
    hours = models.DecimalField(
        _("timmar"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    provider = models.CharField(_("utförare"), max_length=200, blank=True)
    note = EncryptedTextField(_("anteckning"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ForbundPartitionedQuerySet["Activity"].as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.activity_type} {self.held_on}"


class StepRecord(ForbundPartitioned):
    """Where on the intervention's ladder the person stood on a date."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="step_records"
    )
    step = models.ForeignKey("interventions.LadderStep", on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = ForbundPartitionedQuerySet["StepRecord"].as_manager()

    class Meta:
        ordering = ["recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.step} {self.recorded_on}"


class IndicatorRating(ForbundPartitioned):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="indicator_ratings"
    )
    indicator = models.ForeignKey(
        "interventions.ProgressionIndicator", on_delete=models.PROTECT, related_name="+"
    )
    rated_on = models.DateField(_("datum"))
    score = models.PositiveSmallIntegerField(
        _("skattning"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    objects = ForbundPartitionedQuerySet["IndicatorRating"].as_manager()

    class Meta:
        ordering = ["rated_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="rating_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.rated_on}: {self.score}"


class FollowUpMeeting(models.Model):
    """A follow-up with participant, coach and referring party (every 8 weeks by default)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="follow_ups"
    )
    held_on = models.DateField(_("datum"))
    participants_present = models.CharField(_("närvarande"), max_length=200, blank=True)
    note = EncryptedTextField(_("anteckning"), blank=True)
    next_due = models.DateField(_("nästa uppföljning"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uppföljningsmöte")
        verbose_name_plural = _("uppföljningsmöten")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on}"


class JournalNote(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("skriven"), default=timezone.now)
    text = EncryptedTextField(_("anteckning"))

    class Meta:
        verbose_name = _("journalanteckning")
        verbose_name_plural = _("journalanteckningar")
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"{self.written_at:%Y-%m-%d %H:%M}"


class WorkStart(models.Model):
    """A job or study start during (or right after) the registration."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="work_starts"
    )
    kind = models.CharField(_("typ"), max_length=8, choices=StartKind.choices)
    form = models.CharField(_("form"), max_length=24, choices=StartForm.choices)
    employer = models.CharField(_("arbetsgivare eller skola"), max_length=200, blank=True)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("timmar per vecka"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    # IPS counts a competitive job: ordinary pay, not reserved for people with disabilities.
    competitive = models.BooleanField(_("konkurrensutsatt arbete"), default=False)
    # Only for people in LSS daily activity: what happens to that placement (seed 001).
    daily_activity_placement = models.CharField(
        _("plats på daglig verksamhet"),
        max_length=8,
        choices=DailyActivityPlacement.choices,
        blank=True,
    )
    # The latest day someone recorded the job as still held (a check at a follow-along
    # contact, a follow-up meeting or the 6/12-month follow-up after exit). Empty: nobody has.
    # IPS counts a job as held for 13 weeks only when this or the end date says so
    # (docs/ips-outcomes.md).
    held_confirmed_on = models.DateField(_("senast bekräftat kvar"), null=True, blank=True)

    class Meta:
        verbose_name = _("arbets- eller studiestart")
        verbose_name_plural = _("arbets- och studiestarter")
        ordering = ["-start_date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.start_date}"


class PostExitFollowUpQuerySet(models.QuerySet["PostExitFollowUp"]):
    def countable(self) -> PostExitFollowUpQuerySet:
        """Follow-ups that count and are listed: never of a felregistrering, and never of an
        anonymous registration, whom nobody can call (docs/participants-followup.md). An exit
        books none for either; the open ones booked before are removed by the data migration
        ``remove_anonymous_post_exit_follow_ups``, and a recorded one is kept but counts
        nowhere."""
        return self.exclude(registration__exit_reason=ExitReason.FELREGISTRERING).exclude(
            registration__person__is_anonymous=True
        )


class PostExitFollowUp(models.Model):
    """The phone follow-up 6 or 12 months after exit."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="post_exit_follow_ups"
    )
    months_after = models.PositiveSmallIntegerField(_("månader efter avslut"))
    due_on = models.DateField(_("ska göras"))
    done_on = models.DateField(_("gjord"), null=True, blank=True)
    reached = models.BooleanField(_("nådd"), null=True, blank=True)
    occupation = models.CharField(
        _("sysselsättning"), max_length=16, choices=Occupation.choices, blank=True
    )
    income_sources = models.JSONField(_("försörjning"), default=list, blank=True)
    note = EncryptedTextField(_("anteckning"), blank=True)

    objects = PostExitFollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "months_after"], name="post_exit_unique_months"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.months_after} mån {self.due_on}"
