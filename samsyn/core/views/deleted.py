"""/borttaget/<scope>/<id>/: the rows deleted from an application, a förbund, a meeting… in
the last 30 days, for those who may change them (docs/deleting.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from samsyn.core.web.deleted import deleted_response


@require_http_methods(["GET", "POST"])
def deleted_list(request: HttpRequest, scope: str, scope_id: int) -> HttpResponse:
    return deleted_response(request, scope=scope, scope_id=scope_id)
