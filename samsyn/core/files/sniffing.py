"""Uploaded documents are judged by their content, never by their name or declared type.

A browser sends whatever content type the file name suggests, and a name is easy to change,
so only the bytes decide what a document is:

- PDF, JPEG and PNG by their first bytes (their signatures);
- DOCX and XLSX are ZIP packages (Office Open XML), so the package's table of contents
  decides: it must hold ``[Content_Types].xml`` and the main part, ``word/document.xml`` for
  a Word document, ``xl/workbook.xml`` for a workbook.

An Office package with macros is refused by every upload, whatever the caller accepts: a
``vbaProject.bin`` anywhere in the package, a macro-enabled content type (.docm, .xlsm,
.dotm, .xltm) or an Excel 4.0 macro sheet. Nothing Samsyn stores needs code that runs when
the file is opened.

Each caller says which kinds it accepts and what to tell the user otherwise
(:func:`sniff_upload`); the size limit is the one of ``samsyn.core.files.limits``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samsyn.core.files.limits import max_upload_bytes, megabytes


@dataclass(frozen=True)
class DocumentKind:
    content_type: str
    extension: str


PDF = DocumentKind("application/pdf", ".pdf")
JPEG = DocumentKind("image/jpeg", ".jpg")
PNG = DocumentKind("image/png", ".png")
DOCX = DocumentKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
XLSX = DocumentKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
# An Office package with macros. No caller may accept it; sniff_upload refuses it always.
MACRO_PACKAGE = DocumentKind("application/vnd.ms-office.vbaproject", "")

ZIP_SIGNATURE = b"PK\x03\x04"
_SIGNATURES: tuple[tuple[bytes, DocumentKind], ...] = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (ZIP_SIGNATURE, DOCX),  # provisional: the package's parts decide below
)
_HEAD_BYTES = max(len(signature) for signature, _kind in _SIGNATURES)
_CONTENT_TYPES = "[Content_Types].xml"
_MAIN_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
# Lower-case markers of macros in part names and in [Content_Types].xml.
_MACRO_PART_MARKERS = ("vbaproject.bin", "xl/macrosheets/")
_MACRO_TYPE_MARKERS = ("macroenabled", "vbaproject", "macrosheet")
# [Content_Types].xml lists a few dozen parts; a larger one is no honest Office file.
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# An untrusted ZIP can fail in any of these ways; each means "not an Office file".
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    KeyError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)


def document_kind(stream: IO[bytes] | bytes) -> DocumentKind | None:
    """The kind of the document in ``stream`` (read from its start), or None when it is none
    of PDF, JPEG, PNG, DOCX and XLSX. An Office package with macros is ``MACRO_PACKAGE``.

    A stream is left at its start."""
    if isinstance(stream, bytes):
        stream = io.BytesIO(stream)
    stream.seek(0)
    try:
        head = stream.read(_HEAD_BYTES)
        stream.seek(0)
        for signature, kind in _SIGNATURES:
            if head.startswith(signature):
                return _office_kind(stream) if signature == ZIP_SIGNATURE else kind
        return None
    finally:
        stream.seek(0)


def _office_kind(stream: IO[bytes]) -> DocumentKind | None:
    try:
        with zipfile.ZipFile(stream) as package:
            names = package.namelist()
            if _CONTENT_TYPES not in names:
                return None
            info = package.getinfo(_CONTENT_TYPES)
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return None
            content_types = package.read(info).decode("utf-8", "replace").lower()
    except _ZIP_ERRORS:
        return None
    lowered = [name.lower() for name in names]
    if any(marker in name for name in lowered for marker in _MACRO_PART_MARKERS) or any(
        marker in content_types for marker in _MACRO_TYPE_MARKERS
    ):
        return MACRO_PACKAGE
    for part, kind in _MAIN_PARTS:
        if part in names:
            return kind
    return None


def check_upload_size(size: int) -> None:
    """Refuse an empty file or one above the upload limit; ValidationError in Swedish."""
    if size <= 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Den får vara högst %(max)s MB.")
            % {"size": megabytes(size, decimals=True), "max": megabytes(limit)},
            code="too_large",
        )


def macro_message() -> str:
    return _("Filer med makron tas inte emot; spara filen utan makron och ladda upp den igen.")


def sniff_upload(
    upload: UploadedFile, *, accept: Collection[DocumentKind], refusal: str
) -> DocumentKind:
    """Check the size and content of ``upload`` and return its kind, which is one of
    ``accept``; otherwise raise ValidationError with ``refusal`` (the caller's Swedish
    message naming what it accepts). The upload is left at its start."""
    if MACRO_PACKAGE in accept:
        raise ValueError("Office files with macros are never accepted.")
    check_upload_size(upload.size or 0)
    kind = document_kind(upload)
    if kind is MACRO_PACKAGE:
        raise ValidationError(f"{refusal} {macro_message()}", code="macro")
    if kind is None or kind not in accept:
        raise ValidationError(refusal, code="content")
    return kind
