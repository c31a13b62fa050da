"""The register extract as a PDF for the person and as JSON for machines."""

from __future__ import annotations

import json
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import get_language

from samsyn.core.documents import html_to_pdf
from samsyn.participants.selectors.register_extract import RegisterExtract

PRINT_CSS = Path(__file__).with_name("register_extract_print.css")


def register_extract_json(extract: RegisterExtract) -> bytes:
    return json.dumps(extract.as_json(), ensure_ascii=False, indent=2).encode("utf-8")


def register_extract_html(extract: RegisterExtract) -> str:
    context = {
        "extract": extract,
        "sections": [section for section in extract.sections if section.records],
        "LANGUAGE_CODE": get_language() or "sv",
    }
    return render_to_string("participants/lifecycle/register_extract_pdf.html", context)


def register_extract_pdf(extract: RegisterExtract) -> bytes:
    return html_to_pdf(register_extract_html(extract), stylesheets=[str(PRINT_CSS)])
