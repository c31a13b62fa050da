"""Evidence documents of the implementation plan: PDF, DOCX, XLSX, PNG or JPEG, judged by
content and refused with macros (samsyn/core/files/sniffing)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samsyn.core.files.sniffing import DOCX, JPEG, PDF, PNG, XLSX, DocumentKind, sniff_upload

__all__ = ["sniff_evidence"]


def sniff_evidence(upload: UploadedFile) -> DocumentKind:
    """Check size and content of an evidence document; raises ValidationError in Swedish."""
    return sniff_upload(
        upload,
        accept=(PDF, DOCX, XLSX, PNG, JPEG),
        refusal=_(
            "Filen är inte en PDF, Word-fil (DOCX), Excel-fil (XLSX), PNG eller JPEG. "
            "Spara underlaget i något av de formaten och ladda upp det igen."
        ),
    )
