"""Forms of the training pages: they collect and type the input; the rules live in
services/trainings.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Party
from samsyn.interventions.forms.fields import DateInput, PartyChoiceField, VersionField
from samsyn.interventions.models import (
    EvidenceKind,
    Intervention,
    Training,
    TrainingAttendee,
    TrainingRole,
)
from samsyn.interventions.selectors.trainings import earlier_attendees
from samsyn.interventions.services.trainings import AttendeeFields, TrainingFields


def forbund_parties(intervention: Intervention) -> QuerySet[Party]:
    """The förbund's active parties, the ones staff can come from."""
    return Party.objects.filter(forbund_id=intervention.forbund_id, is_active=True).order_by(
        "kind", "name"
    )


class TrainingForm(SamsynForm):
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


class VersionOnlyForm(SamsynForm):
    version = VersionField()


class AttendeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TrainingAttendee) -> str:
        return f"{obj.name} ({obj.party.name}, {obj.get_role_display().lower()})"


class AttendanceAddForm(SamsynForm):
    """One person attended: picked among the intervention's earlier attendees, or named with
    party and role (a person of the same party and name is the same person)."""

    attendee = AttendeeChoiceField(
        label=_("Tidigare deltagare"),
        queryset=TrainingAttendee.objects.none(),
        required=False,
        empty_label=_("– ny person –"),
        help_text=_("Den som gått en tidigare utbildning räknas ändå en gång."),
    )
    name = forms.CharField(label=_("Namn"), max_length=200, required=False)
    party = PartyChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        empty_label=_("– välj –"),
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Yrkesroll"), choices=[("", _("– välj –")), *TrainingRole.choices], required=False
    )
    version = VersionField()

    def __init__(self, *args: Any, training: Training, **kwargs: Any) -> None:
        # Shown on the same page as the training form: ids of its own, names unchanged.
        kwargs.setdefault("auto_id", "deltagare_%s")
        super().__init__(*args, **kwargs)
        model_choice_field(self, "party").queryset = forbund_parties(training.intervention)
        model_choice_field(self, "attendee").queryset = earlier_attendees(training)

    def attendee_fields(self) -> AttendeeFields:
        data = self.cleaned_data
        return AttendeeFields(
            attendee=data.get("attendee"),
            name=data.get("name", ""),
            party=data.get("party"),
            role=data.get("role", ""),
        )


class AttendeeRenameForm(SamsynForm):
    name = forms.CharField(label=_("Namn"), max_length=200)


class EvidenceForm(SamsynForm):
    kind = forms.ChoiceField(
        label=_("Typ av underlag"),
        choices=[("", _("– välj –")), *EvidenceKind.choices],
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG eller JPEG."),
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "underlag_%s")
        super().__init__(*args, **kwargs)
