"""Server-rendered SVG charts of a report's content (samsyn/reporting/selectors/content.py;
its types in samsyn/reporting/content_types.py). A chart whose part of the content is missing
(content read from partial JSON) is left out.

The same markup is shown on the dashboard, in a period report and inside its PDF
(WeasyPrint draws inline SVG), so it keeps to basic elements (svg, g, rect, line, polyline,
text, title, desc) and presentation attributes: the CSP forbids style attributes and
``<style>`` elements. No JavaScript, no chart library.

Accessibility: every chart is ``<svg role="img">`` labelled by its ``<title>`` and
``<desc>``; every bar or line carries its series name as text (women and men are never told
apart by colour alone: bars are labelled, lines are solid / dashed / dotted and named at
their end); all text is dark on white. The page follows each chart with its data table.

A hidden count ("< 5", "dolt") is never drawn as a number: the bar is left out and the
hidden text is written where its value would be. ``None`` ("—") is treated the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from samsyn.reporting.content_types import (
    Cell,
    GenderCells,
    ReportContent,
    followup_figures,
    gender_list,
)
from samsyn.stats.chart_svg import (
    KVINNA_COLOUR,
    MAN_COLOUR,
    SECOND_COLOUR,
    TOTAL_COLOUR,
    Bar,
    BarGroup,
    Line,
    Point,
    ReportChart,
    Series,
    amount_text,
    amount_value,
    bar_chart_svg,
    cell_point,
    cell_text,
    cell_value,
    line_chart_svg,
    number_text,
)

# --- the charts of a report -----------------------------------------------------------------

GENDER_COLUMNS = ("kvinna", "man", "total")


def _gender_series() -> dict[str, Series]:
    return {
        "kvinna": Series(_("Kvinnor"), KVINNA_COLOUR),
        "man": Series(_("Män"), MAN_COLOUR, "8 4"),
        "total": Series(_("Totalt"), TOTAL_COLOUR, "2 4"),
    }


def _metric_values(content: ReportContent) -> dict[str, GenderCells]:
    return {metric["id"]: metric["values"] for metric in content.get("metrics") or []}


def _bars(series: Series, cell: Cell, *, share: bool = False) -> Bar:
    return Bar(series, cell_value(cell), cell_text(cell, share=share))


def participants_over_time_chart(content: ReportContent) -> ReportChart | None:
    rows = content.get("participants_over_time") or []
    if not rows:
        return None
    months = [row["month"] for row in rows]
    # One line per gender column, each over every month.
    cells_by_column: dict[str, list[Cell]] = {column: [] for column in GENDER_COLUMNS}
    for row in rows:
        for column, cell in zip(GENDER_COLUMNS, gender_list(row["values"]), strict=True):
            cells_by_column[column].append(cell)
    series = _gender_series()
    lines = [
        Line(series[column], [cell_point(cell) for cell in cells])
        for column, cells in cells_by_column.items()
    ]
    title = _("Aktiva deltagare per månad")
    description = _(
        "Linjediagram över aktiva deltagare per månad från %(first)s till %(last)s för "
        "kvinnor (heldragen linje), män (streckad) och totalt (prickad)."
    ) % {"first": months[0], "last": months[-1]}
    svg = line_chart_svg(
        chart_id="participants_over_time",
        title=title,
        description=description,
        x_labels=months,
        lines=lines,
    )
    return ReportChart("participants_over_time", title, svg, description, "table-over-time")


def _other_outcome(ended: Cell, work: Cell) -> tuple[float | None, str]:
    """Ended to something else than work or studies: ended − work, when both are shown."""
    ended_value, work_value = cell_value(ended), cell_value(work)
    if ended_value is not None and work_value is not None:
        other = max(ended_value - work_value, 0)
        return other, cell_text(int(other))
    if ended_value is None:
        return None, cell_text(ended)
    # The difference of a shown total and a hidden part would give the part back.
    return None, cell_text(work) if isinstance(work, str) else "—"


def outcomes_chart(content: ReportContent) -> ReportChart | None:
    metrics = _metric_values(content)
    if "ended" not in metrics or "ended_work_or_studies" not in metrics:
        return None
    work_series = Series(_("Arbete eller studier"), KVINNA_COLOUR)
    other_series = Series(_("Annat resultat"), TOTAL_COLOUR)
    groups = []
    for series, ended, work in zip(
        _gender_series().values(),
        gender_list(metrics["ended"]),
        gender_list(metrics["ended_work_or_studies"]),
        strict=True,
    ):
        other_value, other_text = _other_outcome(ended, work)
        groups.append(
            BarGroup(
                series.label,
                (_bars(work_series, work), Bar(other_series, other_value, other_text)),
            )
        )
    title = _("Resultat vid avslut")
    description = _(
        "Stapeldiagram över avslutade i perioden som gick till arbete eller studier och "
        "avslutade med annat utfall, för kvinnor, män och totalt."
    )
    svg = bar_chart_svg(chart_id="outcomes", title=title, description=description, groups=groups)
    return ReportChart("outcomes", title, svg, description, "table-metrics")


def step_forward_chart(content: ReportContent) -> ReportChart | None:
    values = _metric_values(content).get("share_step_forward")
    if values is None:
        return None
    group = BarGroup(
        _("Andel av avslutade"),
        tuple(
            _bars(series, cell, share=True)
            for series, cell in zip(_gender_series().values(), gender_list(values), strict=True)
        ),
    )
    title = _("Andel med stegförflyttning vid avslut")
    description = _(
        "Stapeldiagram över andelen avslutade som tagit ett steg framåt, för kvinnor, män och "
        "totalt, på en skala från 0 till 100 procent."
    )
    svg = bar_chart_svg(
        chart_id="step_forward", title=title, description=description, groups=[group], maximum=1.0
    )
    return ReportChart("step_forward", title, svg, description, "table-metrics")


def places_chart(content: ReportContent) -> ReportChart | None:
    table = next((b for b in content.get("breakdowns") or [] if b["id"] == "municipalities"), None)
    if table is None or table.get("withheld") or not table.get("rows"):
        return None
    active = Series(_("Aktiva"), KVINNA_COLOUR)
    places = Series(_("Platser"), TOTAL_COLOUR)
    groups = []
    for row in table["rows"]:
        planned = row.get("places")
        place_bar = (
            Bar(places, float(planned), cell_text(planned))
            if isinstance(planned, int)
            else Bar(places, None, _("inga angivna"))
        )
        groups.append(BarGroup(row["label"], (_bars(active, row["values"]["total"]), place_bar)))
    title = _("Aktiva deltagare och platser per kommun")
    description = _(
        "Stapeldiagram som för varje hemkommun jämför antalet aktiva deltagare med antalet platser."
    )
    svg = bar_chart_svg(chart_id="places", title=title, description=description, groups=groups)
    return ReportChart("places", title, svg, description, "table-municipalities")


def followup_labels() -> dict[str, str]:
    return {
        "post_exit_due": _("Uppföljningar efter avslut som förföll"),
        "post_exit_done": _("Gjorda uppföljningar efter avslut"),
        "post_exit_overdue": _("Försenade uppföljningar efter avslut"),
        "meetings_overdue": _("Deltagare med försenat uppföljningsmöte"),
    }


def followups_chart(content: ReportContent) -> ReportChart | None:
    followups = content.get("followups")
    if not followups:
        return None
    figures = followup_figures(followups)
    groups = [
        BarGroup(
            label,
            tuple(
                _bars(series, cell)
                for series, cell in zip(
                    _gender_series().values(), gender_list(figures[key]), strict=True
                )
            ),
        )
        for key, label in followup_labels().items()
    ]
    title = _("Uppföljningar")
    description = _(
        "Stapeldiagram över uppföljningar efter avslut som förföll, gjordes och är försenade "
        "samt deltagare med försenat uppföljningsmöte, för kvinnor, män och totalt."
    )
    svg = bar_chart_svg(chart_id="followups", title=title, description=description, groups=groups)
    return ReportChart("followups", title, svg, description, "table-followups")


def budget_chart(content: ReportContent) -> ReportChart | None:
    money = content.get("money")
    rows = [
        row
        for row in (money["rows"] if money else [])
        if amount_value(row["budget"]) or amount_value(row["outcome"])
    ]
    if not rows:
        return None
    budget = Series(_("Budget"), TOTAL_COLOUR)
    outcome = Series(_("Utfall"), SECOND_COLOUR)
    groups = [
        BarGroup(
            row["label"],
            (
                Bar(budget, amount_value(row["budget"]), amount_text(row["budget"])),
                Bar(outcome, amount_value(row["outcome"]), amount_text(row["outcome"])),
            ),
        )
        for row in rows
    ]
    title = _("Budget och utfall per kostnadsslag")
    description = _(
        "Stapeldiagram som för varje kostnadsslag med budget eller kostnader jämför budgeten "
        "med utfallet i kronor."
    )
    svg = bar_chart_svg(chart_id="budget", title=title, description=description, groups=groups)
    return ReportChart("budget", title, svg, description, "table-budget")


def monthly_outcome_chart(content: ReportContent) -> ReportChart | None:
    money = content.get("money")
    rows = money["monthly"] if money else []
    if not rows:
        return None
    months = [row["month"] for row in rows]
    points = [Point(amount_value(row["outcome"]), amount_text(row["outcome"])) for row in rows]
    title = _("Utfall per månad")
    description = _(
        "Linjediagram över kostnaderna per månad från %(first)s till %(last)s i kronor."
    ) % {
        "first": months[0],
        "last": months[-1],
    }
    svg = line_chart_svg(
        chart_id="monthly_outcome",
        title=title,
        description=description,
        x_labels=months,
        lines=[Line(Series(_("Utfall"), SECOND_COLOUR), points)],
        value_text=lambda value: f"{number_text(value)}\u00a0kr",
    )
    return ReportChart("monthly_outcome", title, svg, description, "table-monthly-outcome")


CHART_BUILDERS: tuple[Callable[[ReportContent], ReportChart | None], ...] = (
    participants_over_time_chart,
    outcomes_chart,
    step_forward_chart,
    places_chart,
    followups_chart,
    budget_chart,
    monthly_outcome_chart,
)


def report_charts(content: ReportContent) -> list[ReportChart]:
    """The charts of a report's content, in the order the report shows them; a chart
    without data to draw (no budget rows, no municipalities, …) is left out."""
    return [chart for build in CHART_BUILDERS if (chart := build(content)) is not None]
