"""The call form: it types the input; the rules live in services/calls.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.applications.models import Call
from samsyn.applications.services.calls import CallFields
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import DateInput, VersionField


class CallForm(SamsynForm):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    funds = forms.CharField(label=_("Vad förbundet finansierar"), widget=forms.Textarea)
    criteria = forms.CharField(
        label=_("Bedömningskriterier"), widget=forms.Textarea, required=False
    )
    form_instructions = forms.CharField(
        label=_("Instruktioner till sökande"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Vad den sökande ska bifoga eller beskriva utöver ansökans avsnitt."),
    )
    opens_on = forms.DateField(label=_("Öppnar"), widget=DateInput())
    deadline = forms.DateField(
        label=_("Sista ansökningsdag"),
        widget=DateInput(),
        required=False,
        help_text=_("Lämna tomt för löpande ansökan (ingen sista dag)."),
    )
    total_amount = forms.DecimalField(
        label=_("Avsatt belopp (kr)"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        required=False,
    )
    version = VersionField(required=False)

    @classmethod
    def for_call(cls, call: Call) -> CallForm:
        initial = {name: getattr(call, name) for name in cls.base_fields if name != "version"}
        return cls(initial={**initial, "version": call.version})

    def call_fields(self) -> CallFields:
        data = self.cleaned_data
        return CallFields(
            title=data["title"],
            funds=data["funds"],
            criteria=data.get("criteria") or "",
            form_instructions=data.get("form_instructions") or "",
            opens_on=data["opens_on"],
            deadline=data.get("deadline"),
            total_amount=data.get("total_amount"),
        )
