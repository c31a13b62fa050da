"""The one upload sniffer: every kind by content, macros refused whatever the caller
accepts, renamed files, empty and too large files, and the file left at its start."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samsyn.core.files.sniffing import (
    DOCX,
    JPEG,
    MACRO_PACKAGE,
    PDF,
    PNG,
    XLSX,
    document_kind,
    sniff_upload,
)

REFUSAL = "Filen är inte en av de tillåtna sorterna."
EVERY_KIND = (PDF, JPEG, PNG, DOCX, XLSX)


def package(*names: str, content_types: str = "<Types/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
DOCX_BYTES = package("_rels/.rels", "word/document.xml")
XLSX_BYTES = package("_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48
MACRO_TYPE = (
    '<Types><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


def upload(content: bytes, name: str = "fil.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def sniff(content: bytes, name: str = "fil.pdf", accept=EVERY_KIND):
    return sniff_upload(upload(content, name), accept=accept, refusal=REFUSAL)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF_BYTES, PDF),
        (JPEG_BYTES, JPEG),
        (PNG_BYTES, PNG),
        (DOCX_BYTES, DOCX),
        (XLSX_BYTES, XLSX),
    ],
)
def test_every_kind_is_known_by_its_content_whatever_its_name(content: bytes, kind) -> None:
    assert document_kind(content) == kind
    assert sniff(content, name="namnlos.txt") == kind


def test_a_real_docx_and_xlsx_are_recognised() -> None:
    import docx
    import openpyxl

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert document_kind(buffer.getvalue()) == DOCX
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert document_kind(buffer.getvalue()) == XLSX


@pytest.mark.parametrize(
    "content",
    [
        package("word/document.xml", "word/vbaProject.bin"),
        package("xl/workbook.xml", "xl/vbaProject.bin"),
        package("word/document.xml", "customUI/VBAPROJECT.BIN"),  # anywhere, any case
        package("word/document.xml", content_types=MACRO_TYPE),  # a .docm's content type
        package(
            "xl/workbook.xml",
            content_types=(
                '<Default ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
            ),
        ),
        package("xl/workbook.xml", "xl/macrosheets/sheet1.xml"),  # Excel 4.0 macros
    ],
)
def test_office_files_with_macros_are_refused_whatever_the_caller_accepts(content: bytes) -> None:
    assert document_kind(content) is MACRO_PACKAGE
    with pytest.raises(ValidationError) as caught:
        sniff(content, name="avtal.docx")
    assert caught.value.code == "macro"
    assert caught.value.messages[0].startswith(REFUSAL)
    assert "makron" in caught.value.messages[0]


def test_no_caller_may_accept_macros() -> None:
    with pytest.raises(ValueError):
        sniff(PDF_BYTES, accept=(PDF, MACRO_PACKAGE))


@pytest.mark.parametrize(
    "content",
    [
        EXE_BYTES,  # a program renamed .pdf
        b"Jag samtycker",
        b"PDF-1.4",
        b"\x89PNG\r\n",  # a truncated signature
        b"GIF89a" + b"\x00" * 20,
        b"PK\x03\x04 a broken zip",
        package("readme.txt"),  # a zip that is no Office file
        package("word/other.xml"),  # an Office-like package without its main part
    ],
)
def test_anything_else_is_refused_with_the_callers_message(content: bytes) -> None:
    assert document_kind(content) is None
    with pytest.raises(ValidationError) as caught:
        sniff(content, name="blankett.pdf")
    assert (caught.value.code, caught.value.messages) == ("content", [REFUSAL])


def test_a_zip_without_content_types_is_no_office_file() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<xml/>")
    assert document_kind(buffer.getvalue()) is None


def test_a_kind_the_caller_does_not_accept_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        sniff(DOCX_BYTES, accept=(PDF, JPEG, PNG))
    assert caught.value.code == "content"


def test_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        sniff(b"")
    assert (caught.value.code, caught.value.messages) == ("empty", ["Filen är tom."])


def test_size_limit_comes_from_the_settings(settings) -> None:
    limit = settings.SAMSYN_MAX_UPLOAD_BYTES
    assert limit == 10 * 1024 * 1024 == settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert sniff(PDF_BYTES + b"0" * (limit - len(PDF_BYTES))) == PDF
    with pytest.raises(ValidationError) as caught:
        sniff(PDF_BYTES + b"0" * (limit + 1024 * 1024 - len(PDF_BYTES)))
    assert caught.value.code == "too_large"
    assert caught.value.messages == ["Filen är för stor (11,0 MB). Den får vara högst 10 MB."]
    settings.SAMSYN_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match="högst 1 MB"):
        sniff(PDF_BYTES + b"0" * (1024 * 1024))


@pytest.mark.parametrize("content", [PDF_BYTES, DOCX_BYTES, EXE_BYTES])
def test_the_upload_is_left_at_its_start(content: bytes) -> None:
    file = upload(content)
    file.read(3)
    with contextlib.suppress(ValidationError):
        sniff_upload(file, accept=EVERY_KIND, refusal=REFUSAL)
    assert file.read() == content
