"""The one CSV/XLSX reader: encodings, delimiters, quoting, the header as row 1, empty rows
skipped but counted, limits, file names and the Swedish messages."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import pytest

from samsyn.core.files.tabular import (
    ImportFileError,
    TableRow,
    check_import_size,
    detect_delimiter,
    read_table,
)


def read(data: bytes | str, **options: Any):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return read_table(raw, **{"max_rows": 100, **options})


def refusal(data: bytes | str, **options: Any) -> str:
    with pytest.raises(ImportFileError) as caught:
        read(data, **options)
    return caught.value.message


def xlsx(rows: list[list[Any]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_utf8_csv_with_any_delimiter_bom_and_newline(delimiter: str, bom: str, newline: str):
    text = bom + newline.join(
        [delimiter.join(["namn", "ort"]), delimiter.join([" Åsa ", "Malmö"]), ""]
    )
    table = read(text)
    assert table.header == ["namn", "ort"]
    assert table.rows == [TableRow(2, ("Åsa", "Malmö"))]


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [
        ("a;b;c", ";"),
        ("a,b,c", ","),
        ("a\tb\tc", "\t"),
        ('"efternamn, förnamn";ort', ";"),  # a delimiter inside quotes does not count
        ('"a;b;c",d', ","),
        ("a;b,c", ";"),  # a tie goes to the semicolon
        ("namn", ";"),
        ("a,b;c,d", ","),
    ],
)
def test_the_delimiter_is_decided_on_the_header_outside_quotes(line: str, delimiter: str):
    assert detect_delimiter(line) == delimiter


def test_a_quoted_delimiter_stays_inside_its_cell():
    table = read('namn;belopp\n"Berg; Kim";"1 234,50"\n')
    assert table.rows[0].cells == ("Berg; Kim", "1 234,50")
    table = read('namn,belopp\n"Berg, Kim","1 234,50"\n')
    assert table.rows[0].cells == ("Berg, Kim", "1 234,50")


def test_rows_are_numbered_like_a_spreadsheet_and_empty_rows_counted():
    table = read("a;b\n1;2\n\n;\n  ;  \n3;4\n")
    assert [row.number for row in table.rows] == [2, 6]
    assert [row.cells for row in table.rows] == [("1", "2"), ("3", "4")]


def test_xlsx_keeps_values_and_numbers_rows_the_same_way():
    day = datetime.datetime(2026, 3, 1)
    table = read(xlsx([["Månad", "Belopp"], [day, 1985.0], [None, None], ["x", True]]))
    assert table.header == ["Månad", "Belopp"]
    assert [row.number for row in table.rows] == [2, 4]
    assert table.rows[0].cells == (day, 1985.0)
    assert table.rows[0].texts() == ["2026-03-01", "1985"]
    assert table.rows[1].texts() == ["x", "ja"]


def test_a_workbook_with_macros_is_refused():
    buffer = io.BytesIO(xlsx([["a"], ["1"]]))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00macro")
    assert "makron" in refusal(buffer.getvalue())


@pytest.mark.parametrize(
    "data",
    [
        "namn;ort\nÅsa;Malmö\n".encode("latin-1"),  # no guessing fallback: refused
        "namn;ort\nÅsa;Malmö\n".encode("cp1252"),
        "namn;ort\nÅsa;Malmö\n".encode("utf-16"),
        b"MZ\x90\x00 a program\x00\x00",
        b"%PDF-1.7\n\x00\x01binary\xff",
    ],
)
def test_other_encodings_and_binary_files_are_refused_with_advice(data: bytes):
    message = refusal(data)
    assert message.startswith("Filen kunde inte läsas.")
    assert "UTF-8" in message


@pytest.mark.parametrize("data", [b"PK\x03\x04 not a zip", xlsx([["a"]])[:200]])
def test_a_broken_workbook_is_refused(data: bytes):
    assert "Excel-fil (XLSX)" in refusal(data)


@pytest.mark.parametrize("data", [b"", b"  \r\n\t "])
def test_empty_file_is_refused(data: bytes):
    assert refusal(data) == "Filen är tom."


def test_header_only_is_refused_by_check_has_rows():
    table = read("a;b\n\n")
    assert table.rows == []
    with pytest.raises(ImportFileError, match="bara rubrikraden"):
        table.check_has_rows()


def test_row_limit():
    assert len(read("a\n1\n2\n", max_rows=2).rows) == 2
    assert refusal("a\n1\n2\n\n3\n", max_rows=2) == (
        "Filen har fler än 2 rader. Dela upp den i flera filer."
    )
    assert "fler än 5 000 rader" in refusal("a\n" + "1\n" * 5001, max_rows=5000)


def sized(size: int) -> bytes:
    """A CSV file of exactly ``size`` bytes, in lines of 1000 bytes."""
    line = b"1" * 999 + b"\n"
    body = line * ((size - 2) // len(line))
    return b"a\n" + body + b"1" * (size - 2 - len(body))


def test_size_limit_from_settings_or_the_caller(settings):
    limit = settings.SAMSYN_MAX_UPLOAD_BYTES
    assert read(sized(limit), max_rows=20_000).rows
    assert refusal(sized(limit + 1), max_rows=20_000) == "Filen är större än 10 MB."
    assert refusal(sized(2**20 + 1), max_bytes=2**20) == "Filen är större än 1 MB."
    assert read(sized(limit + 1), max_rows=20_000, max_bytes=None).rows
    settings.SAMSYN_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(ImportFileError, match="större än 1 MB"):
        check_import_size(1024 * 1024 + 1)


def test_a_file_name_must_name_a_table_and_agree_with_the_content():
    assert read("a\n1\n", file_name="Utfall.CSV").rows
    assert read("a\n1\n", file_name="utfall.txt").rows
    assert read(xlsx([["a"], [1]]), file_name="utfall.xlsx").rows
    assert refusal("a\n1\n", file_name="utfall.pdf").startswith("Filtypen stöds inte.")
    assert refusal("a\n1\n", file_name="utfall.xlsx").startswith("Filen kunde inte läsas.")
    assert refusal(xlsx([["a"], [1]]), file_name="utfall.csv").startswith("Filen kunde inte")


def test_error_lines_are_the_single_problems_or_the_message():
    assert ImportFileError("Fel.").lines() == ["Fel."]
    assert ImportFileError("Fel.", ["rad 1: a", "rad 1: b"]).lines() == ["rad 1: a", "rad 1: b"]
