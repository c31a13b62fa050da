"""The period report as a PDF (WeasyPrint): A4, page numbers, a title page with the
intervention, period and status, the narrative and then every figure, rendered through the
same body template as the report page (charts as inline SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import CSS, HTML

from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.documents.common import document_info
from samsyn.reporting.documents.figures import figures_context

if TYPE_CHECKING:
    from samsyn.reporting.models import PeriodReport

PRINT_CSS = Path(__file__).with_name("report_print.css")
BODY_CSS = "samsyn/css/reports.css"


def render_html(content: ReportContent, report: PeriodReport | None) -> str:
    context = {
        "info": document_info(content, report),
        "LANGUAGE_CODE": get_language() or "sv",
        **figures_context(content),
    }
    return render_to_string("reporting/reports/pdf.html", context)


def refuse_url(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Everything the PDF shows is inline; fetching nothing means no request can be made
    # from the server on behalf of report content.
    raise ValueError(f"Not fetched: {url}")


def render_pdf(content: ReportContent, report: PeriodReport | None) -> bytes:
    html = HTML(
        string=render_html(content, report),
        base_url=str(settings.BASE_DIR),
        url_fetcher=refuse_url,
    )
    # The report body's own styles first, then the print rules that override them.
    body_css = finders.find(BODY_CSS)
    paths = [body_css] if isinstance(body_css, str) else []
    sheets = [CSS(filename=path) for path in [*paths, str(PRINT_CSS)]]
    document = html.write_pdf(stylesheets=sheets)
    return bytes(document or b"")
