"""The granskare's pages: search the log, export it, draw samples and document the checks.

Every page answers 404 to anyone who is not a granskare, so the pages do not even reveal
that a log review exists. Writes go through ``samsyn.audit.services``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samsyn.audit.forms import AuditEventFilterForm, LogReviewForm, SampleForm
from samsyn.audit.models import AuditAction, AuditEvent, LogReview
from samsyn.audit.selectors import (
    AuditEventFilters,
    audit_event_list,
    log_review_events,
    log_review_get,
    log_review_list,
    reviewable_forbunds_for,
)
from samsyn.audit.services import (
    audit_export_record,
    log_review_create,
    log_review_update,
)
from samsyn.core.models import User
from samsyn.core.roles import Role

PAGE_SIZE = 50
# Above this the reviewer is asked to narrow the filters; a spreadsheet is no tool for more.
EXPORT_MAX_ROWS = 100_000
EXPORT_CHUNK = 2_000
# Spreadsheet programs run cells starting with these as formulas (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _granskare(request: HttpRequest) -> User:
    """The acting granskare; everybody else gets 404."""
    user = cast(User, request.user)
    if not reviewable_forbunds_for(user).exists():
        raise Http404
    return user


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user = _granskare(request)
    filter_form = AuditEventFilterForm(request.GET, user=user)
    page = None
    if filter_form.is_valid():
        events = audit_event_list(user=user, filters=filter_form.filters())
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "page_obj": page,
        "sample_form": SampleForm(user=user, auto_id="sample_%s"),
    }
    return render(request, "audit/event_list.html", context)


@require_GET
def event_export(request: HttpRequest) -> HttpResponseBase:
    user = _granskare(request)
    filter_form = AuditEventFilterForm(request.GET, user=user)
    back = f"{reverse('audit:event_list')}?{request.GET.urlencode()}"
    if not filter_form.is_valid():
        messages.error(request, _("Rätta filtren innan du exporterar."))
        return redirect(back)
    filters = filter_form.filters()
    # Fix the set before the export's own event is written, so the count and file agree.
    events = audit_event_list(user=user, filters=filters).filter(occurred_at__lte=timezone.now())
    count = events.count()
    if count > EXPORT_MAX_ROWS:
        messages.error(
            request,
            _(
                "Urvalet har %(count)d händelser men en export rymmer högst %(max)d. "
                "Begränsa urvalet."
            )
            % {"count": count, "max": EXPORT_MAX_ROWS},
        )
        return redirect(back)
    audit_export_record(user=user, filters=filters, row_count=count)
    response = StreamingHttpResponse(
        _csv_lines(_csv_header(), _csv_rows(events)), content_type="text/csv; charset=utf-8"
    )
    filename = f"samsyn-logg-{timezone.localtime():%Y%m%d-%H%M}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_header() -> list[str]:
    # Evaluated now, in the request's language; the body streams after the view returns.
    return [
        _("Tidpunkt"),
        _("Användare"),
        _("Användar-id"),
        _("Roll"),
        _("Förbund"),
        _("Insats"),
        _("Deltagarreferens"),
        _("Händelse"),
        _("Objekttyp"),
        _("Objekt-id"),
        _("Beskrivning"),
        _("IP-adress"),
        _("Anrops-id"),
    ]


def _csv_rows(events: QuerySet[AuditEvent]) -> Iterator[list[str]]:
    # Labels are looked up now, while the request's language is active; rows stream later.
    actions = {value: str(label) for value, label in AuditAction.choices}
    roles = {value: str(label) for value, label in Role.choices}
    return (
        [
            f"{timezone.localtime(event.occurred_at):%Y-%m-%d %H:%M:%S}",
            event.actor_username,
            str(event.actor_id or ""),
            roles.get(event.role, event.role),
            event.forbund.name if event.forbund else "",
            event.intervention.name if event.intervention else "",
            event.participant_ref,
            actions.get(event.action, event.action),
            event.object_type,
            event.object_id,
            event.detail,
            event.ip_address or "",
            event.request_id,
        ]
        for event in events.iterator(chunk_size=EXPORT_CHUNK)
    )


class _Echo:
    """A file-like object that hands back what is written, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def _csv_safe(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_PREFIXES) else value


def _csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """UTF-8 with BOM and ';' so a Swedish Excel opens the file with å, ä, ö intact."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([_csv_safe(cell) for cell in row])


@require_http_methods(["GET", "POST"])
def review_create(request: HttpRequest) -> HttpResponse:
    user = _granskare(request)
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
    user = _granskare(request)
    page = Paginator(log_review_list(user=user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/review_list.html", {"page_obj": page})


@require_http_methods(["GET", "POST"])
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _granskare(request)
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
    context = {
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
