"""Server-rendered SVG charts of a participant's step path and indicator ratings.

No JavaScript and no style attributes (the CSP forbids inline styles): colours are SVG
presentation attributes. Each chart is an ``<svg role="img">`` with a title and a description
that say in words what the line shows; the page also shows the same figures as a table.
The same markup can be embedded in a PDF or DOCX export.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 640
MARGIN_LEFT = 48
MARGIN_RIGHT = 24
MARGIN_TOP = 16
MARGIN_BOTTOM = 40
ROW_HEIGHT = 36
LINE_COLOUR = "#1d5c96"
GRID_COLOUR = "#c8ccd0"
INK_COLOUR = "#222222"


@dataclass(frozen=True)
class ChartPoint:
    day: datetime.date
    value: float
    label: str


@dataclass(frozen=True)
class Scale:
    low: int
    high: int
    ticks: tuple[tuple[int, str], ...]


def _x_of(day: datetime.date, first: datetime.date, last: datetime.date) -> float:
    inner = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    span = (last - first).days
    if span <= 0:
        return MARGIN_LEFT + inner / 2
    return MARGIN_LEFT + inner * (day - first).days / span


def _y_of(value: float, scale: Scale, height: int) -> float:
    inner = height - MARGIN_TOP - MARGIN_BOTTOM
    if scale.high == scale.low:
        return MARGIN_TOP + inner / 2
    return MARGIN_TOP + inner * (scale.high - value) / (scale.high - scale.low)


def _grid(scale: Scale, height: int) -> SafeString:
    rows = []
    for value, label in scale.ticks:
        y = round(_y_of(value, scale, height), 1)
        rows.append(
            (MARGIN_LEFT, y, WIDTH - MARGIN_RIGHT, y, GRID_COLOUR, MARGIN_LEFT - 8, y + 4, label)
        )
    return format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>',
        rows,
    )


def _x_labels(first: datetime.date, last: datetime.date, height: int) -> SafeString:
    y = height - MARGIN_BOTTOM + 20
    days = [first] if first == last else [first, last]
    anchors = ["middle"] if first == last else ["start", "end"]
    return format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="{}" font-size="12">{}</text>',
        (
            (round(_x_of(day, first, last), 1), y, anchor, date_format(day, "Y-m-d"))
            for day, anchor in zip(days, anchors, strict=True)
        ),
    )


def line_chart_svg(
    *, chart_id: str, title: str, description: str, points: Sequence[ChartPoint], scale: Scale
) -> SafeString:
    """A dated line chart; points are drawn in the order given (oldest first)."""
    height = MARGIN_TOP + MARGIN_BOTTOM + ROW_HEIGHT * max(scale.high - scale.low, 1)
    first, last = points[0].day, points[-1].day
    coords = [
        (round(_x_of(p.day, first, last), 1), round(_y_of(p.value, scale, height), 1), p)
        for p in points
    ]
    polyline = " ".join(f"{x},{y}" for x, y, _point in coords)
    markers = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" fill="{}"><title>{}</title></circle>',
        ((x, y, LINE_COLOUR, f"{date_format(p.day, 'Y-m-d')}: {p.label}") for x, y, p in coords),
    )
    return format_html(
        '<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" fill="{ink}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{grid}{xlabels}"
        '<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="3"/>'
        "{markers}</svg>",
        id=chart_id,
        w=WIDTH,
        h=height,
        ink=INK_COLOUR,
        title=title,
        desc=description,
        grid=_grid(scale, height),
        xlabels=_x_labels(first, last, height),
        line=polyline,
        colour=LINE_COLOUR,
        markers=markers,
    )


def step_path_svg(*, points: Sequence[ChartPoint], ladder: Sequence[tuple[int, str]]) -> SafeString:
    """The ladder steps recorded over time. ``ladder`` is (order, name), lowest first."""
    if not points or not ladder:
        return SafeString("")
    orders = [order for order, _name in ladder]
    scale = Scale(low=min(orders), high=max(orders), ticks=tuple((o, str(o)) for o in orders))
    first, last = points[0], points[-1]
    description = ngettext(
        "%(count)s registrering: steg %(first)s den %(first_day)s.",
        "%(count)s registreringar. Första: steg %(first)s den %(first_day)s. "
        "Senaste: steg %(last)s den %(last_day)s.",
        len(points),
    ) % {
        "count": len(points),
        "first": number_format(first.value, 0),
        "first_day": date_format(first.day, "Y-m-d"),
        "last": number_format(last.value, 0),
        "last_day": date_format(last.day, "Y-m-d"),
    }
    return line_chart_svg(
        chart_id="chart-steps",
        title=_("Deltagarens steg på stegen över tid"),
        description=description,
        points=points,
        scale=scale,
    )


def indicator_svg(*, points: Sequence[ChartPoint]) -> SafeString:
    """The mean of each indicator measurement (1–5) over time."""
    if not points:
        return SafeString("")
    scale = Scale(low=1, high=5, ticks=tuple((v, str(v)) for v in range(1, 6)))
    first, last = points[0], points[-1]
    description = ngettext(
        "%(count)s skattning: medelvärdet %(first)s den %(first_day)s.",
        "%(count)s skattningar. Första medelvärdet %(first)s den %(first_day)s, "
        "senaste %(last)s den %(last_day)s.",
        len(points),
    ) % {
        "count": len(points),
        "first": number_format(first.value, 1),
        "first_day": date_format(first.day, "Y-m-d"),
        "last": number_format(last.value, 1),
        "last_day": date_format(last.day, "Y-m-d"),
    }
    return line_chart_svg(
        chart_id="chart-indicators",
        title=_("Medelvärde av indikatorskattningarna över tid"),
        description=description,
        points=points,
        scale=scale,
    )
