"""Building import files for the import tests (fictional, Luhn-valid personnummer)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from samsyn.core.personnummer import personnummer_check_digit
from samsyn.participants.importing.parsing import COLUMNS, ImportRow, parse_file


def make_pnr(birth: str, serial: str = "238") -> str:
    """A valid number for ``birth`` (YYYYMMDD); the serial's last digit is the legal gender
    (even: kvinna, odd: man)."""
    return f"{birth}-{serial}{personnummer_check_digit(birth + serial)}"


WOMAN = make_pnr("19850314", "238")
MAN = make_pnr("19790921", "451")


def good_row(**values: str) -> dict[str, str]:
    """An ongoing registration of an identified person; override any column."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        personnummer=WOMAN,
        fornamn="Alva",
        efternamn="Andersson",
        kommun="Karlstad",
        remitterande_part="forsakringskassan",
        startdatum="2025-03-01",
        forsorjning_fore="sjukpenning|forsorjningsstod",
        sysselsattning_fore="ingen",
        utbildningsniva="gymnasial",
    )
    row.update(values)
    return row


def ended_row(**values: str) -> dict[str, str]:
    row = good_row(
        personnummer=MAN,
        fornamn="Bo",
        efternamn="Berg",
        startdatum="2025-02-01",
        slutdatum="2025-10-31",
        avslutsorsak="fullfoljt",
        utfall="arbete",
        sysselsattning_efter="arbetar",
        forsorjning_efter="lon",
        stegforflyttning="ja",
    )
    row.update(values)
    return row


def anonymous_row(**values: str) -> dict[str, str]:
    row = good_row(personnummer="", fornamn="", efternamn="", kommun="", kon="kvinna")
    row.update(fodelsear="1990", startdatum="2025-04-01")
    row.update(values)
    return row


def csv_bytes(
    rows: Iterable[dict[str, str]],
    *,
    delimiter: str = ";",
    bom: bool = False,
    columns: Iterable[str] = COLUMNS,
) -> bytes:
    header = list(columns)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[list[object]], *, header: Iterable[str] = COLUMNS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_of(*rows: dict[str, str]) -> Sequence[ImportRow]:
    return parse_file(csv_bytes(rows)).rows
