"""The Uppföljning Finsam export (its audit event: samsyn/reporting/services/forbund_exports.py).

Uppföljning Finsam (Försäkringskassan's follow-up system for financial coordination) takes,
per intervention and year, only the number of participants by gender, the planned number and
the money. One row per intervention of the förbund that runs in the year or has figures in
it:

    Insats; Deltagare kvinnor; Deltagare män; Deltagare totalt; Planerat antal deltagare;
    Budget (kr); Utfall (kr)

- participants: registrations active on at least one day of the year (the metric ``active``;
  anonymous registrations included, felregistrering never);
- planned: the intervention's annual plan for the year (empty without one);
- budget: the budget lines of the year; outcome: the actual costs of the year's months.

For styrgrupp the counts are suppressed exactly as on the page (the page's totals row takes
part in the suppression; the file leaves the totals row out, so it shows no more than the
page). Files: CSV (UTF-8 with BOM, ``;``) or XLSX (samsyn/reporting/spreadsheet.py).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samsyn.interventions.selectors.finance import ZERO
from samsyn.reporting.forms.forbund import year_period
from samsyn.reporting.selectors.forbund import ForbundAccess, intervention_figures
from samsyn.reporting.selectors.forbund_tables import TOTAL_LABEL, ForbundReport, shown_counts
from samsyn.reporting.tables import Cell, CellKind, Column, ReportTable

FINSAM_COLUMNS = (
    Column(_("Insats"), CellKind.TEXT),
    Column(_("Deltagare kvinnor"), CellKind.COUNT),
    Column(_("Deltagare män"), CellKind.COUNT),
    Column(_("Deltagare totalt"), CellKind.COUNT),
    Column(_("Planerat antal deltagare"), CellKind.COUNT),
    Column(_("Budget (kr)"), CellKind.MONEY),
    Column(_("Utfall (kr)"), CellKind.MONEY),
)


def finsam_report(access: ForbundAccess, year: int) -> ForbundReport:
    """The Uppföljning Finsam table of ``year``, with a totals row for the page."""
    period = year_period(year)
    figures = intervention_figures(access, period)
    active = shown_counts(figures, "active", suppress=access.suppress, limit=access.limit)
    rows: list[tuple[Cell, ...]] = [
        (item.intervention.name, *counts, item.planned, item.budget, item.outcome)
        # ``active`` ends with the totals row.
        for item, counts in zip(figures, active[:-1], strict=True)
    ]
    planned = [item.planned for item in figures if item.planned is not None]
    total: tuple[Cell, ...] = (
        str(TOTAL_LABEL),
        *active[-1],
        sum(planned) if planned else None,
        sum((item.budget for item in figures), ZERO),
        sum((item.outcome for item in figures), ZERO),
    )
    table = ReportTable(
        key="finsam",
        caption=_("Uppföljning Finsam %(year)d") % {"year": year},
        columns=FINSAM_COLUMNS,
        rows=rows,
        total_rows=[total],
    )
    return ForbundReport(
        access=access, period=period, title=_("Uppföljning Finsam"), tables=[table]
    )


def finsam_export_table(report: ForbundReport) -> ReportTable:
    """The file's table: the page's rows without the totals row (one row per intervention)."""
    table = report.tables[0]
    return ReportTable(key=table.key, caption=table.caption, columns=table.columns, rows=table.rows)


__all__ = [
    "FINSAM_COLUMNS",
    "finsam_export_table",
    "finsam_report",
]
