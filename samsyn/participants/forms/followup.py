"""Forms for follow-ups, job and study starts, exit, post-exit follow-ups and the caseload.

Forms only parse input; the domain rules (dates, which form goes with which kind, the
recommendation rule, …) live in the services, whose ValidationErrors are shown on the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.models import Intervention, Phase
from samsyn.participants.models import (
    DailyActivityPlacement,
    ExitReason,
    IncomeSource,
    Occupation,
    Outcome,
    Recommendation,
    Registration,
    StartForm,
    StartKind,
)
from samsyn.participants.selectors.caseload import (
    SHOW_ALL_OVERDUE,
    SHOW_FOLLOW_UPS_OVERDUE,
    SHOW_PLANS_OVERDUE,
    CaseloadFilters,
)
from samsyn.participants.selectors.caseload_search import CaseloadSearch, caseload_search_parse
from samsyn.participants.services.exit import ExitData
from samsyn.participants.services.starts import JOB_FORMS, NO_STATUS_MESSAGE, STUDY_FORMS

YES_NO = [("ja", _("Ja")), ("nej", _("Nej"))]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _blank(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [("", _("Välj …")), *choices]


def _yes_no(value: str) -> bool | None:
    return {"ja": True, "nej": False}.get(value)


class FollowUpMeetingForm(SamsynForm):
    PRESENT_CHOICES = [
        ("Deltagaren", _("Deltagaren")),
        ("Coach", _("Coach")),
        ("Anvisande handläggare", _("Anvisande handläggare")),
    ]

    held_on = forms.DateField(label=_("Datum för mötet"), widget=DateInput())
    present = forms.MultipleChoiceField(
        label=_("Närvarande"),
        choices=PRESENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    present_other = forms.CharField(
        label=_("Andra närvarande"),
        required=False,
        max_length=120,
        help_text=_("Till exempel annan part eller tolk. Skriv inga namn på deltagaren här."),
    )
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sparas krypterad."),
    )
    next_due = forms.DateField(label=_("Nästa uppföljning"), required=False, widget=DateInput())

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        weeks = registration.intervention.follow_up_interval_weeks
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["next_due"].help_text = _(
            "Lämna tomt för mötesdatum plus %(weeks)d veckor (insatsens intervall)."
        ) % {"weeks": weeks}

    def participants_present(self) -> str:
        chosen = [str(value) for value in self.cleaned_data["present"]]
        other = self.cleaned_data["present_other"].strip()
        return ", ".join([*chosen, *([other] if other else [])])


class WorkStartForm(SamsynForm):
    kind = forms.ChoiceField(
        label=_("Typ av start"), choices=StartKind.choices, widget=forms.RadioSelect
    )
    form = forms.ChoiceField(
        label=_("Form"),
        choices=_blank(
            [
                (_("Arbete"), [(c.value, c.label) for c in StartForm if c in JOB_FORMS]),
                (_("Studier"), [(c.value, c.label) for c in StartForm if c in STUDY_FORMS]),
            ]
        ),
        help_text=_("Anställningsformer gäller arbete, studieformer gäller studier."),
    )
    employer = forms.CharField(label=_("Arbetsgivare eller skola"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Startdatum"), widget=DateInput())
    end_date = forms.DateField(label=_("Slutdatum"), required=False, widget=DateInput())
    hours_per_week = forms.DecimalField(
        label=_("Timmar per vecka"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(80),
        decimal_places=1,
        max_digits=4,
    )
    competitive = forms.BooleanField(
        label=_(
            "Konkurrensutsatt arbete (vanlig lön, inte reserverat för personer med "
            "funktionsnedsättning)"
        ),
        required=False,
    )

    daily_activity_placement = forms.ChoiceField(
        label=_("Plats på daglig verksamhet"),
        required=False,
        choices=[("", _("Ingen plats på daglig verksamhet")), *DailyActivityPlacement.choices],
        help_text=_("Bara för personer med daglig verksamhet enligt LSS."),
    )

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "daily_activity_placement": data["daily_activity_placement"],
            "kind": data["kind"],
            "form": data["form"],
            "employer": data["employer"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "hours_per_week": data["hours_per_week"],
            "competitive": data["competitive"],
        }


class WorkStartStatusForm(SamsynForm):
    """After the start, also after exit: the job (or studies) still held on a day, or ended."""

    held_on = forms.DateField(
        label=_("Fortfarande kvar i arbetet eller studierna den"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Datumet då du fick veta att deltagaren var kvar, t.ex. vid ett uppföljningsmöte, "
            "en kontakt med arbetsgivaren eller uppföljningen efter avslut."
        ),
    )
    end_date = forms.DateField(
        label=_("Arbetet eller studierna slutade"), required=False, widget=DateInput()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("held_on") and not data.get("end_date"):
            raise forms.ValidationError(NO_STATUS_MESSAGE)
        return data


class ExitForm(SamsynForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end_date = forms.DateField(label=_("Slutdatum"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Avslutsorsak"), choices=_blank(ExitReason.choices))
    income_sources_after = forms.MultipleChoiceField(
        label=_("Försörjning efter insatsen"),
        choices=IncomeSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    occupation_after = forms.ChoiceField(
        label=_("Sysselsättning efter insatsen"), choices=_blank(Occupation.choices), required=False
    )
    outcome = forms.ChoiceField(
        label=_("Resultat vid avslut"), choices=_blank(Outcome.choices), required=False
    )
    exit_plan = forms.CharField(
        label=_("Överenskommen plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Krävs när resultatet vid avslut varken är arbete eller studier."),
    )
    recommendation = forms.ChoiceField(
        label=_("Rekommendation efter resursinventeringen"),
        choices=_blank(Recommendation.choices),
        required=False,
    )
    step_forward = forms.ChoiceField(
        label=_("Stegförflyttning"), choices=YES_NO, required=False, widget=forms.RadioSelect
    )

    def __init__(
        self, *args: Any, registration: Registration, computed: bool | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = registration.version
        self.fields["end_date"].initial = timezone.localdate()
        if not registration.intervention.uses_resursinventering:
            del self.fields["recommendation"]
        self.fields["step_forward"].help_text = _computed_help(computed)
        if computed is not None:
            self.fields["step_forward"].initial = "ja" if computed else "nej"

    def exit_data(self) -> ExitData:
        data = self.cleaned_data
        return ExitData(
            end_date=data["end_date"],
            reason=data["reason"],
            income_sources_after=list(data["income_sources_after"]),
            occupation_after=data["occupation_after"],
            outcome=data["outcome"],
            exit_plan=data["exit_plan"],
            recommendation=data.get("recommendation", ""),
            step_forward=_yes_no(data["step_forward"]),
        )


def _computed_help(computed: bool | None) -> str:
    if computed is None:
        return str(_("Har deltagaren kommit närmare arbete eller studier under insatsen?"))
    answer = _("ja") if computed else _("nej")
    return str(
        _("Beräknat utifrån delmål, steg och indikatorer: %(answer)s. Ändra om det inte stämmer.")
        % {"answer": answer}
    )


class PostExitFollowUpForm(SamsynForm):
    done_on = forms.DateField(label=_("Datum för uppföljningen"), widget=DateInput())
    reached = forms.ChoiceField(
        label=_("Nåddes personen?"), choices=YES_NO, widget=forms.RadioSelect
    )
    occupation = forms.ChoiceField(
        label=_("Sysselsättning nu"), choices=_blank(Occupation.choices), required=False
    )
    income_sources = forms.MultipleChoiceField(
        label=_("Försörjning nu"),
        choices=IncomeSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sparas krypterad."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "done_on": data["done_on"],
            "reached": data["reached"] == "ja",
            "occupation": data["occupation"],
            "income_sources": list(data["income_sources"]),
            "note": data["note"],
        }


class PhaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Phase) -> str:
        return f"{obj.intervention.name}: {obj.name}"


# The caseload's ``filter`` values; the start page's "Att göra" counts link to two of them.
SHOW_LABELS = {
    SHOW_ALL_OVERDUE: _("Allt försenat"),
    SHOW_FOLLOW_UPS_OVERDUE: _("Försenade uppföljningar"),
    SHOW_PLANS_OVERDUE: _("Delmål som passerat måldatum"),
}


class CaseloadFilterForm(SamsynForm):
    q = forms.CharField(
        label=_("Sök deltagare"),
        required=False,
        max_length=100,
        # Names and numbers are personal data: the browser should not remember them.
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_(
            "Namn eller del av namn, personnummer (10 eller 12 siffror) eller deltagarens kod, "
            "till exempel D-7K2M9QX."
        ),
    )
    intervention = forms.ModelChoiceField(
        label=_("Insats"),
        queryset=Intervention.objects.none(),
        required=False,
        empty_label=_("Alla insatser"),
    )
    phase = PhaseChoiceField(
        label=_("Fas"), queryset=Phase.objects.none(), required=False, empty_label=_("Alla faser")
    )
    filter = forms.ChoiceField(
        label=_("Visa"),
        required=False,
        choices=[("", _("Alla pågående")), *SHOW_LABELS.items()],
    )

    def __init__(
        self,
        *args: Any,
        interventions: QuerySet[Intervention],
        phases: QuerySet[Phase],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "intervention").queryset = interventions
        model_choice_field(self, "phase").queryset = phases

    def clean_q(self) -> CaseloadSearch | None:
        return caseload_search_parse(self.cleaned_data["q"])

    def filters(self) -> CaseloadFilters:
        """The valid filters; a filter with an error is left out, except a search that
        could not be understood, which finds nobody rather than everybody."""
        if not self.is_bound:
            return CaseloadFilters()
        self.is_valid()
        data = self.cleaned_data
        intervention = data.get("intervention")
        phase = data.get("phase")
        search = CaseloadSearch(matches_nothing=True) if "q" in self.errors else data.get("q")
        return CaseloadFilters(
            intervention_id=intervention.pk if intervention else None,
            phase_id=phase.pk if phase else None,
            show=data.get("filter") or "",
            search=search,
        )

    def active_filters(self) -> list[ActiveFilter]:
        """The filters in use, each with the query string that removes it (and the page)."""
        if not self.is_bound:
            return []
        self.is_valid()
        data = self.cleaned_data
        shown: list[tuple[str, str, str]] = []
        if data.get("q") is not None:
            shown.append(("q", str(_("Sökning")), self.data.get("q", "").strip()))
        for name in ("intervention", "phase"):
            if data.get(name):
                shown.append((name, str(self.fields[name].label), str(data[name])))
        if data.get("filter"):
            shown.append(("filter", str(_("Visa")), str(SHOW_LABELS[data["filter"]])))
        return [
            ActiveFilter(label=label, value=value, clear_query=self._without(name))
            for name, label, value in shown
        ]

    def _without(self, name: str) -> str:
        query = cast(QueryDict, self.data).copy()
        for key in (name, "page"):
            query.pop(key, None)
        return query.urlencode()


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    clear_query: str
