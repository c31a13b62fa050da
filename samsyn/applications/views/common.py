"""What the application pages share: running a service for a form, the button posts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from samsyn.core.web.forms import add_service_errors


def saved(request: HttpRequest, form: Any, save: Callable[[], object], success: str) -> bool:
    """Run the write; its refusal lands on the form, its success is a message."""
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, success)
    return True


def posted_version(request: HttpRequest) -> int:
    """The version a button form was rendered with; garbage counts as stale (-1)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def refused(request: HttpRequest, error: ValidationError) -> None:
    """A button's refusal: every message, as one error notice on the next page."""
    if hasattr(error, "error_dict"):
        texts = [text for texts in error.message_dict.values() for text in texts]
    else:
        texts = list(error.messages)
    messages.error(request, " ".join(texts))
