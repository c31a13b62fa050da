"""htmx requests: forms open in place on a page, and every page works without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx sent (it asks for a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"


def htmx_redirect(url: str) -> HttpResponse:
    """Tell htmx to load ``url`` as a full page: 204 with ``HX-Redirect``."""
    return HttpResponse(status=204, headers={"HX-Redirect": url})
