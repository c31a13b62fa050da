"""The period report as a DOCX document (python-docx): a title page, the narrative, every
figure as a table and the charts as pictures.

Word cannot show SVG from python-docx, so each chart of samsyn/reporting/charts.py is drawn
to PNG with CairoSVG; its data is in the tables as well, so nothing is lost if a chart
cannot be drawn.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import cairosvg
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm

from samsyn.reporting.charts import report_charts
from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.documents.common import (
    CellKind,
    DocTable,
    DocumentInfo,
    document_info,
    figure_parts,
)

if TYPE_CHECKING:
    from samsyn.reporting.models import PeriodReport

CHART_WIDTH = Cm(16)
CHART_PIXELS = 1280


def _title_page(document: DocxDocument, info: DocumentInfo) -> None:
    if info.is_draft:
        draft = document.add_paragraph()
        draft.add_run(_("UTKAST")).bold = True
    document.add_heading(info.title, level=0)
    for line in (info.intervention, info.forbund, info.period_text, info.status_text):
        if line:
            document.add_paragraph(line)
    document.add_paragraph(info.generated_on)
    document.add_paragraph(info.audience_text)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _narrative(document: DocxDocument, info: DocumentInfo) -> None:
    if not info.narrative:
        return
    document.add_heading(_("Berättelse"), level=1)
    for label, body in info.narrative:
        document.add_heading(label, level=2)
        paragraphs = [part.strip() for part in body.split("\n\n") if part.strip()]
        for paragraph in paragraphs or [_("(ej ifyllt)")]:
            document.add_paragraph(paragraph)


def _table(document: DocxDocument, table: DocTable) -> None:
    document.add_heading(table.title, level=2)
    if table.rows:
        grid = document.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(header).bold = True
        for cells in table.rows:
            row = grid.add_row().cells
            for target, doc_cell in zip(row, cells, strict=True):
                target.text = doc_cell.text
                if doc_cell.kind is not CellKind.TEXT:
                    target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.note:
        document.add_paragraph(table.note)


def chart_png(svg: str) -> bytes | None:
    """The chart drawn as PNG, or None when CairoSVG cannot draw it (the tables remain)."""
    try:
        return bytes(cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=CHART_PIXELS))
    except (
        Exception
    ):  # CairoSVG raises parser and value errors alike; a chart must not stop the document
        return None


def _charts(document: DocxDocument, content: ReportContent) -> None:
    charts = report_charts(content)
    if not charts:
        return
    document.add_heading(_("Diagram"), level=1)
    for chart in charts:
        png = chart_png(str(chart.svg))
        document.add_heading(chart.title, level=2)
        if png is not None:
            document.add_picture(io.BytesIO(png), width=CHART_WIDTH)
        document.add_paragraph(chart.description)


def render_docx(content: ReportContent, report: PeriodReport | None) -> bytes:
    info = document_info(content, report)
    document = Document()
    document.core_properties.title = info.title
    if info.is_draft:
        document.sections[0].header.paragraphs[0].text = _("UTKAST")
    _title_page(document, info)
    _narrative(document, info)
    for part in figure_parts(content):
        document.add_heading(part.title, level=1)
        for table in part.tables:
            _table(document, table)
    _charts(document, content)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
