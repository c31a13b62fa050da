"""Small helpers shared by the management views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

# The acting user and a service's errors on a form are shared by every page (core.web);
# the names stay here for the views that import them from this module.
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.requests import actor as acting_user

__all__ = ["acting_user", "add_service_errors", "posted_version", "refuse"]


def posted_version(request: HttpRequest) -> int:
    """The version a button form was rendered with; garbage counts as stale (-1)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def refuse(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))
