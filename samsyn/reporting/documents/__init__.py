"""Period report documents: PDF (WeasyPrint), DOCX (python-docx) and XLSX (openpyxl).

Each renderer is a function ``(content, report) -> bytes`` over the same report content
(``ReportContent``, samsyn/reporting/content_types.py), so the three files hold the same
figures. ``report`` is ``None`` for the operator's command-line export, which has no title
page status or narrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.documents.common import document_info

if TYPE_CHECKING:
    from samsyn.reporting.models import PeriodReport


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"


CONTENT_TYPES = {
    DocumentFormat.PDF: "application/pdf",
    DocumentFormat.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    DocumentFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportedDocument:
    data: bytes
    filename: str
    content_type: str


def render_bytes(
    document_format: DocumentFormat, content: ReportContent, report: PeriodReport | None
) -> bytes:
    # Imported here: WeasyPrint and python-docx are heavy and only needed for a download.
    if document_format is DocumentFormat.PDF:
        from samsyn.reporting.documents.pdf import render_pdf

        return render_pdf(content, report)
    if document_format is DocumentFormat.DOCX:
        from samsyn.reporting.documents.docx import render_docx

        return render_docx(content, report)
    from samsyn.reporting.documents.xlsx import render_xlsx

    return render_xlsx(content, report)


def render_document(
    document_format: DocumentFormat, content: ReportContent, report: PeriodReport | None
) -> ExportedDocument:
    stem = document_info(content, report).filename_stem
    return ExportedDocument(
        data=render_bytes(document_format, content, report),
        filename=f"{stem}.{document_format.value}",
        content_type=CONTENT_TYPES[document_format],
    )
