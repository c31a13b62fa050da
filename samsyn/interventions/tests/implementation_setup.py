"""Shared fixtures of the implementation plan tests: uploads and a fresh MEDIA_ROOT."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def package(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = package("[Content_Types].xml", "word/document.xml")
XLSX = package("[Content_Types].xml", "xl/workbook.xml")
DOCM = package("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
PLAIN_ZIP = package("readme.txt")


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(name="media")
def media_fixture(settings: Any, tmp_path: Path) -> Path:
    """Uploads go to a fresh MEDIA_ROOT; the fixture is the directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
