"""Small helpers shared by the intervention views."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

# The acting user and a service's errors on a form are shared by every page (core.web);
# the names stay here for the views that import them from this module.
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.requests import actor as acting_user

__all__ = ["acting_user", "add_service_errors", "refuse", "refuse_form"]


def refuse(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def refuse_form(request: HttpRequest, form: forms.Form) -> None:
    """A row form (rename, move, places) that did not validate: say why, change nothing."""
    texts: list[str] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        texts.extend(f"{label}{message}" for message in errors)
    messages.error(request, " ".join(texts))
