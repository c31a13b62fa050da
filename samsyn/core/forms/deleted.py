"""The "Ångra" button on the Borttaget page: which deleted entry to restore (docs/deleting.md)."""

from __future__ import annotations

from django import forms

from samsyn.core.forms.base import SamsynForm


class RestoreForm(SamsynForm):
    entry = forms.IntegerField(min_value=1)
