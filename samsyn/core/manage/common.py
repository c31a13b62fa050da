"""Small helpers shared by the management views."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest

from samsyn.core.models import User


def acting_user(request: HttpRequest) -> User:
    return cast(User, request.user)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form; unknown keys become form-wide errors."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, field_errors)


def posted_version(request: HttpRequest) -> int:
    """The version a button form was rendered with; garbage counts as stale (-1)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def refuse(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))
