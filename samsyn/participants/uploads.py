"""Uploaded documents are judged by their content, never by their name or declared type.

A browser sends whatever content type the file name suggests, and a name is easy to change,
so only the first bytes decide whether a signed consent form is a PDF, a JPEG or a PNG.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class DocumentKind:
    content_type: str
    extension: str


_SIGNATURES: tuple[tuple[bytes, DocumentKind], ...] = (
    (b"%PDF-", DocumentKind("application/pdf", ".pdf")),
    (b"\xff\xd8\xff", DocumentKind("image/jpeg", ".jpg")),
    (b"\x89PNG\r\n\x1a\n", DocumentKind("image/png", ".png")),
)
_LONGEST_SIGNATURE = max(len(signature) for signature, _kind in _SIGNATURES)


def kind_of(head: bytes) -> DocumentKind | None:
    """The kind whose signature ``head`` starts with, or None."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def sniff_document(upload: UploadedFile) -> DocumentKind:
    """Check size and content of a signed form; raises ValidationError in Swedish."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("Filen är tom."), code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Filen är för stor (%(size)s MB). Den får vara högst 10 MB.")
            % {"size": f"{size / (1024 * 1024):.1f}".replace(".", ",")},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(_LONGEST_SIGNATURE)
    upload.seek(0)
    kind = kind_of(head)
    if kind is None:
        raise ValidationError(
            _(
                "Filen är inte en PDF, JPEG eller PNG. Skanna eller fotografera den "
                "underskrivna blanketten och ladda upp den som PDF, JPEG eller PNG."
            ),
            code="content",
        )
    return kind
