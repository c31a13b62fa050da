"""Forms of an application: the sections, a budget line, a year's participants, a goal, a
signature, an attachment. They type the input; the rules live in the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.applications.models import Application, ApplicationBudgetLine
from samsyn.applications.services.application_parts import (
    BudgetLineFields,
    GoalFields,
    SignatureFields,
)
from samsyn.applications.services.applications import ApplicationFields
from samsyn.core.form_fields import choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import DateInput, VersionField
from samsyn.interventions.models import (
    CostCategory,
    GoalComparison,
    GoalGender,
    Method,
    Orientation,
)
from samsyn.interventions.selectors.goals import TRAINED_PEOPLE, metric_choices

LOKUS_CHOICES = [("", _("Inte besvarat")), ("ja", _("Ja")), ("nej", _("Nej"))]
TEXT_SECTIONS = [
    ("purpose", _("Beskriv syftet med insatsen")),
    ("goals_text", _("Beskriv målen med insatsen")),
    ("background", _("Beskriv bakgrunden till/behovet av insatsen")),
    ("target_group", _("Beskriv målgrupp för insatsen")),
    ("method", _("Beskriv metod/metoder ni kommer använda")),
    ("implementation", _("Beskriv hur ni tänker arbeta för att implementera insatsen")),
    ("follow_up", _("Beskriv uppföljning och utvärdering av målen")),
    ("anchoring", _("Beskriv på vilket sätt ansökan är förankrad")),
]


def _text(label: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea, required=False)


class ApplicationForm(SamsynForm):
    """Seed 003's sections, in its order; everything but the name may wait until submit."""

    party = forms.ChoiceField(label=_("Insatsägare (part som söker)"), choices=())
    call = forms.ChoiceField(label=_("Utlysning"), choices=(), required=False)
    name = forms.CharField(label=_("Insatsens namn"), max_length=200)
    contact_name = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Kontaktpersonens e-post"), required=False)
    partner_parties = forms.MultipleChoiceField(
        label=_("Samverkansparter"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = _text(TEXT_SECTIONS[0][1])
    goals_text = _text(TEXT_SECTIONS[1][1])
    background = _text(TEXT_SECTIONS[2][1])
    target_group = _text(TEXT_SECTIONS[3][1])
    method = _text(TEXT_SECTIONS[4][1])
    methods = forms.MultipleChoiceField(
        label=_("Metoder som används"),
        choices=Method.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    orientation = forms.ChoiceField(label=_("Inriktning"), choices=Orientation.choices)
    implementation = _text(TEXT_SECTIONS[5][1])
    follow_up = _text(TEXT_SECTIONS[6][1])
    anchoring = _text(TEXT_SECTIONS[7][1])
    lokus_discussed = forms.ChoiceField(
        label=_(
            "Har ansökan diskuterats i aktuell LOKUS-grupp eller i den strategiska "
            "utvecklingsgruppen?"
        ),
        choices=LOKUS_CHOICES,
        required=False,
    )
    lokus_comment = forms.CharField(label=_("Kommentar"), widget=forms.Textarea, required=False)
    planned_start = forms.DateField(
        label=_("Planerat startdatum"), widget=DateInput(), required=False
    )
    planned_end = forms.DateField(label=_("Planerat slutdatum"), widget=DateInput(), required=False)
    last_intake_date = forms.DateField(
        label=_("Eventuellt slutdatum för intag av personer i insatsen"),
        widget=DateInput(),
        required=False,
    )
    version = VersionField(required=False)

    def __init__(
        self,
        *args: Any,
        parties: list[tuple[int, str]],
        partner_choices: list[tuple[int, str]],
        calls: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if len(parties) > 1:
            choice_field(self, "party").choices = [(str(pk), name) for pk, name in parties]
        else:
            del self.fields["party"]
        choice_field(self, "call").choices = [("", _("Ingen utlysning (löpande ansökan)"))] + [
            (str(pk), title) for pk, title in calls
        ]
        choice_field(self, "partner_parties").choices = [
            (str(pk), name) for pk, name in partner_choices
        ]

    @classmethod
    def initial_of(cls, application: Application) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in ("party", "call", "lokus_discussed")]
        initial = {name: getattr(application, name) for name in names if name != "partner_parties"}
        initial["partner_parties"] = [str(p.pk) for p in application.partner_parties.all()]
        initial["call"] = str(application.call_id or "")
        lokus = application.lokus_discussed
        initial["lokus_discussed"] = "" if lokus is None else ("ja" if lokus else "nej")
        return initial

    def party_id(self) -> int | None:
        value = self.cleaned_data.get("party")
        return int(value) if value else None

    def application_fields(self) -> ApplicationFields:
        data = self.cleaned_data
        lokus = {"ja": True, "nej": False}.get(data.get("lokus_discussed") or "")
        texts = {name: data.get(name) or "" for name, _label in TEXT_SECTIONS}
        return ApplicationFields(
            name=data["name"],
            call_id=int(data["call"]) if data.get("call") else None,
            contact_name=data.get("contact_name") or "",
            contact_email=data.get("contact_email") or "",
            methods=tuple(data.get("methods") or ()),
            orientation=data["orientation"],
            lokus_discussed=lokus,
            lokus_comment=data.get("lokus_comment") or "",
            planned_start=data.get("planned_start"),
            planned_end=data.get("planned_end"),
            last_intake_date=data.get("last_intake_date"),
            partner_party_ids=tuple(int(pk) for pk in data.get("partner_parties") or ()),
            **texts,
        )


def _money(label: Any, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=12, decimal_places=2, localize=True, required=required
    )


class BudgetLineForm(SamsynForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    category = forms.ChoiceField(label=_("Kostnadsslag"), choices=CostCategory.choices)
    description = forms.CharField(label=_("Beskrivning"), max_length=200, required=False)
    fte_percent = forms.DecimalField(
        label=_("Tjänstgöringsgrad (%)"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        required=False,
        help_text=_("För löner: tjänst i procent och period."),
    )
    period_from = forms.DateField(label=_("Period från"), widget=DateInput(), required=False)
    period_to = forms.DateField(label=_("Period till"), widget=DateInput(), required=False)
    amount = _money(_("Totalt (kr)"), required=True)
    forbund_amount = _money(_("Att rekvirera från samordningsförbundet (kr)"))
    own_money_amount = _money(_("Egenfinansiering i pengar (kr)"))
    in_kind_amount = _money(_("Egenfinansiering i natura, till exempel arbetstid (kr)"))
    sold_places_amount = _money(_("Sålda platser (kr)"))
    other_amount = _money(_("Andra intäkter (kr)"))
    cofinancing_party = forms.ChoiceField(
        label=_("Medfinansierande part"), choices=(), required=False
    )
    version = VersionField()

    def __init__(self, *args: Any, parties: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "cofinancing_party").choices = [("", "–")] + [
            (str(pk), name) for pk, name in parties
        ]

    @staticmethod
    def initial_of(line: ApplicationBudgetLine, version: int) -> dict[str, Any]:
        names = [f.name for f in ApplicationBudgetLine._meta.concrete_fields]
        initial = {name: getattr(line, name) for name in names}
        initial["cofinancing_party"] = str(line.cofinancing_party_id or "")
        initial["version"] = version
        return initial

    def line_fields(self) -> BudgetLineFields:
        data = self.cleaned_data
        money = {
            name: data.get(name) or Decimal(0)
            for name in (
                "forbund_amount",
                "own_money_amount",
                "in_kind_amount",
                "sold_places_amount",
                "other_amount",
            )
        }
        return BudgetLineFields(
            year=data["year"],
            category=data["category"],
            amount=data["amount"],
            description=data.get("description") or "",
            fte_percent=data.get("fte_percent"),
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
            cofinancing_party_id=int(data["cofinancing_party"])
            if data.get("cofinancing_party")
            else None,
            **money,
        )


class YearForm(SamsynForm):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    planned_participants = forms.IntegerField(
        label=_("Planerat antal deltagare"),
        min_value=0,
        max_value=100_000,
        help_text=_("0 tar bort året."),
    )
    version = VersionField()


class GoalForm(SamsynForm):
    metric_id = forms.ChoiceField(label=_("Mått"), choices=())
    gender = forms.ChoiceField(label=_("Gäller"), choices=GoalGender.choices)
    comparison = forms.ChoiceField(label=_("Jämförelse"), choices=GoalComparison.choices)
    target = forms.DecimalField(label=_("Målvärde"), max_digits=9, decimal_places=2, localize=True)
    target_max = forms.DecimalField(
        label=_("Högsta målvärde"), max_digits=9, decimal_places=2, localize=True, required=False
    )
    label = forms.CharField(label=_("Beskrivning"), max_length=200, required=False)
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "metric_id").choices = [
            choice for choice in metric_choices() if choice[0] != TRAINED_PEOPLE
        ]

    def goal_fields(self) -> GoalFields:
        data = self.cleaned_data
        return GoalFields(
            metric_id=data["metric_id"],
            target=data["target"],
            comparison=data["comparison"],
            target_max=data.get("target_max"),
            gender=data["gender"],
            label=data.get("label") or "",
        )


class SignatureForm(SamsynForm):
    party = forms.ChoiceField(label=_("Part"), choices=())
    signer_name = forms.CharField(label=_("Namn"), max_length=200)
    signer_title = forms.CharField(label=_("Befattning"), max_length=200, required=False)
    signed_on = forms.DateField(label=_("Datum"), widget=DateInput())
    version = VersionField()

    def __init__(self, *args: Any, parties: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "party").choices = [(str(pk), name) for pk, name in parties]

    def signature_fields(self) -> SignatureFields:
        data = self.cleaned_data
        return SignatureFields(
            party_id=int(data["party"]),
            signer_name=data["signer_name"],
            signer_title=data.get("signer_title") or "",
            signed_on=data["signed_on"],
        )


class AttachmentForm(SamsynForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    file = forms.FileField(label=_("Fil"), help_text=_("PDF, Word, Excel, JPEG eller PNG."))
    version = VersionField()


class VersionForm(SamsynForm):
    """The buttons (submit, withdraw, remove): the version the page was rendered with."""

    version = VersionField()
