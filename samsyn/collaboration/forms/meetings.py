"""Forms of the meeting pages; the rules and their messages are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.collaboration.models import ActionStatus, MeetingKind, MeetingStatus
from samsyn.collaboration.services.actions import ActionFields
from samsyn.collaboration.services.meetings import MeetingFields, SeriesFields
from samsyn.core.form_fields import model_choice_field, set_choice_label
from samsyn.core.models import Party, TeamMember

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ConfirmDateMixin(forms.Form):
    confirm_date = forms.BooleanField(
        label=_("Ja, datumet stämmer"),
        required=False,
        help_text=_("Behövs bara när datumet ligger mer än ett år från i dag."),
    )


class MeetingForm(ConfirmDateMixin):
    date = forms.DateField(label=_("Datum"), widget=DATE)
    start_time = forms.TimeField(label=_("Starttid"), required=False, widget=TIME)
    kind = forms.ChoiceField(label=_("Typ av möte"), choices=MeetingKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    link = forms.CharField(
        label=_("Länk till digitalt möte"),
        required=False,
        max_length=200,
        help_text=_("Adressen börjar med https://."),
    )
    agenda = forms.CharField(
        label=_("Dagordning"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    field_order = ["date", "start_time", "kind", "status", "place", "link", "agenda"]

    def meeting_fields(self) -> MeetingFields:
        data = self.cleaned_data
        return MeetingFields(
            date=data["date"],
            start_time=data["start_time"],
            place=data["place"],
            link=data["link"],
            kind=data["kind"],
            status=data["status"],
            agenda=data["agenda"],
        )


class SeriesForm(ConfirmDateMixin):
    first = forms.DateField(label=_("Första mötet"), required=False, widget=DATE)
    until = forms.DateField(label=_("Sista datum"), required=False, widget=DATE)
    every_weeks = forms.IntegerField(
        label=_("Antal veckor mellan mötena"), required=False, min_value=1, max_value=52
    )
    dates = forms.CharField(
        label=_("Eller välj datumen själv"),
        required=False,
        max_length=2000,
        help_text=_("Ett datum per rad, till exempel 2026-09-15."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    start_time = forms.TimeField(label=_("Starttid"), required=False, widget=TIME)
    place = forms.CharField(label=_("Plats"), required=False, max_length=200)
    link = forms.CharField(label=_("Länk till digitalt möte"), required=False, max_length=200)
    agenda = forms.CharField(
        label=_("Dagordning"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["first", "until", "every_weeks", "dates", "start_time", "place", "link"]

    def clean_dates(self) -> list[Any]:
        lines = [line.strip() for line in self.cleaned_data["dates"].splitlines() if line.strip()]
        field = forms.DateField()
        parsed = []
        for line in lines:
            try:
                parsed.append(field.clean(line))
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("”%(value)s” är inget datum. Skriv ett datum per rad, ÅÅÅÅ-MM-DD."),
                    params={"value": line[:20]},
                ) from error
        if len(parsed) > 60:
            raise forms.ValidationError(_("En serie kan ha högst 60 möten."))
        return parsed

    def series_fields(self) -> SeriesFields:
        data = self.cleaned_data
        return SeriesFields(
            first=data["first"],
            until=data["until"],
            every_weeks=data["every_weeks"],
            dates=tuple(data["dates"]),
            start_time=data["start_time"],
            place=data["place"],
            link=data["link"],
            agenda=data["agenda"],
        )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Beslut"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the meeting page also holds the action form, whose field is "text" too
        # (two id_text would tie the label "Åtgärd" to the decision's field).
        kwargs.setdefault("auto_id", "id_decision_%s")
        super().__init__(*args, **kwargs)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Protokoll"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(forms.Form):
    text = forms.CharField(
        label=_("Åtgärd"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    # Required as the service requires them (services/actions.py): who owns it and by when.
    owner_party = forms.ModelChoiceField(label=_("Ansvarig part"), queryset=Party.objects.none())
    responsible = forms.ModelChoiceField(
        label=_("Ansvarig person"),
        queryset=TeamMember.objects.none(),
        required=False,
        empty_label=_("Ingen särskild"),
    )
    due_date = forms.DateField(label=_("Klart senast"), widget=DATE)

    def __init__(self, *args: Any, team_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_action_%s")  # see DecisionForm
        super().__init__(*args, **kwargs)
        seats = TeamMember.objects.filter(team_id=team_id).select_related("user", "party")
        model_choice_field(self, "owner_party").queryset = Party.objects.filter(
            id__in=seats.values("party_id")
        ).order_by("name")
        responsible = model_choice_field(self, "responsible")
        responsible.queryset = seats.order_by("party__name", "id")
        set_choice_label(responsible, lambda seat: f"{seat.display_name} ({seat.party.name})")

    def action_fields(self) -> ActionFields:
        data = self.cleaned_data
        return ActionFields(
            text=data["text"],
            owner_party_id=data["owner_party"].pk if data["owner_party"] else None,
            due_date=data["due_date"],
            responsible_id=data["responsible"].pk if data["responsible"] else None,
        )


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    done_on = forms.DateField(label=_("Klar den"), required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput)


class PeriodForm(forms.Form):
    fran = forms.DateField(label=_("Från"), required=False, widget=DATE)
    till = forms.DateField(label=_("Till"), required=False, widget=DATE)
