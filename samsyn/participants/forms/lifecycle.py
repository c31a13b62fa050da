"""The förbundsadministratör's forms for the register extract and erasure requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund
from samsyn.core.personnummer import PersonnummerFormField


class _ForbundChoice(SamsynForm):
    forbund = forms.TypedChoiceField(label=_("Förbund"), coerce=int)

    def __init__(self, *args: Any, forbunds: list[Forbund], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["forbund"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(forbund.pk, forbund.name) for forbund in forbunds]
        if len(forbunds) == 1:
            field.initial = forbunds[0].pk
            field.widget = forms.HiddenInput()


class RegisterExtractForm(_ForbundChoice):
    personnummer = PersonnummerFormField(label=_("Personnummer eller samordningsnummer"))
    output = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF för personen")), ("json", _("JSON för maskinell läsning"))],
        widget=forms.RadioSelect,
        initial="pdf",
    )


class ErasureRequestForm(_ForbundChoice):
    personnummer = PersonnummerFormField(label=_("Personnummer eller samordningsnummer"))
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=300,
        help_text=_("Till exempel: personen har begärt radering enligt artikel 17."),
    )
