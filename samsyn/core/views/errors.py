"""Samsyn's own error pages (400, 403, 404, 500), in Swedish and English (issue #15).

Django's ``handler400`` … ``handler500`` (samsyn/urls.py) and, in demo mode,
``OwnErrorPagesMiddleware`` (samsyn/core/middleware.py) render them. They are rendered
without a request context: no context processor runs, so an error page never queries the
database (a 500 may come from the database itself) and never shows the user's menu. The
language is the one the locale middleware activated for the request. No page shows the
exception or a stack trace (docs/error-pages.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

TEMPLATES = {400: "400.html", 403: "403.html", 404: "404.html", 500: "500.html"}


def error_response(status: int) -> HttpResponse:
    """The own page for ``status`` (one of ``TEMPLATES``)."""
    template = loader.get_template(TEMPLATES[status])
    # A plain dict and no request: the template engine runs no context processor.
    body = template.render({"samsyn_demo": settings.SAMSYN_DEMO, "status": status})
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(500)
