"""Forms for the log-in steps: password, TOTP or recovery code, activation, password reset."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.forms.base import SamsynForm, SamsynFormMixin
from samsyn.core.selectors.activation import has_open_enrolment_link


class TotpTokenForm(SamsynForm):
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


class AuditedPasswordChangeForm(SamsynFormMixin, PasswordChangeForm):
    """Django's password change (its validators, in Swedish) that also writes to the log."""

    @transaction.atomic
    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            audit_record(actor=user, action=AuditAction.UPDATE, obj=user, detail="Lösenord ändrat")
        return user


class SamsynAuthenticationForm(SamsynFormMixin, AuthenticationForm):
    """Django's log-in form; an account waiting for activation does not sign in with its
    password (the activation link sets a new one and binds the authenticator)."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if has_open_enrolment_link(user):
            raise forms.ValidationError(
                _(
                    "Kontot väntar på aktivering. Använd aktiveringslänken från förbundets "
                    "administratör, eller be om en ny om den har gått ut."
                ),
                code="pending_activation",
            )


class SamsynSetPasswordForm(SamsynFormMixin, SetPasswordForm):
    """Django's new-password form (password reset) with Samsyn's field messages."""


class ActivationForm(SamsynFormMixin, SetPasswordForm):
    """A new password (Django's validators) and the first TOTP code, in one step."""

    token = TotpTokenForm.base_fields["token"]

    def clean_token(self) -> str:
        return TotpTokenForm.clean_token(self)  # type: ignore[arg-type]  # same field, same rule


class RecoveryCodeForm(SamsynForm):
    recovery_code = forms.CharField(
        label=_("Återställningskod"),
        max_length=20,
        help_text=_("En av de tio koder du sparade när du aktiverade tvåfaktorsinloggning."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 16}),
        error_messages={"required": _("Ange en återställningskod.")},
    )


class PasswordResetRequestForm(SamsynForm):
    email = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Ange din e-postadress."),
            "invalid": _("Ange en giltig e-postadress, till exempel namn@kommun.se."),
        },
    )
