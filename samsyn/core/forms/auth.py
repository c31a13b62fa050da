"""Forms for the log-in steps: the TOTP code and the password change."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record


class TotpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Engångskod"),
        # Room for the space some apps show in the middle ("123 456").
        max_length=8,
        help_text=_("Sex siffror från din autentiseringsapp."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}
        ),
        error_messages={
            "required": _("Ange engångskoden."),
            "max_length": _("Engångskoden har sex siffror."),
        },
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("Engångskoden består bara av siffror."))
        if len(token) != 6:
            raise forms.ValidationError(_("Engångskoden har sex siffror."))
        return token


class AuditedPasswordChangeForm(PasswordChangeForm):
    """Django's password change (its validators, in Swedish) that also writes to the log."""

    @transaction.atomic
    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            audit_record(actor=user, action=AuditAction.UPDATE, obj=user, detail="Lösenord ändrat")
        return user
