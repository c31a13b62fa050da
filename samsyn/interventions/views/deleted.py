"""/insatser/<pk>/borttaget/: what was deleted from the intervention's economy, goals,
trainings and implementation plan in the last 30 days, with "Ångra" to put it back
(docs/deleting.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from samsyn.core.web.deleted import deleted_response
from samsyn.interventions.services.deleted import SCOPE


@require_http_methods(["GET", "POST"])
def deleted_list(request: HttpRequest, pk: int) -> HttpResponse:
    return deleted_response(request, scope=SCOPE, scope_id=pk)
