"""Forms of the implementation plan pages: they collect and type the input; the rules live
in services/implementation.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Party
from samsyn.interventions.forms.fields import DateInput, PartyChoiceField, VersionField
from samsyn.interventions.forms.trainings import forbund_parties
from samsyn.interventions.models import ImplementationItem, ImplementationStatus, Intervention
from samsyn.interventions.services.implementation import DOWN, UP, ItemFields


class ImplementationItemForm(SamsynForm):
    title = forms.CharField(label=_("Punkt"), max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ImplementationStatus.choices,
        initial=ImplementationStatus.NOT_STARTED,
    )
    due_on = forms.DateField(
        label=_("Klart senast"), required=False, widget=DateInput(), help_text=_("ÅÅÅÅ-MM-DD")
    )
    done_on = forms.DateField(
        label=_("Klart datum"),
        required=False,
        widget=DateInput(),
        help_text=_("Krävs när status är Klar. Kan inte ligga i framtiden."),
    )
    responsible_party = PartyChoiceField(
        label=_("Ansvarig part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("– ingen angiven –"),
    )
    note = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.FileField(
        label=_("Underlag"),
        required=False,
        help_text=_(
            "Till exempel ett protokoll eller beslut: PDF, DOCX, XLSX, PNG eller JPEG, högst 10 MB."
        ),
    )

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = forbund_parties(intervention)
        model_choice_field(self, "responsible_party").queryset = parties

    def item_fields(self) -> ItemFields:
        data = self.cleaned_data
        return ItemFields(
            title=data["title"],
            status=data["status"],
            due_on=data.get("due_on"),
            done_on=data.get("done_on"),
            responsible_party=data.get("responsible_party"),
            note=data.get("note", ""),
        )


class ImplementationItemEditForm(ImplementationItemForm):
    remove_evidence = forms.BooleanField(label=_("Ta bort underlaget"), required=False)
    version = VersionField()

    def __init__(self, *args: Any, item: ImplementationItem, **kwargs: Any) -> None:
        super().__init__(*args, intervention=item.intervention, **kwargs)
        if item.responsible_party_id is not None:
            # A party deactivated since it was chosen stays selectable on this item.
            field = model_choice_field(self, "responsible_party")
            kept = Party.objects.filter(pk=item.responsible_party_id)
            field.queryset = (forbund_parties(item.intervention) | kept).distinct()
        if not item.evidence:
            del self.fields["remove_evidence"]

    @classmethod
    def for_item(cls, item: ImplementationItem) -> ImplementationItemEditForm:
        initial = {
            name: getattr(item, name) for name in ("title", "status", "due_on", "done_on", "note")
        }
        initial.update(responsible_party=item.responsible_party_id, version=item.version)
        return cls(item=item, initial=initial)


class MoveForm(SamsynForm):
    direction = forms.ChoiceField(choices=((UP, _("Upp")), (DOWN, _("Ned"))))
    version = VersionField()
