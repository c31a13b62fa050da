"""Forms of the cases a team discusses. The choices are built by selectors (only people the
user may see anyway, only the team's own cases)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samsyn.collaboration.models import TeamCase
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import VersionField
from samsyn.participants.models import Person


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.display_name} ({obj.pseudonym})"


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TeamCase) -> str:
        # Codes only: the list of continuing cases never names anyone.
        return f"{obj.code} {obj.summary}".strip()


class CaseAddForm(SamsynForm):
    case = CaseChoiceField(
        label=_("Pågående ärende i teamet"),
        queryset=TeamCase.objects.none(),
        required=False,
        empty_label=_("– nytt ärende –"),
    )
    person = PersonChoiceField(
        label=_("Registrerad deltagare"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("– ingen, personen är inte inskriven i någon insats –"),
        help_text=_("Bara deltagare som du redan har tillgång till visas."),
    )
    summary = forms.CharField(
        label=_("Kort beskrivning utan namn"),
        max_length=200,
        required=False,
        help_text=_(
            "T.ex. ålder, situation och vad teamet behöver ta ställning till. "
            "Inga namn eller personnummer."
        ),
    )

    def __init__(
        self, *args: object, cases: list[TeamCase], persons: list[Person], **kwargs: object
    ):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = TeamCase.objects.filter(pk__in=[c.pk for c in cases])  # type: ignore[attr-defined]
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in persons])  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("case") and data.get("person"):
            raise ValidationError(_("Välj antingen ett pågående ärende eller en deltagare."))
        return data


class CaseNotesForm(SamsynForm):
    notes = forms.CharField(
        label=_("Anteckningar"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=10000,
    )
    version = VersionField()
