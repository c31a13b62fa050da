"""The public answering page, ``/enkat/<token>/``: no log-in, no JavaScript needed.

Nothing about the visit is kept: no access-log event, no session (no message is added, so
the anonymous session stays empty and is never saved), and the rate limit counts a keyed
hash of the address in the cache only. An unknown link, a used one and one whose survey is
not open get the same plain page (410), so the page never tells which.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.surveys.forms.answers import answer_fields
from samsyn.surveys.rate_limit import allow_answer_request
from samsyn.surveys.selectors.surveys import form_questions
from samsyn.surveys.services import answers as services

TEMPLATES = "surveys/answer/"


def _unavailable(request: HttpRequest) -> HttpResponse:
    return render(request, TEMPLATES + "unavailable.html", status=410)


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, TEMPLATES + "too_many.html", status=429)
    response["Retry-After"] = "600"
    return response


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    if not allow_answer_request(request):
        return _too_many(request)
    try:
        survey = services.survey_for_token(token)
    except services.TokenUnusable:
        return _unavailable(request)
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    form_errors: list[str] = []
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in request.POST if key.startswith("q_")}
        try:
            services.answer_by_token(token=token, values=values)
        except services.TokenUnusable:
            return _unavailable(request)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = error.message_dict
            else:
                form_errors = error.messages
        else:
            return redirect("survey_answer:thanks")
    fields = answer_fields(form_questions(survey), values, errors)
    context = {
        "survey": survey,
        "fields": fields,
        "errors": [item for item in fields if item.error],
        "form_errors": form_errors,
    }
    return render(request, TEMPLATES + "form.html", context)


@never_cache
@login_not_required
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    if not allow_answer_request(request):
        return _too_many(request)
    return render(request, TEMPLATES + "thanks.html")
