"""Signed consent forms: a PDF, JPEG or PNG, judged by content (samsyn/core/files/sniffing)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samsyn.core.files.sniffing import JPEG, PDF, PNG, DocumentKind, sniff_upload

__all__ = ["DocumentKind", "sniff_document"]


def sniff_document(upload: UploadedFile) -> DocumentKind:
    """Check size and content of a signed form; raises ValidationError in Swedish."""
    return sniff_upload(
        upload,
        accept=(PDF, JPEG, PNG),
        refusal=_(
            "Filen är inte en PDF, JPEG eller PNG. Skanna eller fotografera den "
            "underskrivna blanketten och ladda upp den som PDF, JPEG eller PNG."
        ),
    )
