"""Report tables written as CSV (for Excel in Swedish) and XLSX (openpyxl).

CSV: UTF-8 with a byte order mark and ``;`` between fields, so a Swedish Excel opens it with
å, ä, ö intact and does not split decimal commas. Numbers are written with a decimal comma.

XLSX: one sheet per table, a bold header row, counts and kronor as numbers, shares as a
number of percent (one decimal), hidden counts as the text shown on the page ("< 5", "dolt").

Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written
as text: a leading ``'`` in CSV, the string type in XLSX (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from samsyn.reporting.tables import Cell, CellKind, Column, ReportTable
from samsyn.stats.numbers import share_percent
from samsyn.stats.suppression import Suppressed

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31


def _file_value(value: Cell, kind: CellKind) -> str | int | float | Decimal | None:
    """The value as written to a file: numbers stay numbers, hidden counts become text."""
    if isinstance(value, Suppressed):
        return str(value)
    if kind is CellKind.SHARE and isinstance(value, float):
        # Percent with one decimal, rounded half up as on the page (samsyn/stats/numbers.py).
        return share_percent(value)
    if kind is CellKind.MONEY and isinstance(value, Decimal):
        return value.quantize(Decimal("1")) if value == value.to_integral_value() else value
    return value


def _csv_text(value: str | int | float | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}" if value.startswith(_FORMULA_PREFIXES) else value
    return str(value).replace(".", ",")


def tables_csv(tables: Sequence[ReportTable], *, captions: bool = True) -> bytes:
    """The tables one after another; with ``captions`` each starts with its caption row and
    tables are separated by an empty row (a single table for an import: ``captions=False``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for index, table in enumerate(tables):
        if captions:
            if index:
                writer.writerow([])
            writer.writerow([_csv_text(str(table.caption))])
        writer.writerow([_csv_text(column.heading) for column in table.columns])
        for row in table.all_rows:
            writer.writerow(_csv_row(row, table.columns))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _file_row(
    row: tuple[Cell, ...], columns: Sequence[Column]
) -> list[str | int | float | Decimal | None]:
    return [_file_value(cell, column.kind) for cell, column in zip(row, columns, strict=True)]


def _csv_row(row: tuple[Cell, ...], columns: Sequence[Column]) -> list[str]:
    return [_csv_text(value) for value in _file_row(row, columns)]


def sheet_title(caption: str, used: set[str]) -> str:
    """A valid, unique sheet title (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_TITLE_FORBIDDEN.sub("-", caption).strip() or "Blad"
    title = base[:SHEET_TITLE_MAX]
    number = 2
    while title.lower() in used:
        suffix = f" ({number})"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
        number += 1
    used.add(title.lower())
    return title


def tables_xlsx(tables: Sequence[ReportTable]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(sheet_title(str(table.sheet_name or table.caption), used))
        sheet.append([column.heading for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.all_rows:
            sheet.append(_file_row(row, table.columns))
            for cell in sheet[sheet.max_row]:
                _keep_text(cell)
        _format_columns(sheet, table.columns)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _keep_text(cell: XlsxCell) -> None:
    """openpyxl stores a string starting with "=" as a formula; keep it as text."""
    if cell.data_type == "f":
        cell.data_type = "s"


def _format_columns(sheet: Worksheet, columns: Sequence[Column]) -> None:
    formats = {CellKind.COUNT: "0", CellKind.MONEY: "#,##0", CellKind.SHARE: "0.0"}
    for index, column in enumerate(columns, start=1):
        number_format = formats.get(column.kind)
        if number_format is None:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell.value, int | float | Decimal):
                cell.number_format = number_format


__all__ = [
    "CSV_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "sheet_title",
    "tables_csv",
    "tables_xlsx",
]
