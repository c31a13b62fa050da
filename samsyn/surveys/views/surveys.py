"""Survey pages for staff: the list, a new survey, one survey with its count of answers,
editing, opening and closing, making one-time links (shown once, printable with QR codes
and as CSV) and entering a paper form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samsyn.core.models import User
from samsyn.core.views.manage.common import posted_version
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor as acting_user
from samsyn.core.web.stale import conflict_if_stale
from samsyn.surveys.forms.answers import answer_fields
from samsyn.surveys.forms.surveys import PaperDateForm, SurveyForm, TokenBatchForm
from samsyn.surveys.models import Survey, SurveyStatus
from samsyn.surveys.selectors import surveys as selectors
from samsyn.surveys.services import answers as answer_services
from samsyn.surveys.services import surveys as services
from samsyn.surveys.services.tokens import exit_token_create, token_batch_create
from samsyn.surveys.views.links import printable_links

TEMPLATES = "surveys/survey/"


@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    surveys = list(selectors.survey_list(actor=actor))
    may_create = selectors.may_create_survey(actor)
    not_found_unless(surveys or may_create)
    context = {"surveys": surveys, "may_create": may_create}
    return render(request, TEMPLATES + "list.html", context)


def _survey_form(request: HttpRequest, actor: User, **kwargs: Any) -> SurveyForm:
    return SurveyForm(
        request.POST or None,
        forbunds=selectors.forbunds_for_surveys(actor),
        instruments=selectors.instruments_for_surveys(actor),
        interventions=selectors.survey_interventions_for(actor),
        **kwargs,
    )


def _fields(data: dict[str, Any]) -> services.SurveyFields:
    return services.SurveyFields(
        name=data["name"],
        instrument=data["instrument"],
        respondent_group=data["respondent_group"],
        interventions=list(data["interventions"]),
        period_from=data["period_from"],
        period_to=data["period_to"],
        target_answers=data["target_answers"],
    )


@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    not_found_unless(selectors.may_create_survey(actor))
    form = _survey_form(request, actor)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=actor, forbund=form.cleaned_data["forbund"], fields=_fields(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Enkäten är skapad som utkast."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    context = {"form": form, "title": _("Ny enkät")}
    return render(request, TEMPLATES + "form.html", context)


@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get(actor=acting_user(request), survey_id=pk)
    context = {
        "survey": survey,
        "tokens": selectors.survey_token_counts(survey),
        "next_status": services.ALLOWED_STATUS.get(SurveyStatus(survey.status), set()),
        "status_labels": dict(SurveyStatus.choices),
        "token_form": TokenBatchForm(),
        "may_make_links": survey.status != SurveyStatus.CLOSED,
        "may_enter_paper": survey.status != SurveyStatus.DRAFT,
    }
    return render(request, TEMPLATES + "detail.html", context)


def _survey_initial(survey: Survey) -> dict[str, Any]:
    return {
        "version": survey.version,
        "name": survey.name,
        "instrument": survey.instrument_id,
        "respondent_group": survey.respondent_group,
        "interventions": [row.pk for row in survey.interventions.all()],
        "period_from": survey.period_from,
        "period_to": survey.period_to,
        "target_answers": survey.target_answers,
    }


@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    survey = selectors.survey_get(actor=actor, survey_id=pk)
    form = _survey_form(request, actor, initial=_survey_initial(survey), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(
                actor=actor,
                survey=survey,
                expected_version=form.cleaned_data["version"] or -1,
                fields=_fields(form.cleaned_data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Enkäten är sparad."))
            return redirect("surveys:survey_detail", pk=survey.pk)
    conflict = conflict_if_stale(
        form,
        reload=lambda: selectors.survey_get(actor=actor, survey_id=pk),
        saved=_survey_initial,
        discard_url=request.path,
        forbund_of=lambda now: now.forbund_id,
    )
    context = {"form": form, "title": _("Ändra enkäten"), "survey": survey, "conflict": conflict}
    return render(request, TEMPLATES + "form.html", context)


@require_POST
def survey_status(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    survey = selectors.survey_get(actor=actor, survey_id=pk)
    try:
        services.survey_status_set(
            actor=actor,
            survey=survey,
            expected_version=posted_version(request),
            status=request.POST.get("status", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Statusen är ändrad."))
    return redirect("surveys:survey_detail", pk=survey.pk)


@never_cache
@require_POST
def survey_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a batch of links and show them, once: the page is not stored anywhere."""
    actor = acting_user(request)
    survey = selectors.survey_get(actor=actor, survey_id=pk)
    form = TokenBatchForm(request.POST)
    if form.is_valid():
        try:
            count = form.cleaned_data["count"]
            tokens = token_batch_create(actor=actor, survey=survey, count=count)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            context = {"survey": survey, **printable_links(request, tokens)}
            return render(request, TEMPLATES + "links.html", context)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("surveys:survey_detail", pk=survey.pk)


@require_http_methods(["GET", "POST"])
def survey_paper(request: HttpRequest, pk: int) -> HttpResponse:
    actor = acting_user(request)
    survey = selectors.survey_get(actor=actor, survey_id=pk)
    not_found_unless(survey.status != SurveyStatus.DRAFT)
    date_form = PaperDateForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    form_errors: list[str] = []
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in request.POST if key.startswith("q_")}
        if date_form.is_valid():
            try:
                answer_services.paper_response_record(
                    actor=actor,
                    survey=survey,
                    values=values,
                    answered_on=date_form.cleaned_data["answered_on"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    errors = error.message_dict
                    add_service_errors(date_form, error)
                else:
                    form_errors = error.messages
            else:
                messages.success(request, _("Pappersenkäten är registrerad."))
                return redirect("surveys:survey_paper", pk=survey.pk)
    fields = answer_fields(selectors.form_questions(survey), values, errors, require_all=False)
    context = {
        "survey": survey,
        "date_form": date_form,
        "fields": fields,
        "errors": [item for item in fields if item.error],
        "form_errors": form_errors,
    }
    return render(request, TEMPLATES + "paper.html", context)


@never_cache
@require_POST
def survey_exit_link(request: HttpRequest, pk: int) -> HttpResponse:
    """One link for a participant's exit form, from the exit page. The request names only
    the survey: the exit and the participant are not sent, stored or logged with it."""
    survey = selectors.exit_survey_get(actor=acting_user(request), survey_id=pk)
    token = exit_token_create(survey=survey)
    context = {"survey": survey, **printable_links(request, [token])}
    return render(request, TEMPLATES + "exit_link.html", context)
