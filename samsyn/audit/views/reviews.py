"""The granskare's log reviews: draw a sample of the log and document the check.

Every page answers 404 to anyone who is not a granskare. Writes go through
``samsyn.audit.services.reviews``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.audit.forms.events import AuditEventFilterForm
from samsyn.audit.forms.reviews import LogReviewForm, SampleForm
from samsyn.audit.models import AuditAction, LogReview
from samsyn.audit.selectors.events import (
    AuditEventFilters,
    audit_event_list,
)
from samsyn.audit.selectors.reviews import log_review_events, log_review_get, log_review_list
from samsyn.audit.services.reviews import log_review_create, log_review_update
from samsyn.audit.views.events import PAGE_SIZE, acting_granskare
from samsyn.core.models import User
from samsyn.core.web.stale import conflict_if_stale


@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest) -> HttpResponse:
    user = acting_granskare(request)
    posted = request.method == "POST"
    filter_form = AuditEventFilterForm(request.POST if posted else request.GET, user=user)
    sample_form = SampleForm(request.POST if posted else None, user=user, auto_id="sample_%s")
    if posted and filter_form.is_valid() and sample_form.is_valid():
        try:
            review = log_review_create(
                user=user,
                forbund_id=sample_form.chosen_forbund_id(),
                filters=filter_form.filters(),
                sample_size=sample_form.cleaned_data["sample_size"],
            )
        except ValidationError as error:
            sample_form.add_error(None, error)
        else:
            messages.success(request, _("Stickprovet är draget. Granska händelserna nedan."))
            return redirect("audit:review_detail", pk=review.pk)
    context: dict[str, Any] = {
        "filter_form": filter_form,
        "sample_form": sample_form,
        "filter_query": urlencode({f.html_name: f.value() for f in filter_form if f.value()}),
    }
    if filter_form.is_valid():
        filters = filter_form.filters()
        context["matching"] = audit_event_list(user=user, filters=filters).count()
        context["criteria"] = criteria_rows(_criteria_of(filter_form, filters))
    return render(request, "audit/review_create.html", context)


def _criteria_of(form: AuditEventFilterForm, filters: AuditEventFilters) -> dict[str, Any]:
    intervention = form.cleaned_data.get("intervention")
    return {**filters.as_criteria(), "intervention_name": intervention.name if intervention else ""}


def criteria_rows(criteria: dict[str, Any]) -> list[tuple[str, str]]:
    """The stored sample criteria as labelled rows; filters left empty read "alla"."""
    every = _("alla")
    action = criteria.get("action") or ""
    action_label = str(dict(AuditAction.choices).get(action, action)) if action else every
    rows = [
        (_("Användare"), criteria.get("user") or every),
        (_("Deltagarreferens"), criteria.get("participant_ref") or every),
        (_("Insats"), criteria.get("intervention_name") or every),
        (_("Händelse"), action_label),
        (_("Från och med datum"), criteria.get("date_from") or "–"),
        (_("Till och med datum"), criteria.get("date_to") or "–"),
    ]
    if "population" in criteria:
        rows.append((_("Händelser i urvalet"), str(criteria["population"])))
    return rows


@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    user = acting_granskare(request)
    page = Paginator(log_review_list(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/review_list.html", {"page_obj": page})


@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_granskare(request)
    review = log_review_get(user=user, review_id=pk)
    form: LogReviewForm | None = None
    if request.method == "POST":
        if review.completed_at is not None:
            messages.error(
                request, _("Granskningen är markerad som genomförd och kan inte längre ändras.")
            )
            return redirect("audit:review_detail", pk=review.pk)
        form = LogReviewForm(request.POST)
        if form.is_valid() and _save_review(form, user=user, review=review):
            messages.success(request, _("Granskningen är sparad."))
            return redirect("audit:review_detail", pk=review.pk)
    elif review.completed_at is None:
        form = LogReviewForm.for_review(review)
    conflict = conflict_if_stale(
        form,
        reload=lambda: log_review_get(user=user, review_id=pk),
        saved=lambda now: LogReviewForm.for_review(now).initial,
        discard_url=request.path,
    )
    context = {
        "conflict": conflict,
        "review": review,
        "form": form,
        "criteria": criteria_rows(review.criteria),
        "events": log_review_events(review=review),
    }
    return render(request, "audit/review_detail.html", context)


def _save_review(form: LogReviewForm, *, user: User, review: LogReview) -> bool:
    data = form.cleaned_data
    try:
        log_review_update(
            user=user,
            review_id=review.pk,
            expected_version=data["version"],
            findings=data["findings"],
            deviations_found=data["deviations_found"],
            completed=data["completed"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
