"""Forms of the instrument pages; the file's content is checked by the import service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund
from samsyn.surveys.models import InstrumentStatus


class InstrumentImportForm(SamsynForm):
    forbund = forms.ModelChoiceField(
        label=_("Förbund"), queryset=Forbund.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Instrumentfil (JSON eller XLSX)"),
        help_text=_("Formatet beskrivs i dokumentationen under ”Loading your own instrument”."),
    )

    def __init__(self, *args: Any, forbunds: QuerySet[Forbund], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "forbund").queryset = forbunds


class InstrumentStatusForm(SamsynForm):
    status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[
            (InstrumentStatus.PUBLISHED.value, InstrumentStatus.PUBLISHED.label),
            (InstrumentStatus.RETIRED.value, InstrumentStatus.RETIRED.label),
        ],
    )
