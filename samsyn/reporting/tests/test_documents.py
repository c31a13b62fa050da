"""The PDF, DOCX and XLSX of a period report hold its figures, read back with pypdf,
python-docx and openpyxl; drafts are marked UTKAST; an approved report's files keep the
snapshot after new registrations."""

from __future__ import annotations

import datetime
import io
from typing import Any

import docx
import openpyxl
import pypdf
import pytest

from samsyn.conftest import World
from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.documents import DocumentFormat, render_bytes
from samsyn.reporting.documents.docx import chart_png
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.content import report_content
from samsyn.reporting.services.period_reports import (
    Narrative,
    period_report_approve,
    period_report_update,
)
from samsyn.reporting.tests.period_report_data import (
    MEN,
    Q1_FROM,
    Q1_TO,
    WOMEN,
    add_registration,
    draft,
    participants,
    scheduled,
)
from samsyn.stats.periods import Period

__all__ = ["draft", "participants", "scheduled"]

TOTAL = WOMEN + MEN


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def docx_text(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(data))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return paragraphs, tables


def sheet_rows(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def row_starting(rows: list[tuple[Any, ...]], label: str) -> tuple[Any, ...]:
    return next(row for row in rows if row and row[0] == label)


@pytest.fixture
def written(draft: PeriodReport, world: World) -> PeriodReport:
    return period_report_update(
        actor=world["insatsansvarig"],
        report=draft,
        narrative=Narrative(
            observations="Fler kvinnor än män började.",
            proposed_actions='=HYPERLINK("http://example.com")',
        ),
        expected_version=draft.version,
    )


def content_of(report: PeriodReport) -> ReportContent:
    from samsyn.reporting.selectors.period_reports import report_figures

    return report_figures(report)


def test_pdf_holds_title_period_and_figures(written: PeriodReport) -> None:
    data = render_bytes(DocumentFormat.PDF, content_of(written), written)
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 3
    first = reader.pages[0].extract_text()
    assert "UTKAST" in first and "Testinsatsen" in first
    assert "Rapport 5 2026-01-01–2026-03-31" in first
    assert "Period: 2026-01-01–2026-03-31" in first
    assert "1 / " in first  # page numbers
    text = pdf_text(data)
    assert "Fler kvinnor än män började." in text
    assert "Aktiva" in text and f"{WOMEN} {MEN} {TOTAL}" in text
    assert "Små antal är dolda" in text


def test_docx_holds_narrative_and_figures(written: PeriodReport) -> None:
    paragraphs, tables = docx_text(render_bytes(DocumentFormat.DOCX, content_of(written), written))
    assert paragraphs[0] == "UTKAST"
    assert "Rapport 5 2026-01-01–2026-03-31" in paragraphs
    assert "Testinsatsen" in paragraphs
    assert "Vad ser vi?" in paragraphs and "Fler kvinnor än män började." in paragraphs
    metrics = tables[0]
    # The period's figures and (a period report) the same since the intervention's start.
    assert metrics[0] == [
        "Mått",
        "Kvinnor",
        "Män",
        "Totalt",
        "Kvinnor sedan start",
        "Män sedan start",
        "Totalt sedan start",
    ]
    active = [str(WOMEN), str(MEN), str(TOTAL)]
    assert ["Aktiva", *active, *active] in metrics
    document = docx.Document(
        io.BytesIO(render_bytes(DocumentFormat.DOCX, content_of(written), written))
    )
    assert document.inline_shapes, "the charts are embedded as pictures"


def test_xlsx_has_a_sheet_per_part_with_numbers(written: PeriodReport) -> None:
    sheets = sheet_rows(render_bytes(DocumentFormat.XLSX, content_of(written), written))
    assert list(sheets) == ["Nyckeltal", "Uppdelningar", "Mål", "Ekonomi", "Berättelse"]
    key = sheets["Nyckeltal"]
    assert key[0][0] == "Rapport 5 2026-01-01–2026-03-31"
    assert any(row[0] and "UTKAST" in row[0] for row in key)
    assert row_starting(key, "Aktiva")[1:4] == (WOMEN, MEN, TOTAL)
    narrative = sheets["Berättelse"]
    assert row_starting(narrative, "Vad ser vi?")
    assert '=HYPERLINK("http://example.com")' in [row[0] for row in narrative]


def test_xlsx_writes_text_never_as_formula(written: PeriodReport) -> None:
    data = render_bytes(DocumentFormat.XLSX, content_of(written), written)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for row in workbook["Berättelse"].iter_rows() for cell in row]
    injected = [cell for cell in cells if cell.value and str(cell.value).startswith("=")]
    assert injected and all(cell.data_type == "s" for cell in injected)


def test_hidden_counts_are_text_and_shares_numbers(world: World, scheduled: World) -> None:
    add_registration(world, "kvinna", datetime.date(2026, 1, 10))
    add_registration(world, "man", datetime.date(2026, 1, 10))
    content = report_content(world.intervention, Period(Q1_FROM, Q1_TO), suppress=True)
    sheets = sheet_rows(render_bytes(DocumentFormat.XLSX, content, None))
    active = row_starting(sheets["Nyckeltal"], "Aktiva")[1:4]
    assert set(active) <= {"< 5", "dolt"} and "< 5" in active
    assert "Berättelse" in sheets
    _paragraphs, tables = docx_text(render_bytes(DocumentFormat.DOCX, content, None))
    assert any(row[0] == "Aktiva" and "< 5" in row for row in tables[0])
    assert "< 5" in pdf_text(render_bytes(DocumentFormat.PDF, content, None))


def test_exact_exports_for_the_operator(participants: World) -> None:
    world = participants
    world_content = report_content(world.intervention, Period(Q1_FROM, Q1_TO), suppress=False)
    data = render_bytes(DocumentFormat.XLSX, world_content, None)
    key = sheet_rows(data)["Nyckeltal"]
    assert key[0][0] == "Insatsrapport 2026-01-01–2026-03-31"
    assert any(row[0] and "Exakta tal" in row[0] for row in key)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Ekonomi"]
    share_cells = [c for row in sheet.iter_rows() for c in row if c.number_format == "0.0%"]
    assert all(c.value is None or isinstance(c.value, float) for c in share_cells)


def test_approved_exports_keep_the_snapshot(written: PeriodReport, world: World) -> None:
    report = period_report_approve(
        actor=world["admin"], report=written, expected_version=written.version
    )
    for index in range(4):
        add_registration(world, "man", datetime.date(2026, 3, 1 + index))
    frozen = PeriodReport.objects.get(pk=report.pk)
    content = content_of(frozen)
    sheets = sheet_rows(render_bytes(DocumentFormat.XLSX, content, frozen))
    assert row_starting(sheets["Nyckeltal"], "Aktiva")[1:4] == (WOMEN, MEN, TOTAL)
    assert not any(row[0] and "UTKAST" in str(row[0]) for row in sheets["Nyckeltal"])
    assert any(row[0] and str(row[0]).startswith("Fastställd") for row in sheets["Nyckeltal"])
    text = pdf_text(render_bytes(DocumentFormat.PDF, content, frozen))
    assert f"{WOMEN} {MEN} {TOTAL}" in text and "UTKAST" not in text
    _paragraphs, tables = docx_text(render_bytes(DocumentFormat.DOCX, content, frozen))
    assert ["Aktiva", str(WOMEN), str(MEN), str(TOTAL)] in [row[:4] for row in tables[0]]


def test_a_broken_chart_leaves_the_tables() -> None:
    assert chart_png("<svg") is None
    assert chart_png('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
