"""The import page: choose an intervention, upload a file, see every error or the count.

Only an intervention's insatsansvarig and the förbund's administrators reach the page;
everyone else gets 404. The import itself runs through the same service as the command.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.core.web.requests import actor
from samsyn.interventions.models import Intervention
from samsyn.participants.forms.imports import ImportForm
from samsyn.participants.importing.parsing import ImportFileError, parse_file
from samsyn.participants.importing.service import (
    import_registrations,
    interventions_importable_by,
)
from samsyn.participants.importing.template import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    column_help,
    template_csv,
    template_xlsx,
)

# A page with tens of thousands of error rows helps nobody; the count says how many more.
MAX_SHOWN_ERRORS = 500


def _importable(request: HttpRequest) -> QuerySet[Intervention]:
    user = actor(request)
    interventions = interventions_importable_by(user).select_related("forbund")
    if not interventions.exists():
        raise Http404
    return interventions.order_by("forbund__name", "name")


def _run(request: HttpRequest, form: ImportForm) -> dict[str, Any]:
    """Parse and import; what went wrong goes back to the page, nothing is stored then."""
    data = form.cleaned_data["file"].read()
    try:
        parsed = parse_file(data)
    except ImportFileError as error:
        return {"file_error": error}
    try:
        result = import_registrations(
            actor=actor(request),
            intervention=form.cleaned_data["intervention"],
            rows=parsed.rows,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return {}
    return {"result": result, "shown_errors": result.errors[:MAX_SHOWN_ERRORS]}


@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    interventions = _importable(request)
    initial = {}
    if chosen := request.GET.get("insats", ""):
        initial["intervention"] = (
            interventions.filter(pk=chosen).first() if chosen.isdigit() else None
        )
    form = ImportForm(
        request.POST or None, request.FILES or None, interventions=interventions, initial=initial
    )
    context: dict[str, Any] = {"form": form, "columns": column_help()}
    if request.method == "POST" and form.is_valid():
        context.update(_run(request, form))
    context["max_shown_errors"] = MAX_SHOWN_ERRORS
    return render(request, "participants/import/import.html", context)


@require_GET
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    _importable(request)
    if fmt == "csv":
        content, content_type = template_csv(), CSV_CONTENT_TYPE
    elif fmt == "xlsx":
        content, content_type = template_xlsx(), XLSX_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="importmall-inskrivningar.{fmt}"'
    return response
