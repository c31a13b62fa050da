"""Forms of the survey pages; what a survey may be is checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention
from samsyn.surveys.models import Instrument, RespondentGroup, SurveyStatus
from samsyn.surveys.services.tokens import MAX_BATCH


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SurveyForm(SamsynForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    forbund = forms.ModelChoiceField(
        label=_("Förbund"), queryset=Forbund.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Namn"), max_length=200)
    instrument = forms.ModelChoiceField(
        label=_("Instrument"),
        queryset=Instrument.objects.none(),
        help_text=_("Bara publicerade instrument kan skickas."),
    )
    respondent_group = forms.ChoiceField(
        label=_("Svarsgrupp"),
        choices=RespondentGroup.choices,
        help_text=_("Formuläret innehåller bara instrumentets frågor till den här gruppen."),
    )
    interventions = forms.ModelMultipleChoiceField(
        label=_("Insatser"),
        queryset=Intervention.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ingen vald: enkäten gäller förbundet självt (styrelse, chefer)."),
    )
    period_from = forms.DateField(label=_("Period från"), widget=_date_widget())
    period_to = forms.DateField(label=_("Period till"), widget=_date_widget())
    target_answers = forms.IntegerField(
        label=_("Mål för antal svar"), min_value=0, max_value=100_000, initial=0
    )

    def __init__(
        self,
        *args: Any,
        forbunds: QuerySet[Forbund],
        instruments: QuerySet[Instrument],
        interventions: QuerySet[Intervention],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "forbund").queryset = forbunds
        model_choice_field(self, "instrument").queryset = instruments
        model_choice_field(self, "interventions").queryset = interventions.order_by("name")
        if editing:
            # The förbund of a survey never changes.
            del self.fields["forbund"]


class SurveyStatusForm(SamsynForm):
    status = forms.ChoiceField(choices=SurveyStatus.choices)
    version = forms.IntegerField()


class TokenBatchForm(SamsynForm):
    count = forms.IntegerField(
        label=_("Antal länkar"),
        min_value=1,
        max_value=MAX_BATCH,
        initial=20,
        help_text=_("Varje länk kan användas en gång. Länkarna visas bara nu, en gång."),
    )


class PaperDateForm(SamsynForm):
    answered_on = forms.DateField(
        label=_("Svarsdag"),
        widget=_date_widget(),
        help_text=_("Dagen då formuläret fylldes i, om den står på det; annars dagens datum."),
    )
