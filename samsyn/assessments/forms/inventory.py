"""Forms of the inventory page. They collect and type the input; the rules (date order,
at most 26 weeks, 60 hours a week, a party of the förbund, an assessment before the
recommendation) live in services.py so the API gives the same messages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.assessments.models import Profession, ProfessionalAssessment, ResourceInventory
from samsyn.assessments.selectors.inventory import party_choices
from samsyn.assessments.services.inventory import AssessmentFields, InventoryFields, WeekFields
from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Party
from samsyn.interventions.forms.fields import DateInput, VersionField
from samsyn.participants.models import Recommendation

TEXT_AREA = forms.Textarea(attrs={"rows": 4})


class StartForm(SamsynForm):
    started_on = forms.DateField(label=_("Påbörjad"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate()


class _InventoryForm(SamsynForm):
    """A part of the inventory; ``inventory_fields`` merges it into the stored values."""

    version = VersionField()
    names: tuple[str, ...] = ()

    def __init__(self, *args: Any, inventory: ResourceInventory, **kwargs: Any) -> None:
        self.inventory = inventory
        stored = InventoryFields.of(inventory)
        initial = {name: getattr(stored, name, None) for name in self.names}
        initial["version"] = inventory.version
        if "handover_party" in self.names:
            initial["handover_party"] = stored.handover_party_id
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def inventory_fields(self) -> InventoryFields:
        data = self.cleaned_data
        changes: dict[str, Any] = {
            name: data.get(name) for name in self.names if name != "handover_party"
        }
        for name in ("observation_place", "recommendation_reasons", "handover_note"):
            if name in changes:
                changes[name] = changes[name] or ""
        if "handover_party" in self.names:
            party = data.get("handover_party")
            changes["handover_party_id"] = party.pk if party else None
        return replace(InventoryFields.of(self.inventory), **changes)


class ObservationForm(_InventoryForm):
    names = ("started_on", "observation_from", "observation_to", "observation_place")
    started_on = forms.DateField(label=_("Påbörjad"), widget=DateInput())
    observation_from = forms.DateField(
        label=_("Aktivitetsperiod från"), widget=DateInput(), required=False
    )
    observation_to = forms.DateField(
        label=_("Aktivitetsperiod till"),
        widget=DateInput(),
        required=False,
        help_text=_("Normalt omkring 12 veckor, högst 26."),
    )
    observation_place = forms.CharField(
        label=_("Aktivitet och plats"), max_length=200, required=False
    )


class RecommendationForm(_InventoryForm):
    names = ("recommendation", "recommended_on", "recommendation_reasons")
    recommendation = forms.ChoiceField(
        label=_("Rekommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )
    recommended_on = forms.DateField(label=_("Beslutad"), widget=DateInput())
    recommendation_reasons = forms.CharField(
        label=_("Motivering"), widget=TEXT_AREA, max_length=10_000
    )


class HandoverForm(_InventoryForm):
    names = ("handover_party", "handover_on", "handover_note")
    handover_party = forms.ModelChoiceField(
        label=_("Part som tar över"), queryset=Party.objects.none()
    )
    handover_on = forms.DateField(label=_("Överlämnad"), widget=DateInput())
    handover_note = forms.CharField(
        label=_("Överlämning"), widget=TEXT_AREA, max_length=10_000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = party_choices(registration=self.inventory.registration)
        model_choice_field(self, "handover_party").queryset = parties


class AssessmentForm(SamsynForm):
    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    assessor = forms.CharField(label=_("Bedömare"), max_length=200)
    assessed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    findings = forms.CharField(
        label=_("Bedömning"), widget=TEXT_AREA, max_length=10_000, required=False
    )

    def assessment_fields(self) -> AssessmentFields:
        data = self.cleaned_data
        return AssessmentFields(
            profession=data["profession"],
            assessor=data["assessor"],
            assessed_on=data["assessed_on"],
            findings=data.get("findings") or "",
        )


class AssessmentEditForm(AssessmentForm):
    version = VersionField()

    @classmethod
    def for_assessment(cls, assessment: ProfessionalAssessment) -> AssessmentEditForm:
        return cls(
            initial={
                "profession": assessment.profession,
                "assessor": assessment.assessor,
                "assessed_on": assessment.assessed_on,
                "findings": assessment.findings,
                "version": assessment.version,
            }
        )


class WeekForm(SamsynForm):
    week_starting = forms.DateField(
        label=_("Vecka från"),
        widget=DateInput(),
        help_text=_("En dag i veckan; veckan räknas från måndag."),
    )
    planned_hours = forms.DecimalField(
        label=_("Planerade timmar"), max_digits=4, decimal_places=1, localize=True
    )
    attended_hours = forms.DecimalField(
        label=_("Närvarotimmar"), max_digits=4, decimal_places=1, localize=True
    )
    note = forms.CharField(
        label=_("Observation"), widget=TEXT_AREA, max_length=10_000, required=False
    )

    def week_fields(self) -> WeekFields:
        data = self.cleaned_data
        return WeekFields(
            week_starting=data["week_starting"],
            planned_hours=data["planned_hours"],
            attended_hours=data["attended_hours"],
            note=data.get("note") or "",
        )
