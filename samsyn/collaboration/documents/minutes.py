"""The minutes of a meeting and a party's absence report as PDF (WeasyPrint, through
samsyn/core/documents.py) and DOCX (python-docx).

The documents are rendered outside any transaction (rendering is slow and holds no lock);
the export is audited afterwards. The minutes carry attendance, decisions, actions and,
for someone with a seat that works with the team's cases, the cases discussed by code only.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument

from samsyn.audit.models import AuditAction
from samsyn.collaboration.selectors.attendance import AbsenceReport
from samsyn.collaboration.selectors.cases import meeting_cases_for
from samsyn.collaboration.selectors.meetings import MeetingPage
from samsyn.collaboration.services._common import audit_write
from samsyn.core.documents import html_to_pdf
from samsyn.core.models import User

PRINT_CSS = Path(__file__).with_name("print.css")
FORMATS = ("pdf", "docx")


def _table(document: DocxDocument, headers: list[str], rows: list[list[str]]) -> None:
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    for values in rows:
        for cell, value in zip(grid.add_row().cells, values, strict=True):
            cell.text = value


def _saved(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _seat_names(seats: list) -> str:
    return ", ".join(seat.display_name for seat in seats)


def _cases_docx(document: DocxDocument, actor: User, page: MeetingPage) -> None:
    """The cases discussed, as in the PDF (``_cases.html`` with ``document=True``): the code
    only, never the name, whatever the identity rule would allow on the page; left out for
    someone without a seat that works with the team's cases."""
    items = meeting_cases_for(actor=actor, meeting=page.meeting)
    if items is None:
        return
    document.add_heading(_("Ärenden"), level=1)
    if not items:
        document.add_paragraph(_("Inga ärenden på dagordningen."))
        return
    _table(
        document,
        [_("Ärende"), _("Beskrivning"), _("Anteckningar")],
        [
            [
                item.discussion.case.code,
                item.discussion.case.summary or "–",
                item.discussion.notes or "–",
            ]
            for item in items
        ],
    )


def minutes_docx(page: MeetingPage, actor: User) -> bytes:
    meeting = page.meeting
    document = Document()
    document.add_heading(_("Protokoll: %(team)s") % {"team": meeting.team.name}, level=0)
    document.add_paragraph(
        f"{meeting.date.isoformat()} · {meeting.get_kind_display()}"
        + (f" · {meeting.place}" if meeting.place else "")
    )
    if meeting.minutes_are_approved:
        approver = meeting.minutes_approved_by
        name = approver.get_full_name() if approver else ""
        document.add_paragraph(
            _("Justerat %(date)s av %(name)s")
            % {"date": meeting.minutes_approved_on.isoformat(), "name": name}  # type: ignore[union-attr]
        )
    else:
        document.add_paragraph().add_run(_("UTKAST – ej justerat")).bold = True
    document.add_heading(_("Närvaro"), level=1)
    _table(
        document,
        [_("Part"), _("Närvaro"), _("Deltagare")],
        [
            [
                row.party.name,
                _("Frånvarande") if row.absent else (_("Närvarande") if row.attendance else "–"),
                _seat_names(list(row.attendance.members.all())) if row.attendance else "",
            ]
            for row in page.parties
        ],
    )
    if meeting.agenda:
        document.add_heading(_("Dagordning"), level=1)
        document.add_paragraph(meeting.agenda)
    document.add_heading(_("Protokoll"), level=1)
    for part in meeting.minutes.split("\n\n") or [""]:
        document.add_paragraph(part)
    _cases_docx(document, actor, page)
    document.add_heading(_("Beslut"), level=1)
    for number, decision in enumerate(page.decisions, start=1):
        document.add_paragraph(f"§{number} {decision.text}")
    _actions_docx(document, _("Åtgärder"), page.actions)
    _actions_docx(document, _("Öppna åtgärder från tidigare möten"), page.carried)
    return _saved(document)


def _actions_docx(document: DocxDocument, title: str, actions: list) -> None:
    document.add_heading(title, level=1)
    _table(
        document,
        [_("Åtgärd"), _("Ansvarig part"), _("Ansvarig"), _("Klart senast"), _("Status")],
        [
            [
                action.text,
                action.owner_party.name,
                action.responsible.display_name if action.responsible else "–",
                action.due_date.isoformat(),
                action.get_status_display(),
            ]
            for action in actions
        ],
    )


def minutes_html(page: MeetingPage, actor: User) -> str:
    context = {
        "page": page,
        "meeting": page.meeting,
        "case_viewer": actor,  # the cases block asks the case selectors as this user
        "LANGUAGE_CODE": get_language() or "sv",
    }
    return render_to_string("collaboration/meeting/minutes_print.html", context)


def minutes_export(*, actor: User, page: MeetingPage, fmt: str) -> bytes:
    """The minutes of a meeting the actor may see (``meeting_page``), as ``fmt``; audited."""
    if fmt == "pdf":
        content = html_to_pdf(minutes_html(page, actor), stylesheets=[str(PRINT_CSS)])
    else:
        content = minutes_docx(page, actor)
    audit_write(
        actor,
        AuditAction.EXPORT,
        page.meeting.team,
        page.meeting,
        f"Protokoll exporterat ({fmt.upper()})",
    )
    return content


def absence_docx(report: AbsenceReport) -> bytes:
    document = Document()
    document.add_heading(_("Frånvaro från %(team)s") % {"team": report.team.name}, level=0)
    document.add_paragraph(f"{report.period.start.isoformat()} – {report.period.end.isoformat()}")
    document.add_paragraph(report.summary.sentence)
    _table(
        document,
        [_("Datum"), _("Typ av möte"), _("Kommentar")],
        [
            [row.meeting.date.isoformat(), row.meeting.get_kind_display(), row.note]
            for row in report.missed
        ],
    )
    document.add_paragraph(
        _("Sammanställt %(date)s i Samsyn.") % {"date": report.generated_on.isoformat()}
    )
    return _saved(document)


def absence_export(*, actor: User, report: AbsenceReport, fmt: str) -> bytes:
    if fmt == "pdf":
        html = render_to_string(
            "collaboration/meeting/absence_print.html",
            {"report": report, "LANGUAGE_CODE": get_language() or "sv"},
        )
        content = html_to_pdf(html, stylesheets=[str(PRINT_CSS)])
    else:
        content = absence_docx(report)
    audit_write(
        actor,
        AuditAction.EXPORT,
        report.team,
        report.party,
        f"Frånvarorapport för team {report.team.pk} exporterad ({fmt.upper()})",
    )
    return content
