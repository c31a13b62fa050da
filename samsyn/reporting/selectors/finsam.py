"""The Uppföljning Finsam export (its audit event: samsyn/reporting/services/forbund_exports.py).

Uppföljning Finsam is Försäkringskassan's yearly follow-up of the samordningsförbund. Per
intervention of the förbund that runs in the year or has figures in it, one row with what the
follow-up asks of a förbund (each column's definition and source: docs/finsam-export.md):

- the intervention: name, inriktning (individinriktad or strukturövergripande), start and end;
- participants by gender: new (started in the year) and total (active on at least one day of
  the year; the metrics ``started`` and ``active``; anonymous registrations included,
  felregistrering never), and the annual plan's planned participants;
- the förbund's money: granted (the ``Grant`` rows of the year where a decision is recorded,
  otherwise the year's budget lines funded by the förbund) and used (the förbund-funded actual
  costs of the year's months); beside them the total project cost (every funder), labelled;
- for structural interventions their own measure: people trained and units (parties)
  reached by the trainings held in the year.

Amounts are whole kronor everywhere (rounded half up), the totals the sums of the rounded
rows. For styrgrupp the participant counts are suppressed exactly as on the page (the page's
totals row takes part in the suppression; the file leaves the totals row out, so it shows no
more than the page). Files: CSV (UTF-8 with BOM, ``;``) or XLSX (spreadsheet.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from samsyn.core.db.routers import reads_from_replica
from samsyn.interventions.selectors.trainings import trained_by_intervention
from samsyn.reporting.forms.forbund import year_period
from samsyn.reporting.selectors.forbund import (
    ForbundAccess,
    InterventionFigures,
    forbund_granted,
    intervention_figures,
    whole_kronor,
)
from samsyn.reporting.selectors.forbund_tables import TOTAL_LABEL, ForbundReport, shown_counts
from samsyn.reporting.tables import Cell, CellKind, Column, ReportTable
from samsyn.stats.suppression import Suppressed

FINSAM_COLUMNS = (
    Column(_("Insats"), CellKind.TEXT),
    Column(_("Inriktning"), CellKind.TEXT),
    Column(_("Startdatum"), CellKind.TEXT),
    Column(_("Slutdatum"), CellKind.TEXT),
    Column(_("Nya deltagare kvinnor"), CellKind.COUNT),
    Column(_("Nya deltagare män"), CellKind.COUNT),
    Column(_("Nya deltagare totalt"), CellKind.COUNT),
    Column(_("Deltagare kvinnor"), CellKind.COUNT),
    Column(_("Deltagare män"), CellKind.COUNT),
    Column(_("Deltagare totalt"), CellKind.COUNT),
    Column(_("Planerat antal deltagare"), CellKind.COUNT),
    Column(_("Förbundets medel: beviljat (kr)"), CellKind.MONEY),
    Column(_("Förbundets medel: använt (kr)"), CellKind.MONEY),
    Column(_("Total projektkostnad: budget (kr)"), CellKind.MONEY),
    Column(_("Total projektkostnad: utfall (kr)"), CellKind.MONEY),
    Column(_("Utbildade personer"), CellKind.COUNT),
    Column(_("Nådda enheter"), CellKind.COUNT),
)
# The participant counts: new (3) and total (3) by gender.
COUNT_SLICE = slice(4, 10)


@dataclass(frozen=True)
class FinsamMoney:
    """One row's money in whole kronor."""

    granted: Decimal
    used: Decimal
    budget: Decimal
    outcome: Decimal


def _money(item: InterventionFigures, granted: Decimal) -> FinsamMoney:
    # ``granted``: the one definition of ``forbund.forbund_granted`` (a recorded decision,
    # else the förbund-funded budget lines of the year; docs/finsam-export.md).
    return FinsamMoney(
        granted=whole_kronor(granted),
        used=whole_kronor(item.forbund_outcome),
        budget=whole_kronor(item.budget),
        outcome=whole_kronor(item.outcome),
    )


def _without_participants(counts: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """A structural intervention has no participants: its counts are left empty, unless the
    suppression hid one (an empty cell there would give the hidden one back)."""
    return tuple(cell if isinstance(cell, Suppressed) or cell else None for cell in counts)


def _rows(
    figures: Sequence[InterventionFigures],
    counts: Sequence[tuple[Cell, ...]],
    granted: Sequence[Decimal],
    trained: dict[int, tuple[int, int]],
) -> tuple[list[tuple[Cell, ...]], list[FinsamMoney]]:
    rows: list[tuple[Cell, ...]] = []
    moneys: list[FinsamMoney] = []
    for item, shown, grant in zip(figures, counts, granted, strict=True):
        intervention = item.intervention
        money = _money(item, grant)
        moneys.append(money)
        individual = intervention.is_individual
        people, units = trained.get(intervention.pk, (0, 0))
        rows.append(
            (
                intervention.name,
                str(intervention.get_orientation_display()),
                intervention.start_date.isoformat(),
                intervention.end_date.isoformat() if intervention.end_date else "",
                *(shown if individual else _without_participants(shown)),
                item.planned,
                money.granted,
                money.used,
                money.budget,
                money.outcome,
                None if individual else people,
                None if individual else units,
            )
        )
    return rows, moneys


@reads_from_replica()
def finsam_report(access: ForbundAccess, year: int) -> ForbundReport:
    """The Uppföljning Finsam table of ``year``, with a totals row for the page."""
    period = year_period(year)
    figures = intervention_figures(access, period)
    interventions = [item.intervention for item in figures]
    granted = forbund_granted(figures, period)
    trained = trained_by_intervention(access.interventions(), period)
    started = shown_counts(figures, "started", suppress=access.suppress, limit=access.limit)
    active = shown_counts(figures, "active", suppress=access.suppress, limit=access.limit)
    counts = [(*new, *total) for new, total in zip(started, active, strict=True)]
    # ``counts`` ends with the totals row.
    rows, moneys = _rows(figures, counts[:-1], granted, trained)
    planned = [item.planned for item in figures if item.planned is not None]
    structural = [trained.get(i.pk, (0, 0)) for i in interventions if not i.is_individual]
    total: tuple[Cell, ...] = (
        str(TOTAL_LABEL),
        "",
        "",
        "",
        *counts[-1],
        sum(planned) if planned else None,
        *(sum((getattr(m, name) for m in moneys), Decimal(0)) for name in FINSAM_MONEY),
        sum(people for people, _units in structural) if structural else None,
        sum(units for _people, units in structural) if structural else None,
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


FINSAM_MONEY = ("granted", "used", "budget", "outcome")


def finsam_export_table(report: ForbundReport) -> ReportTable:
    """The file's table: the page's rows without the totals row (one row per intervention)."""
    table = report.tables[0]
    return ReportTable(key=table.key, caption=table.caption, columns=table.columns, rows=table.rows)


__all__ = [
    "FINSAM_COLUMNS",
    "finsam_export_table",
    "finsam_report",
    "whole_kronor",
]
