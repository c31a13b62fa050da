"""The period report as an XLSX workbook: one sheet per part (Nyckeltal, Uppdelningar, Mål,
Ekonomi, Berättelse). Counts and kronor are numbers, shares are numbers shown as percent,
hidden counts are the text shown on the page ("< 5", "dolt"), "—" is an undefined value.

Every text cell is written as a string, never as a formula, so a narrative or label that
starts with "=" cannot run in the reader's spreadsheet (formula injection).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.documents.common import (
    CellKind,
    DocCell,
    DocPart,
    DocTable,
    DocumentInfo,
    document_info,
    figure_parts,
)
from samsyn.stats.numbers import share_percent

if TYPE_CHECKING:
    from samsyn.reporting.models import PeriodReport

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
NUMBER_FORMATS = {
    CellKind.COUNT: "0",
    CellKind.SHARE: "0.0%",
    CellKind.NUMBER: "0.0",
    CellKind.AMOUNT: "#,##0.00",
}
FIRST_COLUMN_WIDTH = 60
COLUMN_WIDTH = 16


def _put(sheet: Worksheet, row: int, column: int, value: Any, *, font: Font | None = None) -> None:
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    if font is not None:
        cell.font = font


def _put_cell(sheet: Worksheet, row: int, column: int, doc_cell: DocCell) -> None:
    if doc_cell.kind is CellKind.TEXT or doc_cell.hidden or doc_cell.value is None:
        _put(sheet, row, column, doc_cell.text)
        if doc_cell.kind is not CellKind.TEXT:
            sheet.cell(row=row, column=column).alignment = Alignment(horizontal="right")
        return
    value = doc_cell.value
    if doc_cell.kind is CellKind.SHARE:
        # The share as rounded by the one rule (samsyn/stats/numbers.py), so the cell holds
        # exactly what the page shows (0.429 shown as 42.9 %), not a float Excel rounds itself.
        value = float(share_percent(value)) / 100
    _put(sheet, row, column, value)
    sheet.cell(row=row, column=column).number_format = NUMBER_FORMATS[doc_cell.kind]


def _header_block(sheet: Worksheet, info: DocumentInfo) -> int:
    """The title lines on top of every sheet; returns the next free row."""
    lines = [info.title, info.intervention, info.period_text]
    if info.status_text:
        lines.append(info.status_text)
    lines += [info.generated_on, info.audience_text]
    for index, line in enumerate(lines, start=1):
        _put(sheet, index, 1, line, font=TITLE if index == 1 else None)
    return len(lines) + 2


def _table(sheet: Worksheet, row: int, table: DocTable) -> int:
    _put(sheet, row, 1, table.title, font=BOLD)
    row += 1
    for column, header in enumerate(table.headers, start=1):
        _put(sheet, row, column, header, font=BOLD)
    row += 1
    for cells in table.rows:
        for column, doc_cell in enumerate(cells, start=1):
            _put_cell(sheet, row, column, doc_cell)
        row += 1
    if table.note:
        _put(sheet, row, 1, table.note)
        row += 1
    return row + 1


def _sheet(workbook: Workbook, title: str, info: DocumentInfo) -> tuple[Worksheet, int]:
    sheet = workbook.create_sheet(title=title[:31])
    sheet.column_dimensions["A"].width = FIRST_COLUMN_WIDTH
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = COLUMN_WIDTH
    return sheet, _header_block(sheet, info)


def _part_sheet(workbook: Workbook, part: DocPart, info: DocumentInfo) -> None:
    sheet, row = _sheet(workbook, part.title, info)
    for table in part.tables:
        row = _table(sheet, row, table)


def _narrative_sheet(workbook: Workbook, info: DocumentInfo) -> None:
    sheet, row = _sheet(workbook, _("Berättelse"), info)
    if not info.narrative:
        _put(sheet, row, 1, _("Ingen berättelse: exporten är inte en periodrapport."))
        return
    for label, body in info.narrative:
        _put(sheet, row, 1, label, font=BOLD)
        _put(sheet, row + 1, 1, body or _("(ej ifyllt)"))
        sheet.cell(row=row + 1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        row += 3


def render_xlsx(content: ReportContent, report: PeriodReport | None) -> bytes:
    info = document_info(content, report)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for part in figure_parts(content):
        _part_sheet(workbook, part, info)
    _narrative_sheet(workbook, info)
    workbook.properties.title = info.title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
