"""Reading an instrument from an XLSX workbook (docs/surveys.md): the sheets Instrument,
Indikatorer, Skalor, Frågor and Svarsalternativ, each with a header row. Errors name the
sheet, row and column, e.g. ``Bladet ”Frågor”, rad 4, kolumn C (typ)``."""

from __future__ import annotations

import io
import warnings
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from samsyn.core.files.sniffing import MACRO_PACKAGE, XLSX, document_kind
from samsyn.surveys.importing.raw import (
    MAX_ITEMS,
    InstrumentFileError,
    Item,
    RawInstrument,
    Where,
)

# Sheet -> (Swedish header -> field). The Instrument sheet is two columns, fält and värde.
SHEETS: dict[str, dict[str, str]] = {
    "Indikatorer": {"kod": "code", "namn": "name", "beskrivning": "description"},
    "Skalor": {"skala": "scale", "värde": "value", "text": "label"},
    "Frågor": {
        "id": "id",
        "text": "text",
        "typ": "kind",
        "skala": "scale",
        "svarsgrupper": "groups",
        "indikator": "indicator",
        "positiva": "positive",
        "könsfråga": "gender_question",
    },
    "Svarsalternativ": {"fråga": "question", "värde": "value", "text": "label"},
}
REQUIRED_SHEETS = ("Instrument", "Frågor")
HEAD_ROWS = {"nyckel": "key", "namn": "name", "källa": "source", "beskrivning": "description"}


def _cell_at(sheet: str, row: int, columns: dict[str, tuple[int, str]]) -> Where:
    def where(name: str) -> str:
        column, header = columns.get(name, (0, name))
        letter = get_column_letter(column) if column else "?"
        return _("Bladet ”%(sheet)s”, rad %(row)s, kolumn %(column)s (%(header)s)") % {
            "sheet": sheet,
            "row": row,
            "column": letter,
            "header": header,
        }

    return where


def _rows(sheet: Any) -> list[list[Any]]:
    rows = [list(values) for values in sheet.iter_rows(values_only=True, max_col=20)]
    if len(rows) > MAX_ITEMS:
        raise InstrumentFileError(
            _("Bladet ”%(sheet)s” har fler än %(max)s rader.")
            % {"sheet": sheet.title, "max": MAX_ITEMS}
        )
    return rows


def _table(name: str, rows: list[list[Any]]) -> list[Item]:
    """The sheet's data rows as items; a header the format does not know is refused."""
    fields = SHEETS[name]
    header = [str(cell).strip().lower() if cell is not None else "" for cell in rows[0]]
    columns: dict[str, tuple[int, str]] = {}
    for index, title in enumerate(header, start=1):
        if title in fields:
            columns[fields[title]] = (index, title)
    missing = [title for title, field in fields.items() if field not in columns]
    if missing:
        raise InstrumentFileError(
            _("Bladet ”%(sheet)s”, rad 1: kolumnen ”%(column)s” saknas.")
            % {"sheet": name, "column": missing[0]}
        )
    items = []
    for number, row in enumerate(rows[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        values = {
            field: row[column - 1] if column - 1 < len(row) else None
            for field, (column, _title) in columns.items()
        }
        items.append(Item(values, _cell_at(name, number, columns)))
    return items


def _head(rows: list[list[Any]]) -> Item:
    values: dict[str, Any] = {}
    places: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        label = str(row[0]).strip().lower() if row and row[0] is not None else ""
        if label in HEAD_ROWS:
            values[HEAD_ROWS[label]] = row[1] if len(row) > 1 else None
            places[HEAD_ROWS[label]] = number

    def where(name: str) -> str:
        header = next((title for title, field in HEAD_ROWS.items() if field == name), name)
        return _("Bladet ”Instrument”, rad %(row)s, kolumn B (%(header)s)") % {
            "row": places.get(name, "?"),
            "header": header,
        }

    return Item(values, where)


def read_xlsx(data: bytes) -> RawInstrument:
    kind = document_kind(data)
    if kind is MACRO_PACKAGE:
        raise InstrumentFileError(_("Filen innehåller makron och tas inte emot."))
    if kind != XLSX:
        raise InstrumentFileError(_("Filen kunde inte läsas som Excel-fil (XLSX)."))
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = {sheet.title: _rows(sheet) for sheet in workbook.worksheets}
        workbook.close()
    except InstrumentFileError:
        raise
    except Exception:  # An untrusted file can fail in any way; each means "not readable".
        raise InstrumentFileError(_("Filen kunde inte läsas som Excel-fil (XLSX).")) from None
    for name in REQUIRED_SHEETS:
        if not sheets.get(name):
            raise InstrumentFileError(
                _("Bladet ”%(sheet)s” saknas eller är tomt.") % {"sheet": name}
            )
    tables = {name: _table(name, sheets[name]) if sheets.get(name) else [] for name in SHEETS}
    return RawInstrument(
        head=_head(sheets["Instrument"]),
        indicators=tables["Indikatorer"],
        steps=tables["Skalor"],
        questions=tables["Frågor"],
        choices=tables["Svarsalternativ"],
    )
