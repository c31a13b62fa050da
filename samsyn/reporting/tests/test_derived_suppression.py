"""Issue #15, item 6: a hidden median, mean, share or cost per participant is shown as
"för få för att visa" ("too few to show"), with its reason, never as "< 5" (which on a median
reads as "under five days"); counts still show "< 5". The same text on the page, in the PDF,
DOCX and XLSX of a report, and in the förbund overview and its CSV / XLSX."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samsyn.conftest import World
from samsyn.core.tests.factories import InterventionFactory
from samsyn.interventions.models import Intervention
from samsyn.reporting.content_types import ReportContent, content_from_json
from samsyn.reporting.documents import DocumentFormat, render_bytes
from samsyn.reporting.documents.common import hidden_sentences
from samsyn.reporting.selectors.content import report_content
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_tables import forbund_overview
from samsyn.reporting.spreadsheet import tables_csv, tables_xlsx
from samsyn.reporting.tests.forbund_data import Q1, build_scenario
from samsyn.reporting.tests.test_content import metric, reg
from samsyn.reporting.tests.test_documents import docx_text, pdf_text, sheet_rows
from samsyn.stats.periods import Period
from samsyn.stats.suppression import (
    Suppressed,
    hidden_reasons,
    suppress_share,
    suppress_statistic,
)

pytestmark = pytest.mark.django_db

D = datetime.date
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31))
TODAY = D(2026, 11, 26)
TOO_FEW = "för få för att visa"
MEDIAN = "Mediantid i insatsen (dagar)"
SHARE = "Andel till arbete eller studier"


@pytest.fixture
def intervention() -> Intervention:
    """Six women still active; three men ended (to work) and one man active: the median time
    in the intervention and the share to work are taken over 3 men."""
    ins = InterventionFactory(start_date=D(2025, 1, 1))
    for _ in range(6):
        reg(ins, "kvinna", D(2026, 2, 1))
    for _ in range(3):
        reg(ins, "man", D(2026, 3, 1), D(2026, 6, 30), outcome="arbete")
    reg(ins, "man", D(2026, 3, 1), kommun="1737")
    return ins


@pytest.fixture
def content(intervention: Intervention) -> ReportContent:
    return report_content(intervention, YEAR, suppress=True, today=TODAY)


def _name(content: ReportContent, metric_id: str) -> str:
    return next(m["name"] for m in content["metrics"] if m["id"] == metric_id)


def test_the_rule_is_in_one_place() -> None:
    assert str(Suppressed()) == "< 5"
    assert str(Suppressed(limit=3)) == "< 3"
    assert str(Suppressed(secondary=True)) == "dolt"
    assert str(suppress_statistic(120.0, 3)) == TOO_FEW
    assert str(suppress_share(0.5, Suppressed(), 6)) == TOO_FEW
    assert str(suppress_share(0.5, 3, Suppressed(secondary=True))) == TOO_FEW
    assert suppress_statistic(120.0, 5) == 120.0
    assert "för få personer" in Suppressed.figure().reason
    assert "< 5" in Suppressed().reason
    with translation.override("en"):
        assert str(suppress_statistic(120.0, 3)) == "too few to show"
        assert str(Suppressed()) == "< 5"


def test_hidden_reasons_name_the_derived_figures() -> None:
    assert hidden_reasons(0, 0, derived=2) == [
        "2 värden (median, medelvärde, andel eller kostnad per deltagare) visas som "
        "”för få för att visa”: de bygger på färre än 5 personer eller på ett dolt antal."
    ]
    with translation.override("en"):
        (sentence,) = hidden_reasons(0, 0, 3, derived=1)
    assert sentence.startswith("1 figure (median, mean, share or cost per participant)")
    assert "“too few to show”" in sentence and "fewer than 3 people" in sentence


def test_content_median_and_share_too_few_counts_small(content: ReportContent) -> None:
    assert metric(content, "ended") == {"kvinna": 0, "man": "< 5", "total": "< 5"}
    assert metric(content, "active")["man"] == "< 5"
    assert metric(content, "median_days_in_intervention")["man"] == TOO_FEW
    assert metric(content, "median_days_in_intervention")["total"] == TOO_FEW
    assert metric(content, "share_work_or_studies")["man"] == TOO_FEW
    assert content["hidden"]["derived"] >= 3
    sentences = hidden_sentences(content)
    assert any("visas som ”för få för att visa”" in s for s in sentences)
    assert any("visas som ”< 5”" in s for s in sentences)


def _row(html: str, name: str) -> list[str]:
    start = html.index(f"<summary>{name}</summary>")
    row = html[start : html.index("</tr>", start)]
    return re.findall(r"<td>(.*?)</td>", row)


def test_page_shows_too_few_for_median_and_share(content: ReportContent) -> None:
    html = render_to_string("reporting/_report_body.html", {"content": content})

    assert _row(html, MEDIAN)[1:3] == [TOO_FEW, TOO_FEW]
    assert _row(html, SHARE)[1] == TOO_FEW
    assert _row(html, "Avslutade")[1:3] == ["&lt; 5", "&lt; 5"]
    assert "&lt; 5" not in "".join(_row(html, MEDIAN) + _row(html, SHARE))
    # The reason, beside the rule for counts.
    assert "”för få för att visa”: de bygger på färre än 5 personer" in html


def _line(rows: list[Any], name: str) -> list[Any]:
    return list(next(row for row in rows if row and row[0] == name))


def test_pdf_docx_xlsx_show_too_few_for_median_and_share(content: ReportContent) -> None:
    pdf = pdf_text(render_bytes(DocumentFormat.PDF, content, None))
    # The PDF's table cells wrap: read the words after the median's label.
    words = " ".join(pdf.split())
    start = words.index(MEDIAN) + len(MEDIAN)
    # (its definition comes first): the first hidden cell after it is the median's.
    first_hidden = re.search(f"{TOO_FEW}|< 5", words[start:])
    assert first_hidden is not None and first_hidden.group() == TOO_FEW
    assert "för få för att visa" in pdf and "< 5" in pdf

    _paragraphs, tables = docx_text(render_bytes(DocumentFormat.DOCX, content, None))
    assert _line(tables[0], MEDIAN)[2:4] == [TOO_FEW, TOO_FEW]
    assert _line(tables[0], SHARE)[2] == TOO_FEW
    assert _line(tables[0], "Avslutade")[2:4] == ["< 5", "< 5"]

    sheets = sheet_rows(render_bytes(DocumentFormat.XLSX, content, None))
    assert _line(sheets["Nyckeltal"], MEDIAN)[2:4] == [TOO_FEW, TOO_FEW]
    assert _line(sheets["Nyckeltal"], SHARE)[2] == TOO_FEW
    assert _line(sheets["Nyckeltal"], "Avslutade")[2:4] == ["< 5", "< 5"]


def test_cost_per_participant_over_too_few_is_too_few(intervention: Intervention) -> None:
    small = InterventionFactory(start_date=D(2025, 1, 1), forbund=intervention.forbund)
    reg(small, "kvinna", D(2026, 2, 1))
    content = report_content(small, YEAR, suppress=True, today=TODAY)

    assert content["money"]["cost_per_participant"] == TOO_FEW
    html = render_to_string("reporting/_report_body.html", {"content": content})
    assert f"<dd>{TOO_FEW}" in html


def test_english_content_says_too_few_to_show(intervention: Intervention) -> None:
    with translation.override("en"):
        content = report_content(intervention, YEAR, suppress=True, today=TODAY)
    assert metric(content, "median_days_in_intervention")["man"] == "too few to show"
    assert metric(content, "ended")["man"] == "< 5"
    assert content["hidden"]["derived"] >= 3


def test_an_older_snapshot_with_a_small_count_on_a_median_is_relabelled(
    content: ReportContent,
) -> None:
    stored: dict[str, Any] = dict(content)
    stored["metrics"] = [
        {**m, "values": {"kvinna": 0, "man": "< 5", "total": "dolt"}}
        if m["id"] == "median_days_in_intervention"
        else m
        for m in content["metrics"]
    ]
    read = content_from_json(stored)
    assert metric(read, "median_days_in_intervention") == {
        "kvinna": 0,
        "man": TOO_FEW,
        "total": TOO_FEW,
    }
    assert metric(read, "ended")["man"] == "< 5"  # counts stay counts
    assert stored["metrics"] is not read["metrics"]  # the stored JSON is not changed


def test_forbund_overview_shares_and_costs_are_too_few(world: World) -> None:
    build_scenario(world)
    report = forbund_overview(forbund_access(actor=world["styrgrupp"], forbund_id=None), Q1)
    overview, money = report.tables[0], report.tables[1]

    for row, money_row in zip(overview.all_rows, money.all_rows, strict=True):
        assert str(row[10]) == TOO_FEW and str(row[11]) == TOO_FEW
        assert str(money_row[3]) == TOO_FEW and str(money_row[6]) == TOO_FEW
        for cell in row[1:10]:
            if isinstance(cell, Suppressed):
                assert str(cell) in ("< 5", "dolt")
    primary, _secondary, derived = report.hidden_counts
    assert primary and derived == 4 * len(overview.all_rows)
    page_row = overview.display_rows[0]
    assert page_row[10] == (TOO_FEW, True)

    csv_text = tables_csv(report.tables).decode("utf-8")
    assert TOO_FEW in csv_text and "< 5" in csv_text
    xlsx = sheet_rows(tables_xlsx(report.tables))
    values = {cell for rows in xlsx.values() for row in rows for cell in row}
    assert TOO_FEW in values and "< 5" in values


def test_forbund_overview_page_states_the_reason(as_persona: Any, world: World) -> None:
    build_scenario(world)
    response = as_persona("styrgrupp").get(
        reverse("reporting:forbund_overview"), {"fran": "2026-01-01", "till": "2026-03-31"}
    )
    html = response.content.decode()
    assert response.status_code == 200, html[:500]
    assert TOO_FEW in html
    assert "”för få för att visa”" in html
