"""SVG drawing primitives of the charts (samsyn/reporting/charts.py, the IPS outcomes page):
grouped horizontal bars and lines over months, the chart they make, and the Swedish number
texts they write.

Basic elements and presentation attributes only (WeasyPrint draws them in PDFs; the CSP
forbids style attributes). A value of ``None`` is never drawn: its text is written instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samsyn.stats.numbers import percent_text

WIDTH = 640
INK = "#222222"
GRID = "#c8ccd0"
AXIS = "#595959"
# Series colours, each at least 3:1 against white (WCAG 1.4.11); labels carry the meaning.
KVINNA_COLOUR = "#1d5c96"
MAN_COLOUR = "#9a4a00"
TOTAL_COLOUR = "#4d4d4d"
SECOND_COLOUR = "#2e7d32"
FONT_SIZE = 12
LABEL_WIDTH = 190
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 14
TOP = 12
LINE_HEIGHT = 240
LINE_MARGIN_LEFT = 100
LINE_MARGIN_RIGHT = 80
LINE_MARGIN_BOTTOM = 36
MAX_X_LABELS = 12
MIN_SCALE = 5
HIDDEN_ROW_HEIGHT = 14
MAX_HIDDEN_MARKS = 24


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    dash: str = ""  # stroke-dasharray for lines; "" is solid


class Point(NamedTuple):
    """One point of a line: the number drawn, or None (not drawn), and the text written for
    it when it is not drawn ("< 5", "—")."""

    value: float | None
    text: str


@dataclass(frozen=True)
class Line:
    """One line of a line chart: a point per x label, in the labels' order."""

    series: Series
    points: Sequence[Point]


@dataclass(frozen=True)
class Bar:
    series: Series
    value: float | None  # None: not drawn (hidden or undefined)
    text: str  # what is written beside the bar


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class ReportChart:
    """A drawn chart as the pages, the PDF and the DOCX show it."""

    id: str
    title: str
    svg: SafeString
    description: str  # a one-sentence text alternative
    table: str = ""  # the id of the table on the page that holds the same figures


# --- cells ----------------------------------------------------------------------------------


def number_text(value: float, decimals: int = 0) -> str:
    """Swedish grouping with non-breaking spaces and a decimal comma."""
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "\u2212")


def cell_value(cell: Any) -> float | None:
    """The number a cell can be drawn as, or None for hidden text and undefined values."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return None
    if isinstance(cell, int | float):
        return float(cell) if math.isfinite(cell) else None
    return None


def cell_point(cell: Any, *, share: bool = False) -> Point:
    """A table cell as a point of a line: its number (if drawable) and its text."""
    return Point(cell_value(cell), cell_text(cell, share=share))


def cell_text(cell: Any, *, share: bool = False) -> str:
    if cell is None:
        return "—"
    if isinstance(cell, str):
        return cell  # "< 5" or "dolt", as suppression wrote it
    if share:
        return percent_text(cell)  # one decimal, half up: the one rule (numbers.py)
    if isinstance(cell, float) and not cell.is_integer():
        return number_text(cell, 1)
    return number_text(float(cell))


def amount_value(text: Any) -> float | None:
    try:
        value = float(Decimal(str(text)))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return value if math.isfinite(value) else None


def amount_text(text: Any) -> str:
    """Whole kronor, rounded half up as in accounts: "1234.50" is "1 235 kr"."""
    try:
        kronor = Decimal(str(text)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError):
        return "—"
    if not kronor.is_finite():
        return "—"
    return f"{number_text(float(kronor))}\u00a0kr"


# --- drawing ---------------------------------------------------------------------------------


def _svg(chart_id: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="report-chart" id="chart-{id}" role="img" '
        'aria-labelledby="chart-{id}-title chart-{id}-desc" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="{fs}" fill="{ink}">'
        '<title id="chart-{id}-title">{title}</title><desc id="chart-{id}-desc">{desc}</desc>'
        '<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        fs=FONT_SIZE,
        ink=INK,
        title=title,
        desc=description,
        body=body,
    )


def _scale_max(values: Sequence[float | None]) -> float:
    """A round upper end for the axis: 1, 2 or 5 times a power of ten, at least 5, so that
    the ticks (``_ticks``) are whole numbers."""
    top = max((v for v in values if v is not None and v > 0), default=0.0)
    power = 10 ** max(math.floor(math.log10(top)), 0) if top > 0 else 1
    for step in (1, 2, 5, 10):
        if step * power >= max(top, MIN_SCALE):
            return float(step * power)
    return float(10 * power)


def _ticks(top: float) -> list[float]:
    """Whole-numbered ticks: a fifth of the axis for 1 and 5 times a power of ten (10: every
    2; 50: every 10), a quarter for 2 times one (20: every 5)."""
    leading = round(top / 10 ** math.floor(math.log10(top)))
    parts = 4 if leading == 2 else 5
    return [top * step / parts for step in range(parts + 1)]


def bar_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    groups: Sequence[BarGroup],
    maximum: float | None = None,
) -> SafeString:
    """Horizontal bars in labelled groups; every bar is named and has its value written."""
    top = maximum or _scale_max([bar.value for group in groups for bar in group.bars])
    plot_left, plot_right = LABEL_WIDTH, WIDTH - 100
    rows: list[SafeString] = []
    y = TOP
    for group in groups:
        rows.append(
            format_html('<text x="8" y="{}" font-weight="bold">{}</text>', y + 12, group.label)
        )
        y += 18
        first = y
        for bar in group.bars:
            rows.append(_bar(bar, y, plot_left, plot_right, top))
            y += BAR_HEIGHT + BAR_GAP
        # The zero line of the group's bars (not through the group's heading).
        rows.append(
            format_html(
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="{c}" stroke-width="1"/>',
                x=plot_left,
                t=first - 2,
                b=y - BAR_GAP + 2,
                c=AXIS,
            )
        )
        y += GROUP_GAP
    return _svg(chart_id, title, description, y + 4, SafeString("".join(rows)))


def _bar(bar: Bar, y: int, left: int, right: int, top: float) -> SafeString:
    label = format_html(
        '<text x="{}" y="{}" text-anchor="end">{}</text>', left - 8, y + 12, bar.series.label
    )
    if bar.value is None:
        # Hidden or undefined: no bar, the hidden text where the value would be.
        return format_html(
            '{}<text x="{}" y="{}" font-style="italic">{}</text>', label, left + 6, y + 12, bar.text
        )
    width = round((right - left) * max(bar.value, 0) / top, 1)
    return format_html(
        '{label}<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>'
        '<text x="{tx}" y="{ty}">{text}</text>',
        label=label,
        x=left,
        y=y,
        w=width,
        h=BAR_HEIGHT,
        c=bar.series.colour,
        tx=round(left + width + 6, 1),
        ty=y + 12,
        text=bar.text,
    )


def line_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    x_labels: Sequence[str],
    lines: Sequence[Line],
    value_text: Callable[[float], str] = number_text,
) -> SafeString:
    """Lines over months. A hidden point breaks its line; the hidden texts are written in a
    row of their own under the axis, one row per line that has any."""
    count = len(x_labels)
    top = _scale_max([point.value for line in lines for point in line.points])
    plot_bottom = LINE_HEIGHT - LINE_MARGIN_BOTTOM
    plot_right = WIDTH - LINE_MARGIN_RIGHT

    def x_of(index: int) -> float:
        if count <= 1:
            return (LINE_MARGIN_LEFT + plot_right) / 2
        return round(LINE_MARGIN_LEFT + (plot_right - LINE_MARGIN_LEFT) * index / (count - 1), 1)

    def y_of(value: float) -> float:
        return round(plot_bottom - (plot_bottom - TOP) * max(value, 0) / top, 1)

    parts = [_y_grid(top, y_of, value_text), _x_axis(x_labels, x_of, plot_bottom)]
    row_y = LINE_HEIGHT
    for line in lines:
        parts.append(_line(line, x_of, y_of))
        if any(point.value is None for point in line.points):
            parts.append(_hidden_row(line, x_of, row_y))
            row_y += HIDDEN_ROW_HEIGHT
    return _svg(chart_id, title, description, row_y + 4, SafeString("".join(parts)))


def _y_grid(top: float, y_of: Callable[[float], float], value_text: Callable[[float], str]) -> str:
    ticks = _ticks(top)
    return format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (LINE_MARGIN_LEFT, y_of(t), WIDTH - LINE_MARGIN_RIGHT, y_of(t), GRID, *label)
            for t in ticks
            for label in [(LINE_MARGIN_LEFT - 6, y_of(t) + 4, value_text(t))]
        ),
    )


def _x_axis(labels: Sequence[str], x_of: Callable[[int], float], bottom: int) -> str:
    if not labels:
        return ""
    step = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    shown = list(range(0, len(labels), step))
    return format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>',
        ((x_of(i), bottom + 18, labels[i]) for i in shown),
    )


def _line(line: Line, x_of: Callable[[int], float], y_of: Callable[[float], float]) -> str:
    series = line.series
    segments: list[list[tuple[float, float]]] = [[]]
    for index, point in enumerate(line.points):
        if point.value is None:
            segments.append([])
        else:
            segments[-1].append((x_of(index), y_of(point.value)))
    drawn = [segment for segment in segments if segment]
    dash = format_html(' stroke-dasharray="{}"', series.dash) if series.dash else ""
    markup = [
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"{}/>',
            " ".join(f"{x},{y}" for x, y in segment),
            series.colour,
            dash,
        )
        if len(segment) > 1
        else format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>',
            round(segment[0][0] - 4, 1),
            round(segment[0][1] - 4, 1),
            series.colour,
        )
        for segment in drawn
    ]
    if drawn:
        x, y = drawn[-1][-1]
        markup.append(format_html('<text x="{}" y="{}">{}</text>', x + 8, y + 4, series.label))
    return "".join(markup)


def _hidden_row(line: Line, x_of: Callable[[int], float], y: int) -> str:
    hidden = [(x_of(i), point.text) for i, point in enumerate(line.points) if point.value is None]
    label = format_html(
        '<text x="{}" y="{}" text-anchor="end" font-size="10">{}</text>',
        LINE_MARGIN_LEFT - 18,
        y,
        line.series.label,
    )
    if len(line.points) > MAX_HIDDEN_MARKS:
        # Too many months to write each one legibly: say it once; the table has them all.
        summary = _("visas inte i %(count)s av %(total)s månader (se tabellen)") % {
            "count": len(hidden),
            "total": len(line.points),
        }
        return label + format_html(
            '<text x="{}" y="{}" font-size="10" font-style="italic">{}</text>',
            LINE_MARGIN_LEFT,
            y,
            summary,
        )
    return label + format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="10" font-style="italic">{}</text>',
        ((x, y, text) for x, text in hidden),
    )
