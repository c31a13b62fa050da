"""Template helpers of the report pages: the cells of a report's content as Swedish text,
and its charts.

    {% load reporting_tags %}
    {{ metric.values.kvinna|cell:metric.kind }}   1 234 · 45 % · 167,5 · — · < 5 · dolt
    {{ content.money.budget_total|amount }}       1 234 567 kr
    {{ content.money.used_share|percent }}        61 %
    {% report_charts content as charts %}         {{ charts.outcomes.svg }}

Numbers are grouped with non-breaking spaces so "1 234" never breaks over two lines.
"""

from __future__ import annotations

from typing import Any

from django import template

from samsyn.reporting.charts import ReportChart
from samsyn.reporting.charts import report_charts as build_report_charts
from samsyn.reporting.content_types import (
    ReportContent,
    SectionTable,
    content_from_json,
    is_derived_text,
    section_cell_kind,
)
from samsyn.reporting.documents.common import hidden_sentences
from samsyn.stats.chart_svg import amount_text, cell_text

register = template.Library()


@register.filter
def hidden_cells(content: ReportContent) -> list[str]:
    """What the content hides and why: "3 antal visas som ”< 5”: färre än 5 personer." …"""
    return hidden_sentences(content)


@register.filter
def cell(value: Any, kind: str = "count") -> str:
    """A cell of report content: a count, a share (``kind`` "share", 0–1 shown in percent) or
    a median; ``None`` is "—" and the text of a hidden count is shown as it is."""
    if value == "":  # a key the content does not have (no places planned, say)
        return "—"
    return cell_text(value, share=kind == "share")


@register.filter
def percent(value: Any) -> str:
    """A share from 0 to 1 as whole percent ("45 %"); anything else as a cell."""
    return cell_text(value, share=isinstance(value, int | float) and not isinstance(value, bool))


@register.filter
def amount(value: Any) -> str:
    """An amount of report content ("1234567.40") in whole kronor: "1 234 567 kr"."""
    if value is None:
        return "—"
    if is_derived_text(value):
        return str(value)  # a hidden cost per participant: "för få för att visa"
    return amount_text(value)


@register.filter
def has_definitions(table: SectionTable) -> bool:
    """Whether any row of a method section's table says what its figure means."""
    return any(row.get("definition") for row in table.get("rows", []))


@register.simple_tag
def report_charts(content: ReportContent | None) -> dict[str, ReportChart]:
    """The report's charts by id (``charts.outcomes``); a missing chart is simply absent."""
    return {chart.id: chart for chart in build_report_charts(content or content_from_json({}))}


def section_cell_text(value: Any, kind: str) -> str:
    if kind == "text":
        return "—" if value is None else str(value)
    if kind == "amount":
        return amount(value)
    if kind == "number" and isinstance(value, float):
        return cell_text(round(value, 1), share=False)
    return cell_text(value, share=kind == "share")


@register.filter
def section_rows(table: SectionTable) -> list[list[str]]:
    """The rows of a method section's table (samsyn/reporting/selectors/content_methods.py) as
    display texts; how a cell is shown is ``section_cell_kind``."""
    return [
        [
            section_cell_text(value, section_cell_kind(table, row, column))
            for column, value in enumerate(row["cells"])
        ]
        for row in table["rows"]
    ]
