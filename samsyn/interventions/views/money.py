"""The economy of an intervention (/insatser/<pk>/ekonomi/): budget, financing, annual plan,
actual costs per month and budget vs outcome for the förbundsadministratör, the
insatsansvarig and the styrgrupp; changes and imports for the first two only. The förbund's
administration costs live at /insatser/administration/ for its administrators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.confirm import ask_first, confirm_delete_page, delete_confirmed, undo_hint
from samsyn.core.web.stale import conflict_if_stale
from samsyn.interventions.forms.money import (
    ActualCostForm,
    AdministrationCostForm,
    AnnualPlanForm,
    BudgetLineForm,
    CostKeyForm,
    DeleteForm,
    FinancingForm,
    ImportForm,
)
from samsyn.interventions.models import ActualCost, CostCategory, FundingSource, Intervention
from samsyn.interventions.selectors.finance import intervention_years
from samsyn.interventions.selectors.money import (
    actual_cost_find,
    administered_forbunds,
    administration_cost_get,
    administration_sections,
    annual_plan_find,
    economy_page,
    financing_party_choices,
    managed_budget_line,
    managed_financing,
    managed_money_intervention,
)
from samsyn.interventions.services.money import (
    actual_cost_delete,
    actual_cost_set,
    administration_cost_create,
    administration_cost_delete,
    administration_cost_update,
    annual_plan_delete,
    annual_plan_set,
    budget_line_create,
    budget_line_delete,
    budget_line_update,
    financing_create,
    financing_delete,
    financing_update,
    import_actual_costs,
    parse_month,
)
from samsyn.interventions.views.common import acting_user, add_service_errors, refuse


def _back(intervention: Intervention | int, year: int | None) -> HttpResponse:
    pk = intervention if isinstance(intervention, int) else intervention.pk
    url = reverse("interventions:money", args=[pk])
    return redirect(f"{url}?ar={year}" if year else url)


@require_GET
def money_overview(request: HttpRequest, pk: int) -> HttpResponse:
    page = economy_page(
        actor=acting_user(request), intervention_id=pk, year_text=request.GET.get("ar")
    )
    if page.year.error:
        messages.warning(request, page.year.error)
    context = {"page": page, "intervention": page.intervention}
    return render(request, "interventions/money/economy.html", context)


def _confirm(request: HttpRequest, question: str, pk: int, year: int | None) -> HttpResponse:
    """Ask before deleting a row of the economy (a POST without ``confirm=1``)."""
    url = reverse("interventions:money", args=[pk])
    cancel = f"{url}?ar={year}" if year else url
    return confirm_delete_page(request, question=question, cancel_url=cancel, restorable=True)


def _form_page(request: HttpRequest, template: str, **context: object) -> HttpResponse:
    return render(request, f"interventions/money/{template}", context)


# --- budget lines --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def budget_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    years = intervention_years(intervention)
    parties = financing_party_choices(intervention)
    initial = {"year": request.GET.get("ar")}
    form = BudgetLineForm(request.POST or None, initial=initial, years=years, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            line = budget_line_create(
                actor=actor, intervention=intervention, fields=form.budget_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Budgetraden är tillagd."))
            return _back(intervention, line.year)
    return _form_page(request, "budget_form.html", form=form, intervention=intervention, line=None)


@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    actor = acting_user(request)
    line = managed_budget_line(actor=actor, intervention_id=pk, line_id=line_pk)
    years = intervention_years(line.intervention)
    parties = financing_party_choices(line.intervention, keep=line.funder_party)
    if request.method == "POST":
        form = BudgetLineForm(request.POST, years=years, parties=parties)
    else:
        form = BudgetLineForm.for_line(line, years, parties)
    if request.method == "POST" and form.is_valid():
        try:
            budget_line_update(
                actor=actor,
                line=line,
                fields=form.budget_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Budgetraden är ändrad."))
            return _back(pk, line.year)
    conflict = conflict_if_stale(
        form,
        reload=lambda: managed_budget_line(actor=actor, intervention_id=pk, line_id=line_pk),
        saved=lambda saved: BudgetLineForm.for_line(saved, years, parties).initial,
        discard_url=request.path,
    )
    return _form_page(
        request,
        "budget_form.html",
        form=form,
        intervention=line.intervention,
        line=line,
        conflict=conflict,
    )


@require_POST
def budget_delete(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    actor = acting_user(request)
    line = managed_budget_line(actor=actor, intervention_id=pk, line_id=line_pk)
    if not delete_confirmed(request):
        question = _("Vill du ta bort budgetraden %(category)s %(description)s (%(year)s)?") % {
            "category": line.get_category_display(),
            "description": line.description,
            "year": line.year,
        }
        return _confirm(request, question, pk, line.year)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Raden kunde inte tas bort. Ladda om sidan och försök igen."))
        return _back(pk, line.year)
    try:
        budget_line_delete(actor=actor, line=line, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Budgetraden är borttagen.") + " " + undo_hint())
    return _back(pk, line.year)


# --- financing -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def financing_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    years = intervention_years(intervention)
    parties = financing_party_choices(intervention)
    initial = {"year": request.GET.get("ar")}
    form = FinancingForm(request.POST or None, initial=initial, years=years, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            row = financing_create(
                actor=actor, intervention=intervention, fields=form.financing_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Finansieringen är tillagd."))
            return _back(intervention, row.year)
    return _form_page(
        request, "financing_form.html", form=form, intervention=intervention, row=None
    )


@require_http_methods(["GET", "POST"])
def financing_edit_view(request: HttpRequest, pk: int, financing_pk: int) -> HttpResponse:
    actor = acting_user(request)
    row = managed_financing(actor=actor, intervention_id=pk, financing_id=financing_pk)
    years = intervention_years(row.intervention)
    parties = financing_party_choices(row.intervention, keep=row.party)
    if request.method == "POST":
        form = FinancingForm(request.POST, years=years, parties=parties)
    else:
        form = FinancingForm.for_row(row, years, parties)
    if request.method == "POST" and form.is_valid():
        try:
            financing_update(
                actor=actor,
                row=row,
                fields=form.financing_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Finansieringen är ändrad."))
            return _back(pk, row.year)
    conflict = conflict_if_stale(
        form,
        reload=lambda: managed_financing(
            actor=actor, intervention_id=pk, financing_id=financing_pk
        ),
        saved=lambda saved: FinancingForm.for_row(saved, years, parties).initial,
        discard_url=request.path,
    )
    return _form_page(
        request,
        "financing_form.html",
        form=form,
        intervention=row.intervention,
        row=row,
        conflict=conflict,
    )


@require_POST
def financing_delete_view(request: HttpRequest, pk: int, financing_pk: int) -> HttpResponse:
    actor = acting_user(request)
    row = managed_financing(actor=actor, intervention_id=pk, financing_id=financing_pk)
    if not delete_confirmed(request):
        question = _("Vill du ta bort finansieringen %(source)s (%(year)s)?") % {
            "source": row.get_source_display(),
            "year": row.year,
        }
        return _confirm(request, question, pk, row.year)
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Raden kunde inte tas bort. Ladda om sidan och försök igen."))
        return _back(pk, row.year)
    try:
        financing_delete(actor=actor, row=row, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Finansieringen är borttagen.") + " " + undo_hint())
    return _back(pk, row.year)


# --- actual costs --------------------------------------------------------------------------


def _cost_initial(
    intervention: Intervention, request: HttpRequest
) -> tuple[dict[str, object], ActualCost | None]:
    """A cell of the month table opened for editing: its month, category, funder and
    version, and the outcome already entered there."""
    month = parse_month(request.GET.get("manad", ""))
    category = request.GET.get("kostnadsslag", "")
    funder = request.GET.get("finansiar", "") or FundingSource.FORBUND.value
    party_text = request.GET.get("part", "")
    party_id = int(party_text) if party_text.isascii() and party_text.isdigit() else None
    if month is None:
        return {}, None
    if category not in CostCategory.values or funder not in FundingSource.values:
        return {"month": month}, None
    key = {"month": month, "category": category, "funder": funder, "funder_party": party_id}
    cost = actual_cost_find(intervention, month, category, funder, party_id)
    if cost is None:
        return {**key, "version": 0}, None
    initial = {"amount": cost.amount, "note": cost.note, "version": cost.version}
    return {**key, **initial}, cost


@require_http_methods(["GET", "POST"])
def cost_form(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    initial, existing = _cost_initial(intervention, request)
    parties = financing_party_choices(
        intervention, keep=existing.funder_party if existing else None
    )
    form = ActualCostForm(request.POST or None, initial=initial, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            cost, created = actual_cost_set(
                actor=actor,
                intervention=intervention,
                fields=form.cost_fields(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = _("Utfallet är registrerat.") if created else _("Utfallet är ändrat.")
            messages.success(request, text)
            return _back(intervention, cost.month.year)
    conflict = conflict_if_stale(
        form,
        reload=lambda: _saved_cost(intervention, form),
        saved=lambda saved: {
            **form.cleaned_data,
            "amount": saved.amount,
            "note": saved.note,
            "version": saved.version,
        },
        discard_url=request.get_full_path(),
    )
    return _form_page(
        request,
        "cost_form.html",
        form=form,
        intervention=intervention,
        cost=existing,
        conflict=conflict,
    )


def _saved_cost(intervention: Intervention, form: ActualCostForm) -> ActualCost | None:
    """The outcome now saved in the cell the refused form was for."""
    fields = form.cost_fields()
    party_id = fields.funder_party.pk if fields.funder_party is not None else None
    return actual_cost_find(intervention, fields.month, fields.category, fields.funder, party_id)


@require_POST
def cost_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    form = CostKeyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Raden kunde inte tas bort. Ladda om sidan och försök igen."))
        return _back(intervention, None)
    data = form.cleaned_data
    if not delete_confirmed(request):
        month = f"{data['month']:%Y-%m}"
        question = _("Vill du ta bort utfallet för %(month)s?") % {"month": month}
        return _confirm(request, question, pk, data["month"].year)
    funder = data.get("funder") or FundingSource.FORBUND.value
    cost = actual_cost_find(
        intervention, data["month"], data["category"], funder, data.get("funder_party")
    )
    try:
        if cost is None:
            raise ValidationError(_("Utfallet finns inte längre. Ladda om sidan."))
        actual_cost_delete(actor=actor, cost=cost, expected_version=data["version"])
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Utfallet är borttaget.") + " " + undo_hint())
    return _back(intervention, data["month"].year)


@require_http_methods(["GET", "POST"])
def cost_import(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        outcome = import_actual_costs(
            actor=actor, intervention=intervention, upload=form.cleaned_data["file"]
        )
        if outcome.result is not None:
            messages.success(
                request,
                _("Importen är klar: %(created)s nya och %(updated)s ändrade utfall.")
                % {"created": outcome.result.created, "updated": outcome.result.updated},
            )
            return _back(intervention, None)
        errors = outcome.errors
    return _form_page(
        request, "import.html", form=form, intervention=intervention, import_errors=errors
    )


# --- annual plan ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_form(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    plan = annual_plan_find(intervention, year)
    initial = {"version": plan.version if plan else 0}
    if plan is not None:
        initial["planned_participants"] = plan.planned_participants
    form = AnnualPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            annual_plan_set(
                actor=actor,
                intervention=intervention,
                year=year,
                planned_participants=form.cleaned_data["planned_participants"],
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Årsplanen är sparad."))
            return _back(intervention, year)
    conflict = conflict_if_stale(
        form,
        reload=lambda: annual_plan_find(intervention, year),
        saved=lambda saved: {
            "planned_participants": saved.planned_participants,
            "version": saved.version,
        },
        discard_url=request.path,
    )
    context = {
        "form": form,
        "intervention": intervention,
        "plan": plan,
        "year": year,
        "conflict": conflict,
    }
    return _form_page(request, "plan_form.html", **context)


@require_POST
def plan_delete(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    actor = acting_user(request)
    intervention = managed_money_intervention(actor=actor, intervention_id=pk)
    plan = annual_plan_find(intervention, year)
    name = _("årsplanen för %(year)s") % {"year": year}
    cancel = reverse("interventions:money_plan", args=[pk, year])
    if (asked := ask_first(request, name=name, cancel_url=cancel, restorable=True)) is not None:
        return asked
    form = DeleteForm(request.POST)
    if plan is None or not form.is_valid():
        messages.error(request, _("Årsplanen kunde inte tas bort. Ladda om sidan och försök igen."))
        return _back(intervention, None)
    try:
        annual_plan_delete(actor=actor, plan=plan, expected_version=form.cleaned_data["version"])
    except ValidationError as error:
        refuse(request, error)
    else:
        messages.success(request, _("Årsplanen är borttagen.") + " " + undo_hint())
    return _back(intervention, year)


# --- the förbund's administration costs ----------------------------------------------------


@require_GET
def administration_list(request: HttpRequest) -> HttpResponse:
    sections = administration_sections(actor=acting_user(request))
    return render(request, "interventions/money/administration.html", {"sections": sections})


@require_http_methods(["GET", "POST"])
def administration_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = administered_forbunds(actor=actor)
    form = AdministrationCostForm(request.POST or None, forbunds=forbunds)
    if request.method == "POST" and form.is_valid():
        forbund = form.cleaned_data.get("forbund") or forbunds[0]
        try:
            administration_cost_create(actor=actor, forbund=forbund, fields=form.cost_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Administrationskostnaden är tillagd."))
            return redirect("interventions:money_administration")
    return _form_page(request, "administration_form.html", form=form, cost=None)


@require_http_methods(["GET", "POST"])
def administration_edit(request: HttpRequest, cost_pk: int) -> HttpResponse:
    actor = acting_user(request)
    cost = administration_cost_get(actor=actor, cost_id=cost_pk)
    if request.method == "POST":
        form = AdministrationCostForm(request.POST)
    else:
        form = AdministrationCostForm.for_cost(cost)
    if request.method == "POST" and form.is_valid():
        try:
            administration_cost_update(
                actor=actor,
                cost=cost,
                fields=form.cost_fields(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Administrationskostnaden är ändrad."))
            return redirect("interventions:money_administration")
    conflict = conflict_if_stale(
        form,
        reload=lambda: administration_cost_get(actor=actor, cost_id=cost_pk),
        saved=lambda saved: AdministrationCostForm.for_cost(saved).initial,
        discard_url=request.path,
    )
    return _form_page(request, "administration_form.html", form=form, cost=cost, conflict=conflict)


@require_POST
def administration_delete(request: HttpRequest, cost_pk: int) -> HttpResponse:
    actor = acting_user(request)
    cost = administration_cost_get(actor=actor, cost_id=cost_pk)
    name = _("administrationskostnaden för %(year)s") % {"year": cost.year}
    cancel = reverse("interventions:money_administration")
    if (asked := ask_first(request, name=name, cancel_url=cancel, restorable=True)) is not None:
        return asked
    form = DeleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Raden kunde inte tas bort. Ladda om sidan och försök igen."))
    else:
        try:
            administration_cost_delete(
                actor=actor, cost=cost, expected_version=form.cleaned_data["version"]
            )
        except ValidationError as error:
            refuse(request, error)
        else:
            messages.success(
                request, _("Administrationskostnaden är borttagen.") + " " + undo_hint()
            )
    return redirect("interventions:money_administration")
