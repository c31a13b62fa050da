"""The fidelity review report as a PDF (WeasyPrint, through samsyn/core/documents.py):
the review's facts, every item with its score, evidence and comment, the total and band, the
action plan. Everything is inline, so nothing is fetched while rendering."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.documents import html_to_pdf
from samsyn.core.models import User
from samsyn.ips.models.fidelity import FidelityReview
from samsyn.ips.selectors.fidelity import review_actions, review_result, review_scores
from samsyn.ips.services.fidelity import EVIDENCE_SOURCES

PRINT_CSS = Path(__file__).with_name("fidelity_print.css")


def render_review_html(review: FidelityReview) -> str:
    scores = review_scores(review)
    evidence = {key: str(name) for key, name in EVIDENCE_SOURCES.items()}
    rows = [
        (row, ", ".join(evidence.get(source, source) for source in row.evidence_sources))
        for row in scores
    ]
    context = {
        "review": review,
        "intervention": review.intervention,
        "rows": rows,
        "result": review_result(review),
        "actions": review_actions(review),
        "generated_on": timezone.localdate(),
        "LANGUAGE_CODE": get_language() or "sv",
    }
    return render_to_string("ips/fidelity/pdf.html", context)


def review_pdf_export(*, actor: User, review: FidelityReview) -> bytes:
    """The report of a review the actor may see (``fidelity_review_get``); the export is
    audited.

    The review is read (into the report's HTML) and the export logged in one short
    transaction; the PDF is rendered after it has committed, since on SQLite an open
    transaction holds the database's one write lock while WeasyPrint works (issue #11)."""
    with transaction.atomic():
        html = render_review_html(review)
        audit_record(
            actor=actor,
            action=AuditAction.EXPORT,
            forbund=review.intervention.forbund,
            intervention=review.intervention,
            obj=review,
            detail="Rapport om programtrohetsmätning (PDF)",
        )
    return html_to_pdf(html, stylesheets=[str(PRINT_CSS)])
