"""The period report as a PDF (WeasyPrint): A4, page numbers, a title page with the
intervention, period and status, the narrative and then every figure, rendered through the
same body template as the report page (charts as inline SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language

from samsyn.core.documents import html_to_pdf
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
        # The shared body leaves out what only works on a web page (opening a row).
        "for_print": True,
    }
    return render_to_string("reporting/reports/pdf.html", context)


def render_pdf(content: ReportContent, report: PeriodReport | None) -> bytes:
    # The report body's own styles first, then the print rules that override them.
    body_css = finders.find(BODY_CSS)
    paths = [body_css] if isinstance(body_css, str) else []
    return html_to_pdf(render_html(content, report), stylesheets=[*paths, str(PRINT_CSS)])
