"""The SVG charts of a report's content: valid XML, accessible, hidden values not drawn."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from samsyn.reporting.charts import ReportChart, report_charts
from samsyn.reporting.content_types import GenderCells, ReportContent, content_from_json
from samsyn.stats.chart_svg import amount_text, cell_text, number_text

SVG = "{http://www.w3.org/2000/svg}"
GENDERS = ("kvinna", "man", "total")


def triple(kvinna: Any, man: Any, total: Any) -> GenderCells:
    return {"kvinna": kvinna, "man": man, "total": total}


def metric(metric_id: str, values: GenderCells, kind: str = "count") -> dict[str, Any]:
    return {
        "id": metric_id,
        "name": metric_id,
        "definition": "",
        "denominator": "",
        "kind": kind,
        "values": values,
    }


def content(*, hidden: bool = False) -> ReportContent:
    small = "< 5" if hidden else 3
    return content_from_json(_content_json(small, hidden))


def _content_json(small: int | str, hidden: bool) -> dict[str, Any]:
    """Report content with the parts the charts draw from (no title, goals or sections)."""
    return {
        "schema": 1,
        "suppressed": hidden,
        "metrics": [
            metric("ended", triple(small, 7, 10 if not hidden else "dolt")),
            metric("ended_work_or_studies", triple(2 if not hidden else "< 5", 5, 7)),
            metric("share_step_forward", triple(0.5, "dolt" if hidden else 0.25, None), "share"),
        ],
        "breakdowns": [
            {
                "id": "municipalities",
                "title": "Aktiva efter hemkommun och platser",
                "withheld": False,
                "rows": [
                    {"label": "Hagfors (1783)", "values": triple(small, 9, 12), "places": 17},
                    {"label": "Okänd kommun", "values": triple(0, small, small)},
                ],
            }
        ],
        "participants_over_time": [
            {"month": "2026-01", "values": triple(small, 8, 11)},
            {"month": "2026-02", "values": triple(6, 8, 14)},
            {"month": "2026-03", "values": triple(7, small, 10)},
        ],
        "followups": {
            "reference_day": "2026-03-31",
            "post_exit_due": triple(6, 5, 11),
            "post_exit_done": triple(small, 5, 8),
            "post_exit_overdue": triple(small, 0, small),
            "meetings_overdue": triple(0, 0, 0),
        },
        "goals": [],
        "money": {
            "budget_total": "100000.00",
            "outcome_total": "61234.50",
            "used_share": 0.61,
            "cost_per_participant": "5103",
            "rows": [
                {"category": "lon", "label": "Löner", "budget": "100000.00", "outcome": "61234.50"},
                {"category": "lokal", "label": "Lokaler", "budget": "0.00", "outcome": "0.00"},
            ],
            "monthly": [
                {"month": "2026-01", "outcome": "20000.00"},
                {"month": "2026-02", "outcome": "41234.50"},
                {"month": "2026-03", "outcome": "0.00"},
            ],
            "financing": [],
            "financing_total": "0.00",
            "years": [2026],
        },
    }


def parse(chart: ReportChart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 (our own markup, not untrusted)


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def by_id(charts: list[ReportChart]) -> dict[str, ReportChart]:
    return {chart.id: chart for chart in charts}


@pytest.mark.parametrize("hidden", [False, True])
def test_every_chart_is_valid_accessible_svg(hidden: bool) -> None:
    charts = report_charts(content(hidden=hidden))
    assert [chart.id for chart in charts] == [
        "participants_over_time",
        "outcomes",
        "step_forward",
        "places",
        "followups",
        "budget",
        "monthly_outcome",
    ]
    for chart in charts:
        root = parse(chart)
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.get("viewBox", "").startswith("0 0 ")
        assert root.get("style") is None
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and title.text == chart.title
        assert desc is not None and desc.text == chart.description
        ids = root.get("aria-labelledby", "").split()
        assert ids == [title.get("id"), desc.get("id")]
        allowed = {"svg", "title", "desc", "rect", "line", "polyline", "text", "g"}
        for element in root.iter():
            assert element.tag.removeprefix(SVG) in allowed
            assert element.get("style") is None
        assert chart.description.endswith(".")
        assert chart.table


def test_bars_are_labelled_by_series_and_value() -> None:
    outcomes = parse(by_id(report_charts(content()))["outcomes"])
    words = texts(outcomes)
    for label in ("Kvinnor", "Män", "Totalt", "Arbete eller studier", "Annat resultat"):
        assert label in words
    # Women: ended 3, to work 2, so 1 other; men: 7, 5, 2.
    assert {"2", "1", "5", "7", "3"} <= set(words)
    assert len(outcomes.findall(f".//{SVG}rect")) == 1 + 6  # background + six bars


def test_hidden_values_are_not_drawn_but_written() -> None:
    charts = by_id(report_charts(content(hidden=True)))
    outcomes = parse(charts["outcomes"])
    words = texts(outcomes)
    # Women: both hidden; total ended "dolt" so its other outcome is hidden too.
    assert words.count("< 5") >= 1
    assert "dolt" in words
    # Bars drawn: men's two (5 and 2) and the total's work bar (7): three plus background.
    assert len(outcomes.findall(f".//{SVG}rect")) == 1 + 3
    assert "3" not in words and "1" not in words

    step = parse(charts["step_forward"])
    assert "för få för att visa" in texts(step) and "—" in texts(step)
    assert len(step.findall(f".//{SVG}rect")) == 1 + 1  # only the women's 50 %
    assert "50,0 %" in texts(step)

    followups = parse(charts["followups"])
    assert "< 5" in texts(followups)
    # due 6, 5, 11; done -, 5, 8; overdue -, 0, -; meetings 0, 0, 0: 9 bars drawn.
    assert len(followups.findall(f".//{SVG}rect")) == 1 + 9


def test_hidden_points_break_the_line_and_are_written_under_it() -> None:
    chart = parse(by_id(report_charts(content(hidden=True)))["participants_over_time"])
    words = texts(chart)
    assert words.count("< 5") == 2  # the women's January and the men's March
    points = [line.get("points", "") for line in chart.iter(f"{SVG}polyline")]
    # Women: February–March; men: January–February; total: all three months.
    assert sorted(len(p.split()) for p in points) == [2, 2, 3]


def test_places_and_missing_places() -> None:
    words = texts(parse(by_id(report_charts(content()))["places"]))
    assert "17" in words and "inga angivna" in words and "Hagfors (1783)" in words


def test_budget_rows_without_money_are_left_out_and_amounts_written() -> None:
    words = texts(parse(by_id(report_charts(content()))["budget"]))
    assert "Löner" in words and "Lokaler" not in words
    assert "100\u00a0000\u00a0kr" in words and "61\u00a0235\u00a0kr" in words


def test_empty_content_gives_no_charts_and_no_error() -> None:
    assert report_charts(content_from_json({})) == []
    empty = content()
    empty["participants_over_time"] = []
    empty["breakdowns"] = [{"id": "municipalities", "title": "", "rows": [], "withheld": False}]
    empty["money"]["rows"] = []
    empty["money"]["monthly"] = []
    ids = [chart.id for chart in report_charts(empty)]
    assert ids == ["outcomes", "step_forward", "followups"]


def test_withheld_breakdown_has_no_chart() -> None:
    withheld = content(hidden=True)
    withheld["breakdowns"][0] = {"id": "municipalities", "title": "", "rows": [], "withheld": True}
    assert "places" not in by_id(report_charts(withheld))


def test_all_zero_and_single_month_draw_without_dividing_by_zero() -> None:
    zero = copy.deepcopy(content())
    zero["participants_over_time"] = [{"month": "2026-01", "values": triple(0, 0, 0)}]
    for item in zero["metrics"]:
        item["values"] = triple(0, 0, 0) if item["kind"] == "count" else triple(None, None, None)
    for chart in report_charts(zero):
        parse(chart)


def test_long_series_summarise_hidden_months() -> None:
    long = content(hidden=True)
    long["participants_over_time"] = [
        {"month": f"20{20 + i // 12}-{i % 12 + 1:02d}", "values": triple("< 5", 9, 12)}
        for i in range(36)
    ]
    chart = parse(by_id(report_charts(long))["participants_over_time"])
    words = texts(chart)
    assert "< 5" not in words
    assert any("36 av 36" in word for word in words)
    assert sum(1 for word in words if re.fullmatch(r"\d{4}-\d{2}", word)) <= 12


def test_markup_is_escaped() -> None:
    evil = content()
    evil["breakdowns"][0]["rows"][0]["label"] = '<script>alert("x")</script>'
    chart = by_id(report_charts(evil))["places"]
    assert "<script>" not in str(chart.svg)
    assert '<script>alert("x")</script>' in texts(parse(chart))


def test_number_texts() -> None:
    assert number_text(1234567) == "1\u00a0234\u00a0567"
    assert number_text(-5) == "\u22125"
    assert cell_text(None) == "—"
    assert cell_text("< 5") == "< 5"
    assert cell_text(0.456, share=True) == "45,6 %"
    assert cell_text(167.5) == "167,5"
    assert amount_text("1234567.40") == "1\u00a0234\u00a0567\u00a0kr"
    assert amount_text("not money") == "—"
