"""Reading an import file, CSV or XLSX, into a header and numbered rows.

One reader for every import, so every import reads a file the same way:

- **Kind by content.** A file starting like a ZIP package is read as XLSX, anything else as
  CSV. A workbook must be a real XLSX package; one with macros is refused (see ``sniffing``).
  When the caller passes the file name, the name must say .csv, .txt or .xlsx and agree with
  the content.
- **Encoding.** CSV is UTF-8, with or without the byte order mark Excel writes. There is no
  guessing fallback: any other encoding (Latin-1/Windows-1252, UTF-16) is refused with a
  message saying how to save the file as UTF-8. Latin-1 decodes any bytes at all, so a
  fallback would read a binary file or a UTF-16 file as garbage instead of refusing it, and
  would silently turn a mis-saved "å" into "Ã¥" in names.
- **Delimiter.** Decided once, on the header line: the most frequent of ``;``, ``,`` and tab,
  counted outside quoted cells; a tie goes to ``;`` (Swedish Excel's separator), then ``,``.
- **Header and numbering.** The first row is the header, row 1, as in a spreadsheet; the
  first data row is row 2. Completely empty rows are skipped but still counted, so a row
  number always points at the line the user sees.
- **Limits.** The upload limit (``samsyn.core.files.limits``) unless the caller lifts it,
  and a row limit the caller gives.

A file that cannot be read as a whole raises :class:`ImportFileError` with a Swedish
message; the cells themselves are left to the caller's validation.
"""

from __future__ import annotations

import csv
import datetime
import enum
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from samsyn.core.files.limits import max_upload_bytes, megabytes
from samsyn.core.files.sniffing import MACRO_PACKAGE, XLSX, ZIP_SIGNATURE, document_kind

HEADER_ROW = 1
# Columns read from a worksheet; anything to the right of these is ignored.
MAX_XLSX_COLUMNS = 60
# Candidate delimiters in the order a tie is decided.
DELIMITERS = (";", ",", "\t")
_FILE_EXTENSIONS = (".csv", ".txt", ".xlsx")


class UploadLimit(enum.Enum):
    """``max_bytes`` default: the upload limit of the settings, read at call time."""

    SETTINGS = "settings"


class ImportFileError(Exception):
    """The file as a whole cannot be imported; ``message`` is Swedish. ``errors`` may hold
    the single problems behind it (say, one per header column), shown instead of it."""

    def __init__(self, message: str, errors: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.errors: list[Any] = list(errors)

    def lines(self) -> list[str]:
        """What to show the user: the single problems, or else the message."""
        return [str(error) for error in self.errors] or [self.message]


@dataclass(frozen=True)
class TableRow:
    """A non-empty row: its spreadsheet row number and its cells. CSV cells are stripped
    text; XLSX cells are the values the workbook holds (text, numbers, dates, booleans,
    None), so a caller may use a date cell as a date. ``texts()`` gives them as CSV text."""

    number: int
    cells: tuple[Any, ...]

    def texts(self) -> list[str]:
        return [cell_text(cell) for cell in self.cells]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[TableRow]

    def check_has_rows(self) -> None:
        """Refuse a file with a header and nothing else (after the caller's header check)."""
        if not self.rows:
            raise header_only_error()


def header_only_error() -> ImportFileError:
    return ImportFileError(_("Filen innehåller bara rubrikraden och inga rader att importera."))


def cell_text(value: Any) -> str:
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


def check_import_size(
    size: int, max_bytes: int | UploadLimit | None = UploadLimit.SETTINGS
) -> None:
    """Refuse a file above the limit (the settings' upload limit by default, None: none)."""
    limit = max_upload_bytes() if max_bytes is UploadLimit.SETTINGS else max_bytes
    if isinstance(limit, int) and size > limit:
        raise ImportFileError(_("Filen är större än %(mb)s MB.") % {"mb": megabytes(limit)})


@dataclass(frozen=True)
class TableSource:
    """A CSV or XLSX file whose header is checked and whose rows are read afresh, one at a
    time, on every call of ``rows()``: a caller that reads a large file twice never holds
    all of its rows."""

    data: bytes
    header: list[str]
    max_rows: int

    def rows(self) -> Iterator[TableRow]:
        records = _records(self.data)
        next(records, None)  # the header
        count = 0
        for number, record in enumerate(records, start=HEADER_ROW + 1):
            row = TableRow(number, tuple(record))
            if not any(row.texts()):
                continue
            count += 1
            if count > self.max_rows:
                raise ImportFileError(
                    _("Filen har fler än %(max)s rader. Dela upp den i flera filer.")
                    % {"max": f"{self.max_rows:,}".replace(",", " ")}
                )
            yield row


def open_table(
    data: bytes,
    *,
    max_rows: int,
    max_bytes: int | UploadLimit | None = UploadLimit.SETTINGS,
    file_name: str | None = None,
) -> TableSource:
    """Check CSV or XLSX ``data`` as a whole (type, size, emptiness) and read its header;
    the rows are read when iterated (see the module's rules)."""
    is_xlsx = data.startswith(ZIP_SIGNATURE)
    if file_name is not None:
        name = file_name.lower()
        if not name.endswith(_FILE_EXTENSIONS):
            raise ImportFileError(
                _("Filtypen stöds inte. Ladda upp en CSV-fil eller en Excel-fil (XLSX).")
            )
    check_import_size(len(data), max_bytes)
    if not data.strip():
        raise ImportFileError(_("Filen är tom."))
    if file_name is not None and file_name.lower().endswith(".xlsx") != is_xlsx:
        raise _not_readable()
    header = next(_records(data), None)
    if header is None:
        raise ImportFileError(_("Filen är tom."))
    return TableSource(data, [cell_text(cell) for cell in header], max_rows)


def read_table(
    data: bytes,
    *,
    max_rows: int,
    max_bytes: int | UploadLimit | None = UploadLimit.SETTINGS,
    file_name: str | None = None,
) -> Table:
    """The header and all non-empty rows of CSV or XLSX ``data``, in memory."""
    source = open_table(data, max_rows=max_rows, max_bytes=max_bytes, file_name=file_name)
    return Table(header=source.header, rows=list(source.rows()))


def _records(data: bytes) -> Iterator[list[Any]]:
    return _xlsx_records(data) if data.startswith(ZIP_SIGNATURE) else _csv_records(data)


def _not_readable() -> ImportFileError:
    return ImportFileError(
        _(
            "Filen kunde inte läsas. Spara den som CSV med teckenkodningen UTF-8 "
            "(semikolon eller komma mellan fälten) eller som Excel-fil (XLSX)."
        )
    )


def _not_xlsx() -> ImportFileError:
    return ImportFileError(
        _("Filen kunde inte läsas som Excel-fil (XLSX). Spara om den i Excel eller som CSV.")
    )


def detect_delimiter(header_line: str) -> str:
    """The delimiter of a CSV file, judged on its header line, counted outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    # max() keeps the first of equal counts, so ties follow the order of DELIMITERS.
    return max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def _csv_records(data: bytes) -> Iterator[list[str]]:
    """The file's records, decoded as they are read: the text is never held whole."""
    if b"\x00" in data:
        raise _not_readable()
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="")
    try:
        first_line = ""
        while not first_line.strip("\r\n") and (line := stream.readline()):
            first_line = line
        stream.seek(0)
        reader = csv.reader(stream, delimiter=detect_delimiter(first_line))
        for record in reader:
            yield [cell.strip() for cell in record]
    except (UnicodeDecodeError, csv.Error):
        raise _not_readable() from None


def _xlsx_records(data: bytes) -> Iterator[list[Any]]:
    kind = document_kind(data)
    if kind is MACRO_PACKAGE:
        raise ImportFileError(
            _(
                "Filen innehåller makron och tas inte emot. Spara den som en vanlig "
                "Excel-fil (XLSX) eller som CSV."
            )
        )
    if kind != XLSX:
        raise _not_xlsx()
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
        for values in sheet.iter_rows(values_only=True, max_col=MAX_XLSX_COLUMNS):
            cells = list(values)
            while cells and cells[-1] is None:  # the sheet's padding, not the file's data
                cells.pop()
            yield cells
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError):
        raise _not_xlsx() from None
    finally:
        workbook.close()
