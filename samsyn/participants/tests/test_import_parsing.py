"""Reading import files: CSV with ';' or ',', BOM, XLSX, and files that cannot be imported."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest

from samsyn.participants.importing.parsing import (
    COLUMNS,
    MAX_ROWS,
    ImportFileError,
    parse_file,
)
from samsyn.participants.tests.import_helpers import (
    WOMAN,
    anonymous_row,
    csv_bytes,
    good_row,
    xlsx_bytes,
)


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_either_delimiter_and_optional_bom(delimiter: str, bom: bool) -> None:
    data = csv_bytes([good_row(), anonymous_row()], delimiter=delimiter, bom=bom)
    rows = parse_file(data).rows
    assert [row.number for row in rows] == [2, 3]
    assert rows[0].get("personnummer") == WOMAN
    assert rows[0].get("forsorjning_fore") == "sjukpenning|forsorjningsstod"
    assert rows[1].get("kon") == "kvinna"


def test_columns_may_come_in_any_order_and_header_case_is_ignored() -> None:
    columns = list(reversed(COLUMNS))
    data = csv_bytes([good_row()], columns=columns)
    data = data.replace(b"personnummer", b"Personnummer", 1)
    rows = parse_file(data).rows
    assert rows[0].get("personnummer") == WOMAN
    assert rows[0].get("startdatum") == "2025-03-01"


def test_blank_rows_are_skipped_but_counted() -> None:
    data = csv_bytes([good_row(), {}, anonymous_row()])
    assert [row.number for row in parse_file(data).rows] == [2, 4]


def test_a_row_with_more_cells_than_the_header_is_flagged() -> None:
    data = csv_bytes([good_row()]) + b";" * 18 + b";extra\r\n"
    rows = parse_file(data).rows
    assert [row.overflow for row in rows] == [False, True]


def test_xlsx_cells_become_text_like_csv() -> None:
    row: list[object] = [
        198503142380,  # a number cell: the personnummer without separator
        "Alva",
        None,
        "kvinna",
        1985.0,
        1780,
        "kommun",
        datetime.datetime(2025, 3, 1),
        "lon",
        "arbetar",
        "gymnasial",
        datetime.date(2025, 6, 30),
        "fullfoljt",
        None,
        None,
        None,
        True,
        None,
    ]
    rows = parse_file(xlsx_bytes([row])).rows
    values = rows[0].values
    assert rows[0].number == 2
    assert values["personnummer"] == "198503142380"
    assert values["efternamn"] == ""
    assert values["fodelsear"] == "1985"
    assert values["kommun"] == "1780"
    assert values["startdatum"] == "2025-03-01"
    assert values["slutdatum"] == "2025-06-30"
    assert values["stegforflyttning"] == "ja"


def test_missing_unknown_and_repeated_columns_are_row_1_errors() -> None:
    columns = [c for c in COLUMNS if c != "kon"] + ["personnummer", "farg"]
    with pytest.raises(ImportFileError) as caught:
        parse_file(csv_bytes([good_row()], columns=columns))
    lines = caught.value.lines()
    assert "rad 1: personnummer: Kolumnen finns flera gånger." in lines
    assert "rad 1: farg: Okänd kolumn." in lines
    assert "rad 1: kon: Kolumnen saknas i rubrikraden." in lines


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen är tom."),
        (b"   \r\n  ", "Filen är tom."),
        (";".join(COLUMNS).encode() + b"\r\n", "bara rubrikraden"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "Filen kunde inte läsas"),
        (b"%PDF-1.7\n\x00\x01\x02binary\xff", "Filen kunde inte läsas"),
        ("namn;ålder\nKim;40\n".encode("latin-1"), "Filen kunde inte läsas"),
        (b"namn;alder\nKim;40\n", "rubrikraden med importens kolumner"),
        (b"PK\x03\x04 not really a zip", "Excel-fil"),
    ],
)
def test_files_that_cannot_be_imported_get_a_swedish_message(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_file(data)
    assert message in caught.value.message


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hej")
    with pytest.raises(ImportFileError, match="Excel-fil"):
        parse_file(buffer.getvalue())


def test_too_large_file_is_refused() -> None:
    with pytest.raises(ImportFileError, match="större än 1 MB"):
        parse_file(b"x" * (1024 * 1024 + 1), max_bytes=1024 * 1024)


def test_too_many_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("samsyn.participants.importing.parsing.MAX_ROWS", 2)
    with pytest.raises(ImportFileError, match="fler än 2 rader"):
        parse_file(csv_bytes([good_row(), good_row(), good_row()]))
    assert MAX_ROWS == 100_000
