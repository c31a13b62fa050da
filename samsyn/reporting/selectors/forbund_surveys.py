"""The survey results in the förbund overview (issue #13, item 5): per instrument version and
respondent group, over every survey of the förbund in the period, the share positive per
indicator. The figures and their suppression are the surveys app's
(samsyn/surveys/selectors/report_sections.py, docs/surveys.md): nothing is shown for fewer
than 5 respondents, for the förbundsadministratör as for the styrgrupp. Free-text answers are
never part of it.

Queries: see ``forbund_survey_lines``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samsyn.reporting.selectors.forbund import ForbundAccess
from samsyn.reporting.tables import Cell, CellKind, Column, Definition, ReportTable
from samsyn.stats.periods import Period
from samsyn.surveys.selectors.report_sections import forbund_survey_lines

COLUMNS = (
    Column(_("Enkät och svarsgrupp"), CellKind.TEXT),
    Column(_("Svar")),
    Column(_("Svarsfrekvens"), CellKind.TEXT),
    Column(_("Indikator"), CellKind.TEXT),
    Column(_("Svarande"), CellKind.COUNT),
    Column(_("Andel positiva"), CellKind.TEXT),
)

SURVEY_DEFINITIONS = (
    Definition(
        _("Andel positiva"),
        _(
            "Positiva svar delat med alla svar på indikatorns frågor, för svar som lämnats "
            "under perioden i förbundets alla enkäter med samma instrumentversion och "
            "svarsgrupp. Vilka svar som är positiva anger instrumentet. Ingenting visas för "
            "färre än 5 svarande."
        ),
    ),
    Definition(
        _("Svarsfrekvens"),
        _("Svar under perioden delat med målet för antal svar i enkäterna som pågick då."),
    ),
)


def surveys_table(access: ForbundAccess, period: Period) -> ReportTable | None:
    """The table, or None when the förbund has no survey in the period."""
    lines = forbund_survey_lines(access.forbund, period)
    if not lines:
        return None
    rows: list[tuple[Cell, ...]] = [
        (
            line.scope,
            line.responses,
            line.response_rate_text,
            line.indicator,
            line.respondents,
            line.share_text,
        )
        for line in lines
    ]
    return ReportTable(
        key="surveys",
        caption=_("Enkätresultat, andel positiva per indikator"),
        columns=COLUMNS,
        rows=rows,
        sheet_name=_("Enkätresultat"),
    )
