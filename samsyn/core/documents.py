"""HTML to PDF bytes (WeasyPrint), for every app that prints: the period reports, the
fidelity review and the register extract. Everything a document shows is inline, so nothing
is fetched while rendering.

Every PDF is tagged PDF/UA-1 (ISO 14289-1, WeasyPrint's ``pdf/ua-1`` variant), so a screen
reader can read it: the catalog is marked (``/MarkInfo``), has a structure tree
(``/StructTreeRoot``: headings, paragraphs, lists, tables with their header cells, figures
with their alternative text), the document language (``/Lang``, from ``<html lang>``) and
the title (``/Title``, from ``<title>``, shown by the viewer instead of the file name). A
template that forgets its language or title is refused here rather than printed untagged
(docs/period-reports.md, "Accessible PDF")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from weasyprint import CSS, HTML

# The PDF/UA part WeasyPrint writes; part 1 (PDF 1.7) is what PDF readers and checkers
# (PAC, veraPDF) support widely, part 2 needs PDF 2.0.
PDF_VARIANT = "pdf/ua-1"


class InaccessibleDocument(ValueError):
    """A document without the language or title PDF/UA requires: a template's bug."""


def refuse_url(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Everything the PDF shows is inline; fetching nothing means no request can be made
    # from the server on behalf of document content.
    raise ValueError(f"Not fetched: {url}")


def require_language_and_title(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: the rendered document must have a language and a title,
    which WeasyPrint only logs when they are missing."""
    metadata = document.metadata
    if not (metadata.lang or "").strip():
        raise InaccessibleDocument("The document has no language (<html lang>).")
    if not (metadata.title or "").strip():
        raise InaccessibleDocument("The document has no title (<title>).")


def html_to_pdf(html: str, *, stylesheets: Sequence[str]) -> bytes:
    """``html`` rendered as a tagged PDF/UA-1 with the CSS files ``stylesheets``, in that
    order. The HTML must carry ``<html lang>`` and a ``<title>``."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=refuse_url)
    pdf = document.write_pdf(
        stylesheets=[CSS(filename=path) for path in stylesheets],
        pdf_variant=PDF_VARIANT,
        finisher=require_language_and_title,
    )
    return bytes(pdf or b"")
