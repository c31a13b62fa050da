"""HTML to PDF bytes (WeasyPrint), for every app that prints: the period reports and the
fidelity review. Everything a document shows is inline, so nothing is fetched while
rendering."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from weasyprint import CSS, HTML


def refuse_url(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Everything the PDF shows is inline; fetching nothing means no request can be made
    # from the server on behalf of document content.
    raise ValueError(f"Not fetched: {url}")


def html_to_pdf(html: str, *, stylesheets: Sequence[str]) -> bytes:
    """``html`` rendered as PDF with the CSS files ``stylesheets``, in that order."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=refuse_url)
    pdf = document.write_pdf(stylesheets=[CSS(filename=path) for path in stylesheets])
    return bytes(pdf or b"")
