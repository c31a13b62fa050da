"""Forms of the training pages: they collect and type the input; the rules live in
services/trainings.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.models import Party
from samsyn.interventions.forms.fields import DateInput, PartyChoiceField, VersionField
from samsyn.interventions.models import Intervention, Training, TrainingRole
from samsyn.interventions.services.trainings import MAX_ATTENDEES, TrainingFields


def forbund_parties(intervention: Intervention) -> QuerySet[Party]:
    """The förbund's active parties, the ones staff can come from."""
    return Party.objects.filter(forbund_id=intervention.forbund_id, is_active=True).order_by(
        "kind", "name"
    )


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    held_on = forms.DateField(label=_("Datum"), widget=DateInput(), help_text=_("ÅÅÅÅ-MM-DD"))
    provider = forms.CharField(label=_("Utbildare"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def training_fields(self) -> TrainingFields:
        data = self.cleaned_data
        return TrainingFields(
            title=data["title"],
            held_on=data["held_on"],
            provider=data.get("provider", ""),
            description=data.get("description", ""),
        )


class TrainingEditForm(TrainingForm):
    version = VersionField()

    @classmethod
    def for_training(cls, training: Training) -> TrainingEditForm:
        return cls(
            initial={
                "title": training.title,
                "held_on": training.held_on,
                "provider": training.provider,
                "description": training.description,
                "version": training.version,
            }
        )


class VersionOnlyForm(forms.Form):
    version = VersionField()


def _attendees_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Antal deltagare"), min_value=1, max_value=MAX_ATTENDEES, initial=1
    )


class AttendanceAddForm(forms.Form):
    party = PartyChoiceField(
        label=_("Part"), queryset=Party.objects.none(), empty_label=_("– välj –")
    )
    role = forms.ChoiceField(label=_("Yrkesroll"), choices=TrainingRole.choices)
    attendees = _attendees_field()
    version = VersionField()

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        # Shown on the same page as the training form: ids of its own, names unchanged.
        kwargs.setdefault("auto_id", "deltagare_%s")
        super().__init__(*args, **kwargs)
        model_choice_field(self, "party").queryset = forbund_parties(intervention)


class AttendanceUpdateForm(forms.Form):
    attendees = _attendees_field()
    version = VersionField()
