"""Instrument pages: the list, the upload of an instrument file, one instrument with its
questions, and the POST-only new version and status change."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor as acting_user
from samsyn.surveys.forms.instruments import InstrumentImportForm, InstrumentStatusForm
from samsyn.surveys.selectors import instruments as selectors
from samsyn.surveys.services import instruments as services


@require_GET
def instrument_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    instruments = list(selectors.instrument_list(actor=actor))
    may_import = selectors.may_import(actor)
    not_found_unless(instruments or may_import)
    context = {"instruments": instruments, "may_import": may_import}
    return render(request, "surveys/instrument_list.html", context)


@require_http_methods(["GET", "POST"])
def instrument_import(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    forbunds = selectors.forbunds_importing_for(actor)
    not_found_unless(forbunds.exists())
    form = InstrumentImportForm(request.POST or None, request.FILES or None, forbunds=forbunds)
    import_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            instrument = services.instrument_import(
                actor=actor, forbund=form.cleaned_data["forbund"], file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            import_errors = list(error.messages)
        else:
            messages.success(request, _("Instrumentet är inläst som utkast."))
            return redirect("surveys:instrument_detail", pk=instrument.pk)
    context = {"form": form, "import_errors": import_errors}
    return render(request, "surveys/instrument_import.html", context)


@require_GET
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    instrument = selectors.instrument_get(actor=actor, instrument_id=pk)
    context = {
        "instrument": instrument,
        "questions": selectors.instrument_questions(instrument),
        "indicators": selectors.instrument_indicators(instrument),
        "in_use": selectors.instrument_in_use(instrument),
        "may_manage": selectors.may_manage(actor, instrument),
        "status_form": InstrumentStatusForm(),
    }
    return render(request, "surveys/instrument_detail.html", context)


@require_POST
def instrument_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    instrument = selectors.instrument_get(actor=actor, instrument_id=pk)
    not_found_unless(selectors.may_manage(actor, instrument))
    copy = services.instrument_new_version(actor=actor, instrument=instrument)
    messages.success(request, _("Version %(version)s är skapad.") % {"version": copy.version})
    return redirect("surveys:instrument_detail", pk=copy.pk)


@require_POST
def instrument_status(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    instrument = selectors.instrument_get(actor=actor, instrument_id=pk)
    not_found_unless(selectors.may_manage(actor, instrument))
    form = InstrumentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en status."))
        return redirect("surveys:instrument_detail", pk=instrument.pk)
    try:
        services.instrument_status_set(
            actor=actor, instrument=instrument, status=form.cleaned_data["status"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Statusen är ändrad."))
    return redirect("surveys:instrument_detail", pk=instrument.pk)
