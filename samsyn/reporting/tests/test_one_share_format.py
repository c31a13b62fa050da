"""One share, one text (issue #15, item 5): 5 of 16 ended to work is 31,25 %, which the one
rule (samsyn/stats/numbers.py: decimal comma, one decimal, half up) writes 31,3 % on the
dashboard, the period report page, its PDF, DOCX and XLSX, and the förbund overview with its
CSV and XLSX. Rounding half to even, or cutting the digits off, would give 31,2 %. (Five, so
that the share is not hidden as computed from too few.)"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import docx
import openpyxl
import pypdf
import pytest
from django.urls import reverse

from samsyn.conftest import World
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.tests.forbund_data import reg
from samsyn.reporting.tests.period_report_data import create_q1
from samsyn.stats.numbers import percent_text, percentage_text, ratio_text, share_percent

pytestmark = pytest.mark.django_db
Q1 = {"fran": "2026-01-01", "till": "2026-03-31"}
LABEL = "Andel till arbete eller studier"
SHOWN = "31,3 %"


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.0625, "6,3 %"),  # an exact half: up, not to even
        (0.0635, "6,4 %"),
        (0.428571, "42,9 %"),
        (0.4285, "42,9 %"),  # 0.4285 is stored as 0.42849999…: rounded as written
        (2 / 3, "66,7 %"),
        (1.0, "100,0 %"),
        (0.0, "0,0 %"),
        (Decimal("0.00049"), "0,0 %"),
    ],
)
def test_the_rule(share: float | Decimal, text: str) -> None:
    assert percent_text(share) == text


def test_the_rule_for_counts_and_percentages() -> None:
    assert ratio_text(17, 22) == "77,3 %"
    assert ratio_text(1, 16) == "6,3 %"
    assert percentage_text(Decimal("6.25")) == "6,3 %"
    assert percentage_text(12345.65) == "12\u00a0345,7 %"
    assert share_percent(0.0625) == Decimal("6.3")


@pytest.fixture
def ended(world: World) -> World:
    """16 registrations that end in Q1 2026, five of them (all women) to work."""
    world.intervention.start_date = datetime.date(2025, 1, 1)
    world.intervention.end_date = datetime.date(2026, 12, 31)
    world.intervention.save(update_fields=["start_date", "end_date"])
    for index in range(16):
        reg(
            world.intervention,
            "kvinna" if index % 2 else "man",
            datetime.date(2025, 10, 1),
            datetime.date(2026, 2, 1 + index),
            outcome="arbete" if index in (1, 3, 5, 7, 9) else "arbetssokande",
        )
    return world


def _rows_with(rows: list[list[str]], label: str) -> list[list[str]]:
    return [row for row in rows if row and row[0] == label]


def test_the_same_text_on_every_page_and_in_every_file(as_persona, ended: World) -> None:
    client = as_persona("admin")
    intervention = ended.intervention

    dashboard = client.get(reverse("reporting:dashboard", args=[intervention.pk]), Q1)
    assert dashboard.status_code == 200
    assert SHOWN in dashboard.content.decode()

    report: PeriodReport = create_q1(ended)
    page = client.get(reverse("reporting:report_detail", args=[intervention.pk, report.pk]))
    assert page.status_code == 200 and SHOWN in page.content.decode()

    def download(fmt: str) -> bytes:
        url = reverse("reporting:report_download", args=[intervention.pk, report.pk, fmt])
        response = client.get(url)
        assert response.status_code == 200, fmt
        return b"".join(response.streaming_content) if response.streaming else response.content

    reader = pypdf.PdfReader(io.BytesIO(download("pdf")))
    assert SHOWN in "\n".join(p.extract_text() for p in reader.pages)

    document = docx.Document(io.BytesIO(download("docx")))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    (row, *_rest) = _rows_with(cells, LABEL)
    assert row[3] == SHOWN  # kvinnor, män, totalt: the total

    book = openpyxl.load_workbook(io.BytesIO(download("xlsx")))
    found = [
        row
        for row in book["Nyckeltal"].iter_rows()
        if row[0].value == LABEL and isinstance(row[3].value, float)
    ]
    assert found, "the share's row in the XLSX"
    total = found[0][3]
    assert total.value == pytest.approx(0.313) and total.number_format == "0.0%"

    overview = client.get(reverse("reporting:forbund_overview"), Q1)
    assert SHOWN in overview.content.decode()
    exported = client.get(reverse("reporting:forbund_overview"), {**Q1, "format": "csv"})
    text = exported.content.decode("utf-8-sig")
    assert "31,3" in [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    sheet_file = client.get(reverse("reporting:forbund_overview"), {**Q1, "format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(sheet_file.content))
    values = [
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert 31.3 in values
