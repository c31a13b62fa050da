"""A service's ValidationError shown on the form that sent its input."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form; unknown keys become form-wide errors."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, field_errors)


def call_service(form: forms.Form, service: Callable[[], object]) -> bool:
    """Run ``service`` (a write for the valid ``form``); True when it succeeded.

    A ValidationError it raises lands on ``form`` (per field where the form has the field,
    form-wide otherwise) and the call answers False, so the view re-renders the form.
    Services write nothing when they refuse, so there is nothing to undo here.
    """
    try:
        service()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True
