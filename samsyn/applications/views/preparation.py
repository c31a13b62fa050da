"""Beredning pages: the staff's queue and preparation page (comments, questions,
recommendation), and the applicant's page of questions and answers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.applications.forms.decisions import AnswerForm, NoteForm, RecommendationForm
from samsyn.applications.models import Application
from samsyn.applications.selectors.decisions import (
    preparation_page,
    preparation_queue,
    questions_page,
    staff_application_get,
)
from samsyn.applications.services.preparation import (
    preparation_answer_add,
    preparation_note_add,
    preparation_start,
    recommendation_set,
)
from samsyn.core.web.forms import add_service_errors, call_service
from samsyn.core.web.requests import actor as acting_user
from samsyn.core.web.stale import conflict_if_stale


def _refuse(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@require_GET
def preparation_list(request: HttpRequest) -> HttpResponse:
    applications = preparation_queue(actor=acting_user(request))
    return render(
        request, "applications/decision/preparation_list.html", {"applications": applications}
    )


@require_GET
def preparation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = preparation_page(actor=acting_user(request), application_id=pk)
    context = {"page": page, "application": page.application, "note_form": NoteForm()}
    return render(request, "applications/decision/preparation.html", context)


@require_POST
def preparation_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    application = staff_application_get(actor=actor, application_id=pk)
    try:
        preparation_start(actor=actor, application=application)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Ansökan är tagen till beredning."))
    return redirect("applications:preparation", pk=pk)


@require_POST
def preparation_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    application = staff_application_get(actor=actor, application_id=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv en text och välj kommentar eller fråga."))
        return redirect("applications:preparation", pk=pk)
    try:
        preparation_note_add(
            actor=actor,
            application=application,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Anteckningen är sparad."))
    return redirect("applications:preparation", pk=pk)


def _recommendation_initial(application: Application) -> dict[str, object]:
    return {
        "version": application.version,
        "recommendation": application.recommendation,
        "recommendation_text": application.recommendation_text,
    }


@require_http_methods(["GET", "POST"])
def recommendation_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    application = staff_application_get(actor=actor, application_id=pk)
    form = RecommendationForm(request.POST or None, initial=_recommendation_initial(application))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            lambda: recommendation_set(
                actor=actor,
                application=application,
                expected_version=data["version"] or 0,
                recommendation=data["recommendation"],
                text=data["recommendation_text"],
            ),
        ):
            messages.success(request, _("Förslaget till beslut är sparat."))
            return redirect("applications:preparation", pk=pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: staff_application_get(actor=actor, application_id=pk),
        saved=_recommendation_initial,
        discard_url=request.path,
        forbund_of=lambda now: now.forbund_id,
    )
    context = {"form": form, "application": application, "conflict": conflict}
    return render(request, "applications/decision/recommendation.html", context)


@require_http_methods(["GET", "POST"])
def questions_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    page = questions_page(actor=actor, application_id=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not page.can_answer:
            messages.error(request, _("Förbundet väntar inte på något svar på den här ansökan."))
            return redirect("applications:questions", pk=pk)
        if form.is_valid():
            try:
                preparation_answer_add(
                    actor=actor, application=page.application, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Svaret är skickat till förbundet."))
                return redirect("applications:questions", pk=pk)
    context = {"page": page, "application": page.application, "form": form}
    return render(request, "applications/decision/questions.html", context)
