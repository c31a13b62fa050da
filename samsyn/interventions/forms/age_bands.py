"""The form of an intervention's own age band; the rules (16–100, lowest ≤ highest, no
duplicates) live in samsyn/interventions/services/age_bands.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm


class AgeBandForm(SamsynForm):
    min_age = forms.IntegerField(label=_("Från ålder"), help_text=_("Till exempel 20."))
    max_age = forms.IntegerField(label=_("Till och med ålder"), help_text=_("Till exempel 29."))
