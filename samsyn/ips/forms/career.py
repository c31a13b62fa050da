"""Forms of the career profile and benefits counselling. They only parse input; the
services validate codes, dates and permission. Versioned records carry a hidden version."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import choice_field, model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.kommuner import LAN, MUNICIPALITIES
from samsyn.core.models import Party
from samsyn.ips import ssyk
from samsyn.ips.models import SniSection
from samsyn.ips.services.career import (
    GIVEN_BY_MAX_LENGTH,
    HOURS_MAX,
    HOURS_MIN,
    NOTE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    CareerProfileInput,
    CounsellingInput,
)
from samsyn.participants.forms.journey import VersionField, date_field

# The seed 001 questions (IPS career profile), asked in the team's own words.
QUESTIONS: tuple[tuple[str, Any, Any], ...] = (
    (
        "interests",
        _("Vad är dina intressen?"),
        _("Vad tycker du är spännande med dessa intresseområden?"),
    ),
    ("interests_in_common", _("Finns det något gemensamt i intresseområdena?"), ""),
    (
        "interests_in_jobs",
        _("Finns några av momenten i intresseområdena i yrken eller på arbetsplatser?"),
        "",
    ),
    (
        "in_five_years",
        _("Beskriv var du är om 5 år"),
        _("Var bor du, hur ser din sysselsättning ut, relation med andra, intressen och mående?"),
    ),
    (
        "ordinary_day",
        _("Beskriv en ”vanlig” dag för dig och rangordna innehållet"),
        _(
            "Från det som är roligast, bäst och trevligast till det som är tråkigt, segt, "
            "tröttsamt eller ledsamt. En aktivitet per rad, den bästa först."
        ),
    ),
    (
        "life_goals",
        _("Har du någon målsättning i livet?"),
        _("Något du vill uppnå, göra, ha eller bara önskar."),
    ),
    (
        "wanted_help",
        _("Hur vill du bli hjälpt?"),
        _("På vilket sätt ska du och jag göra för att komma dit du vill, enligt dig?"),
    ),
    ("work_history", _("Arbetslivserfarenhet"), _("Arbeten, praktik och annan erfarenhet.")),
    ("education_history", _("Utbildning"), _("Skola, kurser och utbildningar.")),
    ("strengths", _("Styrkor"), _("Vad är du bra på? Vad säger andra att du är bra på?")),
)


def _text(label: Any, help_text: Any = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Municipalities grouped by county (län) for a <select>."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for code, name in sorted(MUNICIPALITIES.items(), key=lambda item: (item[0][:2], item[1])):
        grouped.setdefault(LAN.get(code[:2], code[:2]), []).append((code, name))
    return list(grouped.items())


class CareerProfileForm(SamsynForm):
    disclosure = _text(
        _("Vad får berättas för en arbetsgivare?"),
        _("Det deltagaren vill att arbetsgivaren får veta, och det som inte ska berättas."),
    )
    preferred_occupations = forms.MultipleChoiceField(
        label=_("Önskade yrken (SSYK 2012)"),
        required=False,
        help_text=_("Välj ett eller flera yrken. Håll ner Ctrl (Cmd på Mac) för att välja flera."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    preferred_industries = forms.MultipleChoiceField(
        label=_("Önskade branscher (SNI 2007)"),
        required=False,
        choices=SniSection.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    preferred_municipalities = forms.MultipleChoiceField(
        label=_("Önskade orter (kommuner)"),
        required=False,
        help_text=_("Håll ner Ctrl (Cmd på Mac) för att välja flera."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    preferred_hours_per_week = forms.IntegerField(
        label=_("Önskat antal timmar per vecka"),
        required=False,
        min_value=HOURS_MIN,
        max_value=HOURS_MAX,
        error_messages={"invalid": _("Ange ett heltal.")},
    )
    version = VersionField()

    field_order = [name for name, _label, _help in QUESTIONS] + [
        "preferred_occupations",
        "preferred_industries",
        "preferred_municipalities",
        "preferred_hours_per_week",
        "disclosure",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label, help_text in QUESTIONS:
            rows = 5 if name == "ordinary_day" else 3
            self.fields[name] = _text(label, help_text, rows)
        choice_field(self, "preferred_occupations").choices = ssyk.occupation_choices()
        choice_field(self, "preferred_municipalities").choices = municipality_choices()
        self.order_fields(self.field_order)

    def to_input(self) -> CareerProfileInput:
        data = self.cleaned_data
        return CareerProfileInput(
            **{name: data.get(name, "") for name, _label, _help in QUESTIONS},
            disclosure=data.get("disclosure", ""),
            preferred_occupations=list(data.get("preferred_occupations", [])),
            preferred_industries=list(data.get("preferred_industries", [])),
            preferred_municipalities=list(data.get("preferred_municipalities", [])),
            preferred_hours_per_week=data.get("preferred_hours_per_week"),
        )


class CounsellingForm(SamsynForm):
    offered_on = date_field(_("Erbjuden den"))
    given_on = date_field(
        _("Genomförd den"), required=False, help_text=_("Lämna tomt om den inte är genomförd än.")
    )
    given_by = forms.CharField(
        label=_("Genomförd av"),
        required=False,
        max_length=GIVEN_BY_MAX_LENGTH,
        help_text=_("Namn på den som gav rådgivningen."),
    )
    given_by_party = forms.ModelChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("Ingen särskild part"),
        error_messages={"invalid_choice": _("Välj en av förbundets aktiva parter.")},
    )
    note = forms.CharField(
        label=_("Anteckning"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()

    def __init__(
        self, *args: Any, forbund_id: int, current_party_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        parties = Party.objects.filter(forbund_id=forbund_id, is_active=True)
        if current_party_id is not None:
            parties = Party.objects.filter(forbund_id=forbund_id, pk=current_party_id) | parties
        model_choice_field(self, "given_by_party").queryset = parties.order_by("name")

    def to_input(self) -> CounsellingInput:
        data = self.cleaned_data
        return CounsellingInput(
            offered_on=data["offered_on"],
            given_on=data.get("given_on"),
            given_by=data.get("given_by", ""),
            given_by_party=data.get("given_by_party"),
            note=data.get("note", ""),
        )
