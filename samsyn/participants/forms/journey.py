"""Forms for the journey: plan, sub-goals, phase, activity, step, indicator ratings, note.

Forms only parse input; the services validate the domain rules and check permission.
Versioned records carry a hidden ``version``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Party
from samsyn.interventions.models import (
    ActivityType,
    Intervention,
    LadderStep,
    Phase,
    ProgressionIndicator,
)
from samsyn.participants.models import OverallGoal, SubGoalStatus
from samsyn.participants.services.activities import NOTE_MAX_LENGTH as ACTIVITY_NOTE_MAX
from samsyn.participants.services.notes import NOTE_MAX_LENGTH
from samsyn.participants.services.plan import DESCRIPTION_MAX_LENGTH, SUB_GOAL_MAX_LENGTH

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_ERRORS = {"invalid": _("Ange ett datum som ÅÅÅÅ-MM-DD.")}


def date_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={**DATE_ERRORS, "required": _("Ange ett datum.")},
    )


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, min_value=0, **kwargs)


class ActionPlanForm(SamsynForm):
    overall_goal = forms.ChoiceField(
        label=_("Övergripande mål"),
        choices=OverallGoal.choices,
        error_messages={"required": _("Välj ett övergripande mål.")},
    )
    agreed_on = date_field(_("Överenskommen den"))
    agreed_by_participant = forms.BooleanField(label=_("Deltagaren är överens"), required=False)
    agreed_by_referrer = forms.BooleanField(label=_("Anvisande part är överens"), required=False)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = VersionField()


class SubGoalForm(SamsynForm):
    description = forms.CharField(
        label=_("Delmål"),
        max_length=SUB_GOAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Beskriv delmålet.")},
    )
    target_date = date_field(_("Måldatum"), required=False)
    responsible_party = forms.ModelChoiceField(
        label=_("Ansvarig part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("Ingen särskild part"),
        error_messages={"invalid_choice": _("Välj en av förbundets parter.")},
    )
    status = forms.ChoiceField(label=_("Status"), choices=SubGoalStatus.choices)
    reached_on = date_field(
        _("Uppnått den"),
        required=False,
        help_text=_("Fylls i med dagens datum om du lämnar det tomt och delmålet är uppnått."),
    )
    version = VersionField()

    def __init__(self, *args: Any, forbund_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "responsible_party").queryset = Party.objects.filter(
            forbund_id=forbund_id, is_active=True
        ).order_by("name")


class PhaseChangeForm(SamsynForm):
    phase = forms.ModelChoiceField(
        label=_("Ny fas"),
        queryset=Phase.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj en fas."),
            "invalid_choice": _("Välj en av insatsens faser."),
        },
    )
    entered_on = date_field(_("Från och med"))

    def __init__(self, *args: Any, intervention_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "phase").queryset = Phase.objects.filter(
            intervention_id=intervention_id
        ).order_by("order")


class ActivityForm(SamsynForm):
    activity_type = forms.ModelChoiceField(
        label=_("Aktivitet"),
        queryset=ActivityType.objects.none(),
        error_messages={
            "required": _("Välj en aktivitet."),
            "invalid_choice": _("Välj en av förbundets aktivitetstyper."),
        },
    )
    held_on = date_field(_("Datum"))
    hours = forms.DecimalField(
        label=_("Timmar"),
        min_value=0,
        max_value=24,
        max_digits=5,
        decimal_places=2,
        # Text, not type=number: Swedish users write a decimal comma, which number inputs
        # reject; localize accepts both "1,5" and "1.5".
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": _("Ange antal timmar."),
            "invalid": _("Ange antal timmar som ett tal, till exempel 1,5."),
            "min_value": _("Ange antal timmar mellan 0 och 24."),
            "max_value": _("Ange antal timmar mellan 0 och 24."),
            "max_decimal_places": _("Ange högst två decimaler."),
            "max_digits": _("Ange antal timmar mellan 0 och 24."),
        },
    )
    provider = forms.CharField(label=_("Utförare"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        max_length=ACTIVITY_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # What the intervention's way of working offers (no arbetsträning in IPS).
        model_choice_field(self, "activity_type").queryset = ActivityType.objects.filter(
            forbund_id=intervention.forbund_id,
            is_active=True,
            approach__in=intervention.activity_approaches,
        ).order_by("name")


class StepRecordForm(SamsynForm):
    step = forms.ModelChoiceField(
        label=_("Steg på stegen"),
        queryset=LadderStep.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj ett steg."),
            "invalid_choice": _("Välj ett av stegen på insatsens stege."),
        },
    )
    recorded_on = date_field(_("Datum"))

    def __init__(self, *args: Any, intervention_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "step").queryset = LadderStep.objects.filter(
            intervention_id=intervention_id
        ).order_by("order")


SCORE_CHOICES = [(score, str(score)) for score in range(1, 6)]


class IndicatorRatingForm(SamsynForm):
    """All indicators of the intervention in one form, each rated 1 (lowest) to 5."""

    rated_on = date_field(_("Datum för skattningen"))

    def __init__(self, *args: Any, indicators: list[ProgressionIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.TypedChoiceField(
                label=indicator.name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = lägst, 5 = högst"),
                error_messages={
                    "required": _("Skatta från 1 till 5."),
                    "invalid_choice": _("Skatta från 1 till 5."),
                },
            )

    def scores(self) -> dict[int, int]:
        return {
            indicator.pk: self.cleaned_data[f"indicator_{indicator.pk}"]
            for indicator in self.indicators
        }


class JournalNoteForm(SamsynForm):
    text = forms.CharField(
        label=_("Anteckning"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Skriv anteckningen.")},
        help_text=_("Anteckningen sparas krypterad och varje läsning loggas."),
    )
