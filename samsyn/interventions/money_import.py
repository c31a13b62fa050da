"""Import of actual costs (utfall) from a CSV or XLSX file.

Columns (header row first, any order, case-insensitive): ``månad`` (YYYY-MM),
``kostnadsslag`` (the code or the Swedish label, e.g. ``loner`` or ``Löner``), ``belopp``
(Swedish amounts such as ``64 000`` or ``1 234,50``) and optionally ``kommentar``. CSV is
UTF-8 with or without BOM, separated by semicolons or commas.

All or nothing: every row is checked first, and any bad row gives a list of row-level Swedish
errors ("Rad 4: okänt kostnadsslag ”Fika”") and saves nothing. Rows are numbered as in a
spreadsheet: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samsyn.core.models import User
from samsyn.interventions.models import CostCategory, Intervention
from samsyn.interventions.money_forms import MAX_IMPORT_BYTES, parse_month
from samsyn.interventions.services.money import (
    ActualCostFields,
    ImportResult,
    actual_costs_import,
    clean_actual_cost,
    parse_amount,
)

REQUIRED = ("månad", "kostnadsslag", "belopp")
OPTIONAL = ("kommentar",)
HEADER_ALIASES = {"manad": "månad"}
MAX_ROWS = 5000
MAX_COLUMNS = 20
_ZIP_MAGIC = b"PK\x03\x04"
_CATEGORIES: dict[str, str] = {
    **{code: code for code in CostCategory.values},
    **{str(label).lower(): code for code, label in CostCategory.choices},
}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is Swedish."""


@dataclass
class ParsedImport:
    rows: list[ActualCostFields] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# --- reading the file ----------------------------------------------------------------------


def _not_readable() -> ImportFileError:
    return ImportFileError(
        _(
            "Filen kunde inte läsas. Spara den som CSV med teckenkodningen UTF-8 "
            "(semikolon eller komma mellan fälten) eller som Excel-fil (XLSX)."
        )
    )


def _csv_records(data: bytes) -> Iterator[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_readable() from None
    if "\x00" in text:
        raise _not_readable()
    first_line = text.lstrip("\r\n").partition("\n")[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error:
        raise _not_readable() from None


def _xlsx_records(data: bytes) -> Iterator[list[Any]]:
    import openpyxl  # Only XLSX uploads pay for loading openpyxl.

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # styles and validations it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # An untrusted file can fail in any way; each means "not readable".
        raise _not_readable() from None
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            yield list(values)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError):
        raise _not_readable() from None
    finally:
        workbook.close()


def read_records(data: bytes, file_name: str) -> Iterator[list[Any]]:
    """The file's rows as lists of cells; the type is told by name and checked by content."""
    name = file_name.lower()
    if not name.endswith((".csv", ".xlsx", ".txt")):
        raise ImportFileError(
            _("Filtypen stöds inte. Ladda upp en CSV-fil eller en Excel-fil (XLSX).")
        )
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("Filen är större än 2 MB."))
    if not data.strip():
        raise ImportFileError(_("Filen är tom."))
    if name.endswith(".xlsx") != data.startswith(_ZIP_MAGIC):
        raise _not_readable()
    return _xlsx_records(data) if name.endswith(".xlsx") else _csv_records(data)


# --- checking the rows ---------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _header(record: list[Any]) -> dict[str, int]:
    names = [_text(cell).lower() for cell in record]
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        name = HEADER_ALIASES.get(name, name)
        if name in REQUIRED + OPTIONAL and name not in columns:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            _("Rubrikraden saknar kolumnen %(columns)s. Den ska vara: månad;kostnadsslag;belopp.")
            % {"columns": ", ".join(f"”{name}”" for name in missing)}
        )
    return columns


def _month(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime | datetime.date):
        return datetime.date(value.year, value.month, 1)  # Excel made a date of "2026-03"
    return parse_month(_text(value))


def _amount(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return Decimal(str(value))
        return parse_amount(_text(value))
    except (ValueError, InvalidOperation):
        return None


def _row(number: int, cells: dict[str, Any], errors: list[str]) -> ActualCostFields | None:
    """One row typed, or its errors appended ("Rad N: …")."""
    found: list[str] = []
    month = _month(cells["månad"])
    if month is None:
        found.append(
            _("ogiltig månad ”%(value)s”; skriv ÅÅÅÅ-MM") % {"value": _text(cells["månad"])}
        )
    category = _CATEGORIES.get(_text(cells["kostnadsslag"]).lower())
    if category is None:
        found.append(_("okänt kostnadsslag ”%(value)s”") % {"value": _text(cells["kostnadsslag"])})
    amount = _amount(cells["belopp"])
    if _text(cells["belopp"]) == "":
        found.append(_("belopp saknas"))
    elif amount is None:
        found.append(_("ogiltigt belopp ”%(value)s”") % {"value": _text(cells["belopp"])})
    errors.extend(_("Rad %(row)s: %(error)s") % {"row": number, "error": e} for e in found)
    if found or month is None or category is None:
        return None
    return ActualCostFields(month, category, amount, _text(cells.get("kommentar")))


def _checked(intervention: Intervention, number: int, row: ActualCostFields) -> list[str]:
    """The service's own rules (year, amount, note), as row errors."""
    try:
        clean_actual_cost(intervention, row)
    except ValidationError as error:
        return [
            _("Rad %(row)s: %(error)s")
            % {"row": number, "error": message[:1].lower() + message[1:]}
            for message in error.messages
        ]
    return []


def parse_import(intervention: Intervention, data: bytes, file_name: str) -> ParsedImport:
    """Every row of the file typed and checked against the same rules as the form."""
    records = read_records(data, file_name)
    header = next(records, None)
    if header is None:
        raise ImportFileError(_("Filen är tom."))
    columns = _header(header)
    parsed = ParsedImport()
    seen: dict[tuple[datetime.date, str], int] = {}
    for number, record in enumerate(records, start=2):
        if not any(_text(cell) for cell in record):
            continue
        if len(parsed.rows) + len(parsed.errors) >= MAX_ROWS:
            raise ImportFileError(_("Filen har fler än 5 000 rader. Dela upp den."))
        cells = {name: record[i] if i < len(record) else None for name, i in columns.items()}
        row = _row(number, cells, parsed.errors)
        if row is None:
            continue
        row_errors = _checked(intervention, number, row)
        key = (row.month, row.category)
        if key in seen:
            row_errors.append(
                _("Rad %(row)s: samma månad och kostnadsslag som rad %(first)s")
                % {"row": number, "first": seen[key]}
            )
        seen.setdefault(key, number)
        parsed.errors.extend(row_errors)
        if not row_errors:
            parsed.rows.append(row)
    if not parsed.rows and not parsed.errors:
        raise ImportFileError(_("Filen innehåller bara rubrikraden och inga rader att importera."))
    return parsed


@dataclass(frozen=True)
class ImportOutcome:
    result: ImportResult | None
    errors: list[str]


def import_actual_costs(
    *, actor: User, intervention: Intervention, upload: UploadedFile
) -> ImportOutcome:
    """Read, check and save the file's outcome, all or nothing. The service checks the
    actor's role (404) before anything is saved; a bad file or row saves nothing."""
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        return ImportOutcome(None, [_("Filen är större än 2 MB.")])
    name = upload.name or ""
    try:
        parsed = parse_import(intervention, upload.read(MAX_IMPORT_BYTES + 1), name)
    except ImportFileError as error:
        return ImportOutcome(None, [str(error)])
    if parsed.errors:
        return ImportOutcome(None, parsed.errors)
    result = actual_costs_import(
        actor=actor, intervention=intervention, rows=parsed.rows, file_name=name
    )
    return ImportOutcome(result, [])
