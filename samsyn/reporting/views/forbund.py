"""The förbund's report pages at /rapporter/forbund/…: the overview, the Deltagarrapport,
the Insatsrapport, the Kostnadsrapport and the Uppföljning Finsam export.

Thin views: parse the query parameters (bad ones give a Swedish message and the default,
never a 500), ask the selectors, render the page or write the file. ``?format=csv|xlsx``
downloads what the page shows; every download writes an audit event. Only the
förbundsadministratör and styrgrupp of the förbund get anything; everybody else 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from samsyn.core.roles import Role
from samsyn.core.web.requests import actor
from samsyn.reporting.forms.forbund import (
    YEAR_MAX,
    YEAR_MIN,
    FileFormat,
    parse_forbund_id,
    parse_format,
    parse_period,
    parse_year,
    quick_periods,
)
from samsyn.reporting.selectors.finsam import finsam_export_table, finsam_report
from samsyn.reporting.selectors.forbund import ForbundAccess, forbund_access
from samsyn.reporting.selectors.forbund_status import (
    forbund_cost_report,
    forbund_participant_report,
)
from samsyn.reporting.selectors.forbund_tables import (
    ForbundReport,
    forbund_intervention_report,
    forbund_overview,
)
from samsyn.reporting.services.forbund_exports import forbund_report_export_record
from samsyn.reporting.spreadsheet import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    tables_csv,
    tables_xlsx,
)
from samsyn.reporting.tables import ReportTable
from samsyn.stats.periods import Period
from samsyn.stats.suppression import hidden_reasons, small_numbers_rule


@dataclass(frozen=True)
class ReportSpec:
    url_name: str
    label: str | Promise
    file_slug: str
    build: Callable[[ForbundAccess, Period], ForbundReport]


REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec("forbund_overview", _("Förbundsöversikt"), "oversikt", forbund_overview),
    ReportSpec(
        "forbund_participants", _("Deltagarrapport"), "deltagarrapport", forbund_participant_report
    ),
    ReportSpec(
        "forbund_interventions", _("Insatsrapport"), "insatsrapport", forbund_intervention_report
    ),
    ReportSpec("forbund_costs", _("Kostnadsrapport"), "kostnadsrapport", forbund_cost_report),
)
REPORTS_BY_NAME = {spec.url_name: spec for spec in REPORTS}
FINSAM_URL_NAME = "forbund_finsam"


def _access(request: HttpRequest) -> tuple[ForbundAccess, list[str]]:
    parsed = parse_forbund_id(request.GET)
    return forbund_access(actor=actor(request), forbund_id=parsed.value), parsed.errors


def _forbund_params(access: ForbundAccess) -> dict[str, str]:
    """Keep the chosen förbund in every link when the user has more than one."""
    return {"forbund": str(access.forbund.pk)} if len(access.forbunds) > 1 else {}


def _query(params: dict[str, str]) -> str:
    return f"?{urlencode(params)}" if params else ""


def _nav(access: ForbundAccess, params: dict[str, str], current: str) -> list[dict[str, object]]:
    links: list[dict[str, object]] = []
    for url_name, label in [(s.url_name, s.label) for s in REPORTS] + [
        (FINSAM_URL_NAME, _("Uppföljning Finsam"))
    ]:
        keep = _forbund_params(access) if url_name == FINSAM_URL_NAME else params
        links.append(
            {
                "url": reverse(f"reporting:{url_name}") + _query(keep),
                "label": label,
                "current": url_name == current,
            }
        )
    return links


def _download(
    report: ForbundReport,
    tables: list[ReportTable],
    file_format: FileFormat,
    *,
    name: str,
    file_stem: str,
    period_text: str,
    captions: bool = True,
) -> HttpResponse:
    forbund_report_export_record(
        access=report.access, report_name=name, period_text=period_text, file_format=file_format
    )
    if file_format is FileFormat.CSV:
        content, content_type = tables_csv(tables, captions=captions), CSV_CONTENT_TYPE
    else:
        content, content_type = tables_xlsx(tables), XLSX_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    filename = f"{file_stem}.{file_format.value}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _period_text(period: Period) -> str:
    return f"{period.start.isoformat()}–{period.end.isoformat()}"


def _period_report(request: HttpRequest, spec: ReportSpec) -> HttpResponse:
    today = timezone.localdate()
    access, errors = _access(request)
    period = parse_period(request.GET, today, free=access.role != Role.STYRGRUPP)
    file_format = parse_format(request.GET)
    errors += period.errors + file_format.errors
    report = spec.build(access, period.value)
    if file_format.value is not None and not errors:
        stem = f"{spec.file_slug}-{access.forbund.slug}-{period.value.start}-{period.value.end}"
        return _download(
            report,
            report.tables,
            file_format.value,
            name=str(spec.label),
            file_stem=stem,
            period_text=_period_text(period.value),
        )
    params = {
        **_forbund_params(access),
        "fran": period.value.start.isoformat(),
        "till": period.value.end.isoformat(),
    }
    quick = [
        {
            "label": choice.label,
            "url": _query(
                {
                    **_forbund_params(access),
                    "fran": choice.period.start.isoformat(),
                    "till": choice.period.end.isoformat(),
                }
            ),
            "current": choice.period == period.value,
        }
        for choice in quick_periods(today)
    ]
    context = {
        **_common_context(report, errors, params, spec.url_name),
        "quick_periods": quick,
    }
    return render(request, "reporting/forbund/report.html", context)


def _hidden_reasons(report: ForbundReport) -> list[str]:
    primary, secondary, derived = report.hidden_counts
    return hidden_reasons(primary, secondary, report.access.limit, derived=derived)


def _common_context(
    report: ForbundReport, errors: list[str], params: dict[str, str], current: str
) -> dict[str, object]:
    return {
        "report": report,
        "access": report.access,
        "errors": errors,
        "nav": _nav(report.access, params, current),
        "csv_url": _query({**params, "format": FileFormat.CSV.value}),
        "xlsx_url": _query({**params, "format": FileFormat.XLSX.value}),
        "small_numbers_rule": small_numbers_rule(report.access.limit),
        "hidden_reasons": _hidden_reasons(report),
        "url_name": f"reporting:{current}",
    }


@require_GET
def forbund_overview_view(request: HttpRequest) -> HttpResponse:
    return _period_report(request, REPORTS_BY_NAME["forbund_overview"])


@require_GET
def forbund_participants_view(request: HttpRequest) -> HttpResponse:
    return _period_report(request, REPORTS_BY_NAME["forbund_participants"])


@require_GET
def forbund_interventions_view(request: HttpRequest) -> HttpResponse:
    return _period_report(request, REPORTS_BY_NAME["forbund_interventions"])


@require_GET
def forbund_costs_view(request: HttpRequest) -> HttpResponse:
    return _period_report(request, REPORTS_BY_NAME["forbund_costs"])


@require_GET
def forbund_finsam_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    access, errors = _access(request)
    year = parse_year(request.GET, today)
    file_format = parse_format(request.GET)
    errors += year.errors + file_format.errors
    report = finsam_report(access, year.value)
    if file_format.value is not None and not errors:
        return _download(
            report,
            [finsam_export_table(report)],
            file_format.value,
            name="Finsam",
            file_stem=f"uppfoljning-finsam-{access.forbund.slug}-{year.value}",
            period_text=str(year.value),
            captions=False,  # one header row and the data: what Uppföljning Finsam reads
        )
    params = {**_forbund_params(access), "ar": str(year.value)}
    context = {
        **_common_context(report, errors, params, FINSAM_URL_NAME),
        "year": year.value,
        "year_min": YEAR_MIN,
        "year_max": YEAR_MAX,
        "years": [
            {"year": y, "url": _query({**_forbund_params(access), "ar": str(y)})}
            for y in (today.year - 1, today.year)
        ],
    }
    return render(request, "reporting/forbund/finsam.html", context)
