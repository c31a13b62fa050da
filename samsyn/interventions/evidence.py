"""Evidence documents of the implementation plan are judged by their content, never by their
name or declared type (as the consent forms are, samsyn/participants/uploads.py).

PDF, JPEG and PNG are known by their first bytes. DOCX and XLSX are ZIP packages, so the
package's table of contents decides: a Word document has ``word/document.xml``, a workbook
``xl/workbook.xml``. Packages with macros (``vbaProject.bin``) are refused: a plan's evidence
never needs code that runs when the file is opened.
"""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samsyn.participants.uploads import MAX_DOCUMENT_BYTES, DocumentKind, kind_of

ZIP_SIGNATURE = b"PK\x03\x04"
DOCX = DocumentKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"
)
XLSX = DocumentKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
_PACKAGE_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))


def _office_kind(upload: UploadedFile) -> DocumentKind | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for part, kind in _PACKAGE_PARTS:
        if part in names:
            return kind
    return None


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def sniff_evidence(upload: UploadedFile) -> DocumentKind:
    """Check size and content of an evidence document; raises ValidationError in Swedish."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Den får vara högst 10 MB.")
            % {"size": _size_text(size)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(len(ZIP_SIGNATURE) + 4)
    upload.seek(0)
    kind = kind_of(head)
    if kind is None and head.startswith(ZIP_SIGNATURE):
        kind = _office_kind(upload)
        upload.seek(0)
    if kind is None:
        raise ValidationError(
            _(
                "Filen är inte en PDF, Word-fil (DOCX), Excel-fil (XLSX), PNG eller JPEG. "
                "Spara underlaget i något av de formaten och ladda upp det igen."
            ),
            code="content",
        )
    return kind
