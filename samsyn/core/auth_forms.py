from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TotpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engångskod"),
        min_length=6,
        max_length=6,
        help_text=_("Sex siffror från din autentiseringsapp."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "required": _("Ange engångskoden."),
            "min_length": _("Engångskoden har sex siffror."),
            "max_length": _("Engångskoden har sex siffror."),
        },
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("Engångskoden består bara av siffror."))
        return token
