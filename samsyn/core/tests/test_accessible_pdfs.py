"""Every PDF Samsyn prints is tagged PDF/UA-1 that a screen reader can read (issue #15.12;
DIGG's requirement that a public body's documents be accessible): the period report (draft
and approved), the fidelity review, the register extract, a meeting's minutes and a party's
absence report, each rendered and read back.

Each must be tagged (``/MarkInfo /Marked true`` and a structure tree), identify itself as
PDF/UA-1, carry the document language and its title (shown by the viewer), give every
table a caption and header cells that describe its data cells, give every chart an
alternative text, and WeasyPrint must not have logged a missing language or alternative
text. A period report must not show what only works on the web ("Öppna en rad") nor the
code's internal keys ("Nämnare: … (ended)"), not even from a snapshot approved when the
texts still had them."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation

from samsyn.collaboration.documents.minutes import minutes_html
from samsyn.collaboration.selectors.meetings import meeting_page
from samsyn.collaboration.tests.setup import held, make_action, make_team
from samsyn.conftest import World
from samsyn.core.documents import InaccessibleDocument, html_to_pdf
from samsyn.core.tests.pdf_structure import PdfAccessibility, read_accessibility, table_problems
from samsyn.ips.documents.fidelity import render_review_html, review_pdf_export
from samsyn.ips.tests.fidelity_setup import make_ips, make_review, score_all
from samsyn.participants.documents.register_extract import (
    register_extract_html,
    register_extract_pdf,
)
from samsyn.participants.selectors.register_extract import register_extract_build
from samsyn.participants.tests.intake_setup import media_fixture  # noqa: F401  # fixture
from samsyn.participants.tests.lifecycle_setup import old_file
from samsyn.reporting.documents import DocumentFormat, render_bytes
from samsyn.reporting.documents.pdf import render_html
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.period_reports import report_figures
from samsyn.reporting.services.period_reports import (
    Narrative,
    period_report_approve,
    period_report_update,
)
from samsyn.reporting.tests.period_report_data import draft, participants, scheduled

__all__ = ["draft", "participants", "scheduled"]

pytestmark = pytest.mark.django_db

WEB_ONLY = ("Öppna en rad", "Klicka", "Ladda om sidan")
INTERNAL_KEYS = ("(ended)", "(followup_12m_due)", "(started)", "_")


@pytest.fixture
def weasyprint_errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR, logger="weasyprint")
    return caplog


def assert_accessible(
    data: bytes, *, html: str, title: str, language: str = "sv", tables: int = 1
) -> PdfAccessibility:
    """``data`` rendered from ``html`` is tagged PDF/UA with ``title`` and ``language``, and
    its ``tables`` (at least) each have a caption and header cells."""
    pdf = read_accessibility(data)
    assert pdf.tagged, "the catalog is marked and has a structure tree"
    assert pdf.pdfua_part == "1", "identified as PDF/UA-1 in the XMP metadata"
    assert pdf.language == language
    assert pdf.title == title and pdf.display_doc_title
    assert pdf.structure.find("H1"), "a first-level heading"
    assert html.count("<table") >= tables and len(pdf.tables) >= html.count("<table")
    in_tables = sum(len(table.find("Caption")) for table in pdf.tables)
    assert in_tables == html.count("<table"), "a caption each"
    for table in pdf.tables:
        assert table_problems(table) == [], table
    for figure in pdf.structure.find("Figure"):
        assert figure.alt, "every chart has an alternative text"
    return pdf


def _weasyprint_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "weasyprint"]


def test_the_period_report_is_tagged_without_web_text_or_keys(
    draft: PeriodReport, world: World, weasyprint_errors: pytest.LogCaptureFixture
) -> None:
    report = period_report_update(
        actor=world["insatsansvarig"],
        report=draft,
        narrative=Narrative(observations="Fler kvinnor än män började."),
        expected_version=draft.version,
    )
    content = report_figures(report)
    data = render_bytes(DocumentFormat.PDF, content, report)
    pdf = assert_accessible(
        data,
        html=render_html(content, report),
        title="Rapport 5 2026-01-01–2026-03-31 – Testinsatsen",
        tables=5,
    )
    assert len(pdf.structure.find("Figure")) >= 3, "the charts are figures"
    assert "Nyckeltal efter kön" in pdf.text  # the metrics table's caption, shown
    assert "Så räknas nyckeltalen" in pdf.text and "Nämnare:" in pdf.text
    assert not [text for text in WEB_ONLY if text in pdf.text]
    assert not [key for key in INTERNAL_KEYS if key in pdf.text]
    assert _weasyprint_logged(weasyprint_errors) == []


def test_an_old_snapshot_shows_no_internal_keys(draft: PeriodReport, world: World) -> None:
    report = period_report_approve(
        actor=world["admin"], report=draft, expected_version=draft.version
    )
    # What a snapshot approved before the wording was fixed (#10.14) holds.
    snapshot = dict(report.snapshot or {})
    for metric in snapshot["metrics"]:
        if metric["id"] == "share_work_or_studies":
            metric["denominator"] = "Avslutade inskrivningar i perioden (ended)."
        if metric["id"] == "share_followup_12m_reached":
            metric["denominator"] = (
                "Uppföljningar 12 månader efter avslut som förföll i perioden (followup_12m_due)."
            )
    PeriodReport.objects.filter(pk=report.pk).update(snapshot=snapshot)
    frozen = PeriodReport.objects.get(pk=report.pk)
    content = report_figures(frozen)
    by_id = {metric["id"]: metric for metric in content["metrics"]}
    assert by_id["share_work_or_studies"]["denominator"] == "Avslutade inskrivningar i perioden."
    assert by_id["median_days_in_intervention"]["name"] == "Mediantid i insatsen (dagar)"
    pdf = assert_accessible(
        render_bytes(DocumentFormat.PDF, content, frozen),
        html=render_html(content, frozen),
        title="Rapport 5 2026-01-01–2026-03-31 – Testinsatsen",
        tables=5,
    )
    assert "Nämnare:" in pdf.text
    assert not [key for key in INTERNAL_KEYS if key in pdf.text]


def test_the_report_in_english_says_so(draft: PeriodReport) -> None:
    with translation.override("en"):
        data = render_bytes(DocumentFormat.PDF, report_figures(draft), draft)
    pdf = read_accessibility(data)
    assert pdf.tagged and pdf.language == "en"
    assert "Open a row" not in pdf.text


def test_the_fidelity_review_is_tagged(
    world: World, weasyprint_errors: pytest.LogCaptureFixture
) -> None:
    make_ips(world.intervention)
    review = make_review(world["admin"], world.intervention)
    score_all(review, 104)
    data = review_pdf_export(actor=world["admin"], review=review)
    pdf = assert_accessible(
        data,
        html=render_review_html(review),
        title=f"Programtrohetsmätning – {world.intervention.name}",
        tables=2,
    )
    assert "104 av 125" in pdf.text
    assert _weasyprint_logged(weasyprint_errors) == []


def test_the_register_extract_is_tagged(
    world: World, media: object, weasyprint_errors: pytest.LogCaptureFixture
) -> None:
    file = old_file(world)
    extract = register_extract_build(forbund=world.forbund, person=file.person)
    pdf = assert_accessible(
        register_extract_pdf(extract),
        html=register_extract_html(extract),
        title="Registerutdrag",
        tables=2,
    )
    assert "Tolvan" in pdf.text
    assert _weasyprint_logged(weasyprint_errors) == []


def test_a_document_without_language_or_title_is_refused() -> None:
    with pytest.raises(InaccessibleDocument, match="language"):
        html_to_pdf(
            "<html><head><title>T</title></head><body><p>x</p></body></html>", stylesheets=[]
        )
    with pytest.raises(InaccessibleDocument, match="title"):
        html_to_pdf('<html lang="sv"><body><p>x</p></body></html>', stylesheets=[])


def test_the_meeting_minutes_and_absence_report_are_tagged(
    world: World, as_persona: Callable[[str], Client], weasyprint_errors: pytest.LogCaptureFixture
) -> None:
    team = make_team(world)
    meeting = held(world, team, absent=(world.af,))
    make_action(world, meeting)
    client = as_persona("coach")
    minutes = client.get(f"/samverkan/mote/{meeting.pk}/protokoll.pdf")
    assert minutes.status_code == 200
    day = meeting.date.isoformat()
    page = meeting_page(actor=world["coach"], meeting_id=meeting.pk)
    pdf = assert_accessible(
        minutes.content,
        html=minutes_html(page, world["coach"]),
        title=f"Protokoll: {team.name} {day}",
        tables=3,
    )
    assert "Öppna åtgärder från tidigare möten" in pdf.text
    absence = client.get(f"/samverkan/team/{team.pk}/narvaro/part/{world.af.pk}/rapport.pdf")
    assert absence.status_code == 200
    absence_pdf = read_accessibility(absence.content)
    assert absence_pdf.tagged and absence_pdf.pdfua_part == "1" and absence_pdf.language == "sv"
    assert absence_pdf.title == f"Frånvarorapport: Arbetsförmedlingen i {team.name}"
    assert [table_problems(table) for table in absence_pdf.tables] == [[]]
    assert sum(len(table.find("Caption")) for table in absence_pdf.tables) == 1
    assert _weasyprint_logged(weasyprint_errors) == []
