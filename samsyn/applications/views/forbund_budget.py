"""The förbund's budget (/ansokningar/forbund/<id>/budget/) for its staff and styrgrupp, as a
page and as an XLSX file, and the member income pages (/ansokningar/medlemsbidrag/) for the
förbundsadministratör. Definitions: docs/forbund-budget.md."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from samsyn.applications.forms.claims import VersionForm
from samsyn.applications.forms.forbund_income import ForbundIncomeForm
from samsyn.applications.selectors.forbund_budget import ForbundBudget, forbund_budget
from samsyn.core.web.confirm import ask_first, undo_hint
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.requests import actor as acting_user
from samsyn.core.web.stale import conflict_if_stale
from samsyn.interventions.selectors.forbund_income import (
    administered_forbund,
    forbund_income_get,
    income_sections,
    municipality_choices,
)
from samsyn.interventions.services.forbund_income import (
    forbund_income_create,
    forbund_income_delete,
    forbund_income_update,
)
from samsyn.stats.periods import FIRST_YEAR, LAST_YEAR

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def budget_page(request: HttpRequest, forbund_pk: int) -> HttpResponse:
    budget = forbund_budget(actor=acting_user(request), forbund_id=forbund_pk)
    return render(request, "applications/claims/budget.html", {"budget": budget})


def _budget_columns() -> list[tuple[str, str]]:
    return [
        ("year", _("År")),
        ("income", _("Medlemsbidrag (kr)")),
        ("granted", _("Beviljat till insatser (kr)")),
        ("administration_budget", _("Administration, budget (kr)")),
        ("unallocated", _("Ej fördelat (kr)")),
        ("forbund_costs", _("Förbundsfinansierat utfall i insatserna (kr)")),
        ("approved", _("Godkänt i rekvisitioner (kr)")),
        ("paid", _("Utbetalt (kr)")),
        ("administration_outcome", _("Administration, utfall (kr)")),
        ("used", _("Använt totalt (kr)")),
    ]


def _budget_xlsx(budget: ForbundBudget) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Budget")
    columns = _budget_columns()
    sheet.append([label for _name, label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in budget.years:
        sheet.append([getattr(row, name) for name, _label in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@require_GET
def budget_xlsx(request: HttpRequest, forbund_pk: int) -> HttpResponse:
    budget = forbund_budget(actor=acting_user(request), forbund_id=forbund_pk)
    response = HttpResponse(_budget_xlsx(budget), content_type=XLSX_CONTENT_TYPE)
    name = f"forbundets-budget-{budget.forbund.slug}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def income_list(request: HttpRequest) -> HttpResponse:
    sections = income_sections(actor=acting_user(request))
    # The "go to year" form: the year's page of one of the actor's förbund.
    year, forbund = request.GET.get("ar", ""), request.GET.get("forbund", "")
    if year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR:
        for section in sections:
            if str(section.forbund.pk) == forbund:
                return redirect("applications:forbund_income_edit", section.forbund.pk, int(year))
    return render(request, "applications/claims/income.html", {"sections": sections})


@require_http_methods(["GET", "POST"])
def income_edit(request: HttpRequest, forbund_pk: int, year: int) -> HttpResponse:
    actor = acting_user(request)
    forbund = administered_forbund(actor=actor, forbund_id=forbund_pk)
    income = forbund_income_get(actor=actor, forbund_id=forbund.pk, year=year)
    municipalities = municipality_choices(forbund)
    if request.method == "POST":
        form = ForbundIncomeForm(request.POST, municipalities=municipalities, year=year)
    else:
        form = ForbundIncomeForm.for_income(income, municipalities=municipalities, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            if income is None:
                forbund_income_create(actor=actor, forbund=forbund, fields=form.income_fields())
            else:
                forbund_income_update(
                    actor=actor,
                    income=income,
                    fields=form.income_fields(),
                    expected_version=form.cleaned_data["version"] or 0,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Medlemsbidraget är sparat."))
            return redirect("applications:forbund_income")
    conflict = conflict_if_stale(
        form,
        reload=lambda: forbund_income_get(actor=actor, forbund_id=forbund.pk, year=year),
        saved=lambda now: (
            ForbundIncomeForm.for_income(now, municipalities=municipalities, year=year).initial
        ),
        discard_url=request.path,
        forbund_of=lambda now: now.forbund_id,
    )
    context = {
        "form": form,
        "forbund": forbund,
        "year": year,
        "income": income,
        "conflict": conflict,
    }
    return render(request, "applications/claims/income_form.html", context)


@require_POST
def income_delete(request: HttpRequest, forbund_pk: int, year: int) -> HttpResponse:
    actor = acting_user(request)
    income = forbund_income_get(actor=actor, forbund_id=forbund_pk, year=year)
    name = _("medlemsbidragen för %(year)s") % {"year": year}
    cancel = reverse("applications:forbund_income")
    if income is not None and (
        asked := ask_first(request, name=name, cancel_url=cancel, restorable=True)
    ):
        return asked
    form = VersionForm(request.POST)
    if income is None or not form.is_valid():
        messages.error(request, _("Raden kunde inte tas bort. Ladda om sidan och försök igen."))
        return redirect("applications:forbund_income")
    try:
        forbund_income_delete(
            actor=actor, income=income, expected_version=form.cleaned_data["version"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Medlemsbidraget är borttaget.") + " " + undo_hint())
    return redirect("applications:forbund_income")
