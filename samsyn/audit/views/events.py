"""The granskare's pages of the log itself: search it and export it.

Every page answers 404 to anyone who is not a granskare, so the pages do not even reveal
that a log review exists. The export is logged through ``samsyn.audit.services.events``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samsyn.audit.forms.events import AuditEventFilterForm
from samsyn.audit.forms.reviews import SampleForm
from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.selectors.events import (
    audit_event_list,
    reviewable_forbunds_for,
)
from samsyn.audit.services.events import audit_export_record
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.web.http import not_found_unless
from samsyn.core.web.requests import actor

PAGE_SIZE = 50
# Above this the reviewer is asked to narrow the filters; a spreadsheet is no tool for more.
EXPORT_MAX_ROWS = 100_000
EXPORT_CHUNK = 2_000
# Spreadsheet programs run cells starting with these as formulas (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def acting_granskare(request: HttpRequest) -> User:
    """The acting granskare; everybody else gets 404."""
    user = actor(request)
    not_found_unless(reviewable_forbunds_for(user).exists())
    return user


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user = acting_granskare(request)
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
    user = acting_granskare(request)
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
