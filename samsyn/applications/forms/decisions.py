"""Forms of beredning, the decision, change applications and deviation reports. They collect
and type the input; the rules live in the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.applications.models import (
    ApplicationKind,
    ChangeKind,
    DecidingBody,
    DecisionOutcome,
    DeviationStatus,
    NoteKind,
)
from samsyn.applications.services.changes import ChangeFields
from samsyn.applications.services.decisions import DecisionFields
from samsyn.applications.services.deviations import DeviationFields, ResponseFields
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import DateInput, VersionField
from samsyn.interventions.forms.money import AMOUNT_HELP, SwedishDecimalField
from samsyn.interventions.models import CostCategory

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class NoteForm(SamsynForm):
    kind = forms.ChoiceField(
        label=_("Typ"),
        choices=[
            (NoteKind.COMMENT, _("Intern kommentar (visas inte för sökande)")),
            (NoteKind.QUESTION, _("Fråga till sökande")),
        ],
        widget=forms.RadioSelect,
        initial=NoteKind.COMMENT,
    )
    text = forms.CharField(label=_("Text"), widget=TEXTAREA, max_length=5000)


class AnswerForm(SamsynForm):
    text = forms.CharField(label=_("Ditt svar"), widget=TEXTAREA, max_length=5000)


class RecommendationForm(SamsynForm):
    version = VersionField()
    recommendation = forms.ChoiceField(
        label=_("Förslag till beslut"), choices=DecisionOutcome.choices
    )
    recommendation_text = forms.CharField(label=_("Motivering"), widget=TEXTAREA, max_length=5000)


class DecisionForm(SamsynForm):
    body = forms.ChoiceField(
        label=_("Beslutande organ"), choices=[("", "—"), *DecidingBody.choices]
    )
    decided_on = forms.DateField(label=_("Beslutsdatum"), widget=DateInput())
    paragraph = forms.CharField(
        label=_("Paragraf (§)"),
        max_length=20,
        help_text=_("Protokollets paragraf, till exempel 14."),
    )
    outcome = forms.ChoiceField(
        label=_("Beslut"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    conditions = forms.CharField(
        label=_("Villkor"),
        widget=TEXTAREA,
        required=False,
        max_length=10000,
        help_text=_("Krävs när ansökan beviljas med villkor."),
    )
    motivation = forms.CharField(
        label=_("Motivering"), widget=TEXTAREA, required=False, max_length=10000
    )
    minutes = forms.FileField(label=_("Protokoll (PDF eller DOCX)"), required=False)
    confirm_over_request = forms.BooleanField(
        label=_("Beslutet beviljar mer än ansökan begär av förbundet"), required=False
    )

    def __init__(self, *args: Any, requested: dict[int, Decimal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = list(requested)
        for year, asked in requested.items():
            self.fields[f"year_{year}"] = SwedishDecimalField(
                label=_("Beviljat högst %(year)s (kr)") % {"year": year},
                required=False,
                help_text=_("Sökt från förbundet: %(amount)s kr. ") % {"amount": asked}
                + str(AMOUNT_HELP),
            )

    def decision_fields(self) -> DecisionFields:
        data = self.cleaned_data
        return DecisionFields(
            body=data["body"],
            decided_on=data["decided_on"],
            paragraph=data["paragraph"],
            outcome=data["outcome"],
            conditions=data["conditions"],
            motivation=data["motivation"],
            years={
                year: data.get(f"year_{year}")
                for year in self.years
                if data.get(f"year_{year}") is not None or data["outcome"] != "avslagen"
            },
            confirm_over_request=data["confirm_over_request"],
        )


class ChangeForm(SamsynForm):
    kind = forms.ChoiceField(
        label=_("Typ av ansökan"),
        choices=[
            (ApplicationKind.CHANGE, _("Ändring")),
            (ApplicationKind.CONTINUATION, _("Fortsättning ett år till")),
        ],
        widget=forms.RadioSelect,
        initial=ApplicationKind.CHANGE,
    )
    change_kinds = forms.MultipleChoiceField(
        label=_("Vad ändras"),
        choices=ChangeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Beskriv ändringen och varför den behövs"), widget=TEXTAREA, max_length=10000
    )
    year = forms.IntegerField(
        label=_("År som medlen söks för"), required=False, min_value=2000, max_value=2100
    )
    amount = SwedishDecimalField(
        label=_("Belopp från förbundet (kr)"), required=False, help_text=AMOUNT_HELP
    )
    category = forms.ChoiceField(
        label=_("Kostnadsslag"), choices=CostCategory.choices, initial=CostCategory.SALARIES
    )
    planned_participants = forms.IntegerField(
        label=_("Planerat antal deltagare det året"), required=False, min_value=0, max_value=100000
    )
    new_end_date = forms.DateField(label=_("Nytt slutdatum"), required=False, widget=DateInput())
    new_target_group = forms.CharField(
        label=_("Ändrad målgrupp"), widget=TEXTAREA, required=False, max_length=10000
    )

    def change_fields(self) -> ChangeFields:
        data = self.cleaned_data
        amounts = {data["year"]: data["amount"]} if data.get("year") else {}
        if data.get("amount") is not None and not data.get("year"):
            amounts = {0: data["amount"]}  # refused by the service: the year is missing
        return ChangeFields(
            kind=data["kind"],
            description=data["description"],
            change_kinds=tuple(data["change_kinds"]),
            amounts=amounts,
            category=data["category"],
            new_end_date=data["new_end_date"],
            new_target_group=data["new_target_group"],
            planned_participants=data["planned_participants"],
        )


class DeviationForm(SamsynForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    description = forms.CharField(
        label=_("Vad avviker och varför"), widget=TEXTAREA, max_length=10000
    )
    proposed_action = forms.CharField(
        label=_("Förslag till åtgärd"), widget=TEXTAREA, required=False, max_length=10000
    )

    def deviation_fields(self) -> DeviationFields:
        return DeviationFields(**self.cleaned_data)


class ResponseForm(SamsynForm):
    version = VersionField()
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in DeviationStatus if s != DeviationStatus.REPORTED],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(label=_("Förbundets svar"), widget=TEXTAREA, max_length=10000)
    follow_up_application = forms.TypedChoiceField(
        label=_("Ändringsansökan"), coerce=int, required=False, empty_value=None, choices=()
    )

    def __init__(self, *args: Any, applications: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["follow_up_application"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—"), *applications]

    def response_fields(self) -> ResponseFields:
        data = self.cleaned_data
        return ResponseFields(
            status=data["status"],
            response=data["response"],
            follow_up_application_id=data["follow_up_application"],
        )
