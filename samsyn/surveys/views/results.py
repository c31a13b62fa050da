"""Results pages: one survey, an intervention's surveys, the förbund's own surveys, the free
text (logged), the national reference values and the national export."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor as acting_user
from samsyn.surveys.forms.references import ExportForm, NationalReferenceForm, VersionForm
from samsyn.surveys.selectors import access, pages
from samsyn.surveys.selectors import references as reference_selectors
from samsyn.surveys.services import results as services


@require_GET
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    page = pages.survey_results_page(actor=acting_user(request), survey_id=pk)
    return render(request, "surveys/results_survey.html", {"page": page})


@require_GET
def survey_free_text(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    survey = access.survey_for_results(actor=actor, survey_id=pk)
    groups = services.free_text_read(actor=actor, survey=survey)
    return render(request, "surveys/results_free_text.html", {"survey": survey, "groups": groups})


@require_GET
def intervention_results(request: HttpRequest, pk: int) -> HttpResponse:
    page = pages.intervention_results_page(
        actor=acting_user(request), intervention_id=pk, quick=request.GET.get("rapportperiod", "")
    )
    return render(request, "surveys/results_intervention.html", {"page": page})


@require_GET
def forbund_results(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("forbund", "")
    forbund_id = int(raw) if raw.isdigit() and len(raw) < 12 else None
    page = pages.forbund_results_page(actor=acting_user(request), forbund_id=forbund_id)
    not_found_unless(page)
    return render(request, "surveys/results_forbund.html", {"page": page})


@require_http_methods(["GET", "POST"])
def reference_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = reference_selectors.reference_forbunds(actor)
    not_found_unless(forbunds.exists())
    form = NationalReferenceForm(request.POST or None, forbunds=forbunds)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_reference_create(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Referensvärdet är sparat."))
            return redirect("surveys:reference_list")
    context = {
        "form": form,
        "references": list(reference_selectors.reference_list(actor=actor)),
        # Each förbund's Borttaget page, where a deleted reference value can be put back.
        "forbunds": list(forbunds),
    }
    return render(request, "surveys/references.html", context)


@require_POST
def reference_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    reference = reference_selectors.reference_get(actor=actor, reference_id=pk)
    cancel = reverse("surveys:reference_list")
    name = _("referensvärdet")
    if (asked := ask_first(request, name=name, cancel_url=cancel, restorable=True)) is not None:
        return asked
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Formuläret var ofullständigt. Försök igen."))
        return redirect("surveys:reference_list")
    try:
        services.national_reference_delete(
            actor=actor, reference=reference, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Referensvärdet är borttaget.") + " " + undo_hint())
    return redirect("surveys:reference_list")


@require_GET
def national_export_page(request: HttpRequest) -> HttpResponse:
    forbunds = reference_selectors.reference_forbunds(acting_user(request))
    not_found_unless(forbunds.exists())
    form = ExportForm(forbunds=forbunds, initial={"year": 2026})
    return render(request, "surveys/national_export.html", {"form": form})


@require_GET
def national_export(request: HttpRequest, fmt: str) -> HttpResponse:
    actor = acting_user(request)
    forbunds = reference_selectors.reference_forbunds(actor)
    not_found_unless(forbunds.exists() and fmt in ("csv", "xlsx"))
    form = ExportForm(request.GET, forbunds=forbunds)
    # Another förbund (or none) in ?forbund= is not found, as everywhere.
    not_found_unless(form.is_bound and "forbund" not in form.errors)
    if not form.is_valid():
        return render(request, "surveys/national_export.html", {"form": form}, status=400)
    forbund = form.cleaned_data["forbund"] or forbunds.first()
    not_found_unless(forbund)
    assert forbund is not None  # for the type checker: not_found_unless raised otherwise
    year = form.cleaned_data["year"]
    # Read and log in one short transaction; the file is made after it commits.
    rows = services.national_export(actor=actor, forbund=forbund, year=year)
    name = f"enkatsvar-{forbund.slug}-{year}.{fmt}"
    if fmt == "csv":
        body, content_type = _csv(rows), "text/csv; charset=utf-8"
    else:
        body = _xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(services.EXPORT_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Svar")
    sheet.append(list(services.EXPORT_COLUMNS))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
