"""The form for a national reference value (entered from NNS's yearly report)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR


class NationalReferenceForm(SamsynForm):
    forbund = forms.ModelChoiceField(
        label=_("Förbund"), queryset=Forbund.objects.none(), empty_label=None
    )
    instrument_key = forms.SlugField(
        label=_("Instrumentets nyckel"), max_length=60, help_text=_("Till exempel nns-indikatorer.")
    )
    indicator_code = forms.CharField(label=_("Indikatorns kod"), max_length=20)
    year = forms.IntegerField(label=_("År"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    share_positive = forms.DecimalField(
        label=_("Andel positiva (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=1,
        localize=True,
        error_messages={
            "min_value": _("Andelen ska vara mellan 0 och 100 procent."),
            "max_value": _("Andelen ska vara mellan 0 och 100 procent."),
        },
    )
    source = forms.CharField(
        label=_("Källa"), max_length=300, help_text=_("Till exempel NNS årsrapport 2025, s. 12.")
    )

    def __init__(self, *args: Any, forbunds: QuerySet[Forbund], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "forbund").queryset = forbunds


class VersionForm(SamsynForm):
    version = forms.IntegerField(min_value=1)


class ExportForm(SamsynForm):
    # Empty: the first förbund the user administers.
    forbund = forms.ModelChoiceField(
        label=_("Förbund"), queryset=Forbund.objects.none(), empty_label=None, required=False
    )
    year = forms.IntegerField(label=_("År"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, *args: Any, forbunds: QuerySet[Forbund], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "forbund").queryset = forbunds
