"""What the meeting pages share: the acting user, a refusal shown as a message, a download."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse

from samsyn.core.web.forms import add_service_errors as add_service_errors
from samsyn.core.web.requests import actor as acting_user

__all__ = ["acting_user", "add_service_errors", "download", "query_id", "refuse"]

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def refuse(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def query_id(request: HttpRequest, name: str) -> int | None:
    """An object id from the query string; anything but a positive number is unknown (404),
    as is an id outside the user's scope (the selectors decide that)."""
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise Http404
    return int(value)


def download(content: bytes, fmt: str, name: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
