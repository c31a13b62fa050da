"""Reading a registration import file into numbered rows of the import's columns.

The file itself (CSV or XLSX, encoding, delimiter, numbering where the header is row 1, empty
rows skipped but counted, size and row limits) is read by the one reader of every import,
samsyn/core/files/tabular.py; this module checks the header against the import's columns.
A file that cannot be read at all raises :class:`ImportFileError` with a Swedish message;
problems with single rows are left to validation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from django.utils.translation import gettext as _

from samsyn.core.files.tabular import (
    HEADER_ROW,
    ImportFileError,
    TableSource,
    UploadLimit,
    header_only_error,
    open_table,
)

__all__ = [
    "COLUMNS",
    "HEADER_ROW",
    "MAX_ROWS",
    "ImportFileError",
    "ImportRow",
    "ImportRows",
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


class ImportRows(Sequence[ImportRow]):
    """The rows of a checked file, read from its bytes each time they are iterated, so an
    import that reads them twice never holds them all (docs/import.md, "Performance").
    Indexing reads up to the row asked for: for tests and small files."""

    def __init__(self, source: TableSource, columns: list[str], count: int) -> None:
        self._source = source
        self._columns = columns
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[ImportRow]:
        columns = self._columns
        for row in self._source.rows():
            record = row.texts()
            values = dict(zip(columns, record, strict=False))
            overflow = any(record[len(columns) :])
            yield ImportRow(number=row.number, values=values, overflow=overflow)

    @overload
    def __getitem__(self, index: int) -> ImportRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[ImportRow]: ...
    def __getitem__(self, index: int | slice) -> ImportRow | list[ImportRow]:
        return list(self)[index]


@dataclass(frozen=True)
class ParsedFile:
    rows: Sequence[ImportRow]


def parse_file(
    data: bytes, *, max_bytes: int | UploadLimit | None = UploadLimit.SETTINGS
) -> ParsedFile:
    """Check CSV or XLSX ``data``, telling them apart by content, never by file name: the
    header, the row limit and that there are rows. The rows are read when iterated.
    ``max_bytes`` is the upload limit of the settings by default; None lifts it."""
    source = open_table(data, max_rows=MAX_ROWS, max_bytes=max_bytes)
    columns = _check_header(source.header)
    count = sum(1 for _row in source.rows())  # raises above MAX_ROWS
    if count == 0:
        raise header_only_error()
    return ParsedFile(rows=ImportRows(source, columns, count))


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
