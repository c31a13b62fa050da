"""The SVG of the chart primitives, byte for byte, against golden files recorded from them.

The pages, the PDF and the DOCX embed this markup, so a change to it must be deliberate:
re-record with ``RECORD_GOLDEN=1`` and review the diff of the ``golden/`` files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils.safestring import SafeString
from django.utils.translation import override

from samsyn.stats.chart_svg import (
    KVINNA_COLOUR,
    MAN_COLOUR,
    SECOND_COLOUR,
    TOTAL_COLOUR,
    Bar,
    BarGroup,
    Line,
    Point,
    Series,
    bar_chart_svg,
    cell_point,
    line_chart_svg,
    number_text,
)

GOLDEN = Path(__file__).parent / "golden"
MONTHS = [f"2026-{month:02d}" for month in range(1, 7)]


def genders_over_months() -> SafeString:
    """Three dashed lines, hidden cells breaking two of them, a lone point."""
    kvinna = [3, "< 5", 8, 12, None, 15]
    man = [10, 11, 9, "dolt", 7, "< 5"]
    total = [13, 19, 17, 20, 22, 25]
    return line_chart_svg(
        chart_id="genders",
        title="Aktiva deltagare per månad",
        description="Kvinnor, män och totalt.",
        x_labels=MONTHS,
        lines=[
            Line(Series("Kvinnor", KVINNA_COLOUR), [cell_point(cell) for cell in kvinna]),
            Line(Series("Män", MAN_COLOUR, "8 4"), [cell_point(cell) for cell in man]),
            Line(Series("Totalt", TOTAL_COLOUR, "2 4"), [cell_point(cell) for cell in total]),
        ],
    )


def shares_with_reference() -> SafeString:
    rates = [0.25, None, "dolt", 0.5]
    return line_chart_svg(
        chart_id="shares",
        title="Andel i arbete per kvartal",
        description="Andelen med referensnivåer.",
        x_labels=["2026 K1", "2026 K2", "2026 K3", "2026 K4"],
        lines=[
            Line(
                Series("Andel i arbete", TOTAL_COLOUR),
                [
                    Point(float(rate) * 100 if isinstance(rate, float) else None, text)
                    for rate, text in ((r, cell_point(r, share=True).text) for r in rates)
                ],
            ),
            Line(Series("Referens", "#595959", dash="6 4"), [Point(40.0, "40 %")] * 4),
        ],
        value_text=lambda value: f"{number_text(value)}\u00a0%",
    )


def one_point_in_kronor() -> SafeString:
    return line_chart_svg(
        chart_id="kronor",
        title="Utfall per månad",
        description="En månad.",
        x_labels=["2026-03"],
        lines=[Line(Series("Utfall", SECOND_COLOUR), [Point(123456.5, "123 457 kr")])],
        value_text=lambda value: f"{number_text(value)}\u00a0kr",
    )


def many_months_mostly_hidden() -> SafeString:
    """More months than the hidden row writes one by one: a summary text instead."""
    labels = [f"{2024 + month // 12}-{month % 12 + 1:02d}" for month in range(30)]
    cells = [month if month % 3 else "< 5" for month in range(30)]
    return line_chart_svg(
        chart_id="many",
        title="Trettio månader",
        description="Var tredje dold.",
        x_labels=labels,
        lines=[Line(Series("Totalt", TOTAL_COLOUR), [cell_point(cell) for cell in cells])],
    )


def empty_lines() -> SafeString:
    return line_chart_svg(
        chart_id="empty", title="Tomt", description="Inga värden.", x_labels=[], lines=[]
    )


def grouped_bars() -> SafeString:
    work, other = Series("Arbete", KVINNA_COLOUR), Series("Annat", TOTAL_COLOUR)
    return bar_chart_svg(
        chart_id="bars",
        title="Utfall",
        description="Staplar per kön.",
        groups=[
            BarGroup("Kvinnor", (Bar(work, 12.0, "12"), Bar(other, None, "< 5"))),
            BarGroup("Män", (Bar(work, 3.5, "3,5"), Bar(other, 0.0, "0"))),
        ],
    )


CHARTS: dict[str, Callable[[], SafeString]] = {
    "genders_over_months": genders_over_months,
    "shares_with_reference": shares_with_reference,
    "one_point_in_kronor": one_point_in_kronor,
    "many_months_mostly_hidden": many_months_mostly_hidden,
    "empty_lines": empty_lines,
    "grouped_bars": grouped_bars,
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_svg_matches_golden_file(name: str) -> None:
    with override("sv"):
        svg = str(CHARTS[name]())
    path = GOLDEN / f"{name}.svg"
    if os.environ.get("RECORD_GOLDEN"):
        path.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == path.read_text(encoding="utf-8")
