"""A URLconf for the error page tests: Samsyn's own, its handlers, and views that fail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from samsyn.urls import handler400, handler403, handler404, handler500, urlpatterns

SECRET_IN_TRACE = "hemlig-detalj-i-felet"


@login_not_required
def raise_404(request: HttpRequest) -> HttpResponse:
    raise Http404(SECRET_IN_TRACE)


@login_not_required
def raise_403(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET_IN_TRACE)


@login_not_required
def raise_400(request: HttpRequest) -> HttpResponse:
    raise BadRequest(SECRET_IN_TRACE)


@login_not_required
def raise_500(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_IN_TRACE)


urlpatterns = [
    *urlpatterns,
    path("test-fel/404/", raise_404),
    path("test-fel/403/", raise_403),
    path("test-fel/400/", raise_400),
    path("test-fel/500/", raise_500),
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
