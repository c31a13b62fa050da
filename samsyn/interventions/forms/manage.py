"""The form that creates or edits an intervention. It collects and types the input; the
rules live in services so the pages, the API and the demo data get the same checks and
messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import form_field, model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund, Party
from samsyn.interventions.forms.fields import (
    DateInput,
    PartyChoiceField,
    PartyMultipleChoiceField,
    VersionField,
)
from samsyn.interventions.models import Intervention, InterventionStatus, Method, Orientation
from samsyn.interventions.services import InterventionFields


def _date(label: Any, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


class InterventionForm(SamsynForm):
    """Create (with förbund and inriktning) or edit (inriktning shown, not editable)."""

    forbund = forms.ModelChoiceField(label=_("Förbund"), queryset=Forbund.objects.none())
    name = forms.CharField(label=_("Namn"), max_length=200)
    slug = forms.CharField(
        label=_("Kortnamn"),
        max_length=60,
        help_text=_("Används i adressen: små bokstäver, siffror och bindestreck, t.ex. rebus."),
    )
    orientation = forms.ChoiceField(
        label=_("Inriktning"),
        choices=Orientation.choices,
        widget=forms.RadioSelect,
        help_text=_("Kan inte ändras när insatsen är skapad."),
    )
    owner_party = PartyChoiceField(
        label=_("Insatsägare"), queryset=Party.objects.none(), empty_label=_("– välj –")
    )
    partner_parties = PartyMultipleChoiceField(
        label=_("Samverkansparter"),
        queryset=Party.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_date = _date(_("Startdatum"), help_text=_("ÅÅÅÅ-MM-DD"))
    end_date = _date(_("Slutdatum"), required=False, help_text=_("ÅÅÅÅ-MM-DD"))
    last_intake_date = _date(
        _("Sista intag"), required=False, help_text=_("Sista dag då nya deltagare kan börja.")
    )
    status = forms.ChoiceField(label=_("Status"), choices=InterventionStatus.choices)
    implemented_afterwards = forms.BooleanField(
        label=_("Implementerad i ordinarie verksamhet efteråt"), required=False
    )
    methods = forms.MultipleChoiceField(
        label=_("Metoder"),
        choices=Method.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Metoderna avgör insatsens faser, stege och aktivitetstyper: IPS och Supported "
            "Employment söker arbete direkt och får IPS-faser och milstolpar, utan "
            "arbetsträning eller praktik först."
        ),
    )
    min_age = forms.IntegerField(label=_("Lägsta ålder"), initial=16)
    max_age = forms.IntegerField(label=_("Högsta ålder"), initial=64)
    min_parties_current = forms.IntegerField(
        label=_("Aktuell hos minst antal parter"),
        initial=0,
        help_text=_("Hur många av parterna personen ska vara aktuell hos (0–4)."),
    )
    exclusions = forms.CharField(
        label=_("Uteslutande kriterier"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Till exempel pågående missbruk."),
    )
    requires_lss_daily_activity = forms.BooleanField(
        label=_("Kräver LSS-beslut om daglig verksamhet"), required=False
    )
    requires_long_term_forsorjningsstod = forms.BooleanField(
        label=_("Kräver långvarigt försörjningsstöd"), required=False
    )
    requires_current_in_psychiatry = forms.BooleanField(
        label=_("Kräver att personen är aktuell i psykiatrin"), required=False
    )
    requires_income_from_party = forms.BooleanField(
        label=_("Försörjningen ska komma från en anvisande part"),
        required=False,
        help_text=_(
            "Försäkringskassan, Arbetsförmedlingen eller kommunen ska betala personens försörjning."
        ),
    )
    follow_up_interval_weeks = forms.IntegerField(
        label=_("Uppföljningsintervall (veckor)"), initial=8
    )
    coaches_share_caseload = forms.BooleanField(
        label=_("Coacherna ser hela teamets deltagare"),
        required=False,
        help_text=_("Annars ser en coach bara sina egna deltagare."),
    )
    version = VersionField(required=False)

    def __init__(
        self,
        *args: Any,
        forbunds: list[Forbund],
        parties: QuerySet[Party],
        intervention: Intervention | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.forbunds = forbunds
        self.intervention = intervention
        several = len(forbunds) > 1 and intervention is None
        form_field(self, "owner_party", PartyChoiceField).show_forbund = several
        form_field(self, "partner_parties", PartyMultipleChoiceField).show_forbund = several
        model_choice_field(self, "owner_party").queryset = parties
        model_choice_field(self, "partner_parties").queryset = parties
        if several:
            model_choice_field(self, "forbund").queryset = Forbund.objects.filter(
                pk__in=[f.pk for f in forbunds]
            )
        else:
            del self.fields["forbund"]
        if intervention is not None:
            # Fixed once created: shown on the page, never posted back.
            del self.fields["orientation"]
        else:
            del self.fields["version"]

    def chosen_forbund(self) -> Forbund:
        if "forbund" in self.fields:
            return self.cleaned_data["forbund"]
        return self.intervention.forbund if self.intervention else self.forbunds[0]

    def intervention_fields(self) -> InterventionFields:
        data = self.cleaned_data
        return InterventionFields(
            name=data["name"],
            slug=data["slug"],
            owner_party=data["owner_party"],
            partner_parties=list(data["partner_parties"]),
            start_date=data["start_date"],
            end_date=data["end_date"],
            last_intake_date=data["last_intake_date"],
            status=data["status"],
            implemented_afterwards=data["implemented_afterwards"],
            methods=list(data["methods"]),
            min_age=data["min_age"],
            max_age=data["max_age"],
            min_parties_current=data["min_parties_current"],
            exclusions=data["exclusions"],
            requires_lss_daily_activity=data["requires_lss_daily_activity"],
            requires_long_term_forsorjningsstod=data["requires_long_term_forsorjningsstod"],
            requires_current_in_psychiatry=data["requires_current_in_psychiatry"],
            requires_income_from_party=data["requires_income_from_party"],
            follow_up_interval_weeks=data["follow_up_interval_weeks"],
            coaches_share_caseload=data["coaches_share_caseload"],
        )


def initial_from(intervention: Intervention) -> dict[str, Any]:
    """The edit form's starting values."""
    names = [
        "name",
        "slug",
        "start_date",
        "end_date",
        "last_intake_date",
        "status",
        "implemented_afterwards",
        "methods",
        "min_age",
        "max_age",
        "min_parties_current",
        "exclusions",
        "requires_lss_daily_activity",
        "requires_long_term_forsorjningsstod",
        "requires_current_in_psychiatry",
        "requires_income_from_party",
        "follow_up_interval_weeks",
        "coaches_share_caseload",
        "version",
    ]
    initial = {name: getattr(intervention, name) for name in names}
    initial["owner_party"] = intervention.owner_party_id
    initial["partner_parties"] = [party.pk for party in intervention.partner_parties.all()]
    return initial
