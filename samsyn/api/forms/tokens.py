"""The form on the account page that names a new personal API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm
from samsyn.core.services.api_tokens import NAME_MAX_LENGTH


class ApiTokenCreateForm(SamsynForm):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Till exempel vilket program eller skript som ska använda den."),
        error_messages={
            "required": _("Ge nyckeln ett namn, till exempel vad den används till."),
            "max_length": _("Namnet får vara högst %(limit_value)d tecken."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
