"""Reading an import file (CSV in UTF-8 with ';' or ',', or XLSX) into numbered rows.

Rows are numbered as a spreadsheet does: the header is row 1, the first registration row 2.
Completely empty rows are skipped but still counted, so a row number always points at the
line the user sees. A file that cannot be read at all raises :class:`ImportFileError` with a
Swedish message; problems with single rows are left to validation.
"""

from __future__ import annotations

import csv
import datetime
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

COLUMNS: tuple[str, ...] = (
    "personnummer",
    "fornamn",
    "efternamn",
    "kon",
    "fodelsear",
    "kommun",
    "remitterande_part",
    "startdatum",
    "forsorjning_fore",
    "sysselsattning_fore",
    "utbildningsniva",
    "slutdatum",
    "avslutsorsak",
    "utfall",
    "sysselsattning_efter",
    "forsorjning_efter",
    "stegforflyttning",
    "rekommendation",
)
HEADER_ROW = 1
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 100_000
# Columns read from a worksheet; anything to the right of these is ignored.
_MAX_XLSX_COLUMNS = 60
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RowError:
    """A problem that stops the import: ``rad N: kolumn: meddelande``."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"rad {self.row}: {self.column}: {self.message}"


@dataclass(frozen=True)
class ImportRow:
    """One registration row: its spreadsheet row number and its cells by column name."""

    number: int
    values: dict[str, str]
    # True when the row has more cells than the header has columns.
    overflow: bool = False

    def get(self, column: str) -> str:
        return self.values.get(column, "")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not CSV/XLSX, empty, wrong header)."""

    def __init__(self, message: str, errors: Sequence[RowError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.errors: list[RowError] = list(errors)

    def lines(self) -> list[str]:
        """What to show the user: the header's errors, or else the message."""
        return [str(error) for error in self.errors] or [self.message]


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)


def parse_file(data: bytes, *, max_bytes: int | None = MAX_UPLOAD_BYTES) -> ParsedFile:
    """Read CSV or XLSX ``data``, telling them apart by content, never by file name."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ImportFileError(
            _("Filen är större än %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)}
        )
    if not data.strip():
        raise ImportFileError(_("Filen är tom."))
    records = _xlsx_records(data) if data.startswith(_ZIP_MAGIC) else _csv_records(data)
    return _rows_from(records)


def _not_readable() -> ImportFileError:
    return ImportFileError(
        _(
            "Filen kunde inte läsas. Spara den som CSV med teckenkodningen UTF-8 "
            "(semikolon eller komma mellan fälten) eller som Excel-fil (XLSX)."
        )
    )


def _csv_records(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_readable() from None
    if "\x00" in text:
        raise _not_readable()
    first_line = text.lstrip("\r\n").partition("\n")[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            yield [cell.strip() for cell in record]
    except csv.Error:
        raise _not_readable() from None


def _xlsx_records(data: bytes) -> Iterator[list[str]]:
    # Imported here: only XLSX uploads pay for loading openpyxl.
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and validations it does not read; they do not matter.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # An untrusted file can fail in any way; each means "not readable".
        raise _not_xlsx() from None
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=_MAX_XLSX_COLUMNS):
            yield [_cell_text(value) for value in values]
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError):
        raise _not_xlsx() from None
    finally:
        workbook.close()


def _not_xlsx() -> ImportFileError:
    return ImportFileError(
        _("Filen kunde inte läsas som Excel-fil (XLSX). Spara om den i Excel eller som CSV.")
    )


def _cell_text(value: Any) -> str:
    """A cell as the text a CSV would hold: dates as YYYY-MM-DD, 1985.0 as 1985."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from(records: Iterable[list[str]]) -> ParsedFile:
    iterator = iter(records)
    header = next(iterator, None)
    if header is None:
        raise ImportFileError(_("Filen är tom."))
    columns = _check_header(header)
    parsed = ParsedFile()
    for number, record in enumerate(iterator, start=HEADER_ROW + 1):
        if not any(record):
            continue
        if len(parsed.rows) >= MAX_ROWS:
            raise ImportFileError(
                _("Filen har fler än %(max)d rader. Dela upp den i flera filer.")
                % {"max": MAX_ROWS}
            )
        values = dict(zip(columns, record, strict=False))
        overflow = any(record[len(columns) :])
        parsed.rows.append(ImportRow(number=number, values=values, overflow=overflow))
    if not parsed.rows:
        raise ImportFileError(_("Filen innehåller bara rubrikraden och inga rader att importera."))
    return parsed


def _check_header(header: list[str]) -> list[str]:
    """The column names in file order; raises with one error per header problem."""
    names = [cell.strip().lower() for cell in header]
    while names and not names[-1]:
        names.pop()
    if not set(names) & set(COLUMNS):
        raise ImportFileError(
            _(
                "Filens första rad ska vara rubrikraden med importens kolumner (%(columns)s). "
                "Utgå från mallen."
            )
            % {"columns": ", ".join(COLUMNS)}
        )
    errors: list[RowError] = []
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            errors.append(
                RowError(HEADER_ROW, _("kolumn %(n)d") % {"n": position}, _("Rubriken saknas."))
            )
        elif name not in COLUMNS:
            errors.append(RowError(HEADER_ROW, name[:40], _("Okänd kolumn.")))
        elif name in seen:
            errors.append(RowError(HEADER_ROW, name, _("Kolumnen finns flera gånger.")))
        seen.add(name)
    for name in COLUMNS:
        if name not in seen:
            errors.append(RowError(HEADER_ROW, name, _("Kolumnen saknas i rubrikraden.")))
    if errors:
        raise ImportFileError(
            _("Rubrikraden ska innehålla exakt dessa kolumner: %(columns)s.")
            % {"columns": ", ".join(COLUMNS)},
            errors,
        )
    return names
