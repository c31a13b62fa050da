"""Reading a registration import file into numbered rows of the import's columns.

The file itself (CSV or XLSX, encoding, delimiter, numbering where the header is row 1, empty
rows skipped but counted, size and row limits) is read by the one reader of every import,
samsyn/core/files/tabular.py; this module checks the header against the import's columns.
A file that cannot be read at all raises :class:`ImportFileError` with a Swedish message;
problems with single rows are left to validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samsyn.core.files.tabular import (
    HEADER_ROW,
    ImportFileError,
    UploadLimit,
    read_table,
)

__all__ = [
    "COLUMNS",
    "HEADER_ROW",
    "MAX_ROWS",
    "ImportFileError",
    "ImportRow",
    "ParsedFile",
    "RowError",
    "parse_file",
]

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
MAX_ROWS = 100_000


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


@dataclass
class ParsedFile:
    rows: list[ImportRow] = field(default_factory=list)


def parse_file(
    data: bytes, *, max_bytes: int | UploadLimit | None = UploadLimit.SETTINGS
) -> ParsedFile:
    """Read CSV or XLSX ``data``, telling them apart by content, never by file name.
    ``max_bytes`` is the upload limit of the settings by default; None lifts it."""
    table = read_table(data, max_rows=MAX_ROWS, max_bytes=max_bytes)
    columns = _check_header(table.header)
    table.check_has_rows()
    parsed = ParsedFile()
    for row in table.rows:
        record = row.texts()
        values = dict(zip(columns, record, strict=False))
        overflow = any(record[len(columns) :])
        parsed.rows.append(ImportRow(number=row.number, values=values, overflow=overflow))
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
