"""The teams' collaboration figures in the förbund overview: one row per active team of the
förbund linked to one of its interventions (samsyn/collaboration/selectors/figures.py says
what "linked" means and defines every figure; docs/collaboration-cases.md).

For styrgrupp the counts of cases (people) are suppressed like every count of people: new,
continued and discussed as one line (discussed = new + continued, so a hidden one cannot be
worked out from the others), and the referred cases on their own. Meetings and actions are
not people and are shown as they are.

Queries: the teams (one) and, when there are any, the six of ``team_figures``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from samsyn.collaboration.selectors.figures import TeamFigures, team_figures, teams_linked_to
from samsyn.reporting.selectors.forbund import ForbundAccess
from samsyn.reporting.tables import Cell, CellKind, Column, ReportTable
from samsyn.stats.periods import Period
from samsyn.stats.suppression import Shown, Suppressed, is_small, suppress_table

# The metrics whose definitions the overview lists under the table.
TEAM_METRIC_IDS = (
    "collab_meetings_planned",
    "collab_meetings_held",
    "collab_full_attendance_share",
    "collab_party_presence",
    "collab_cases_new",
    "collab_cases_continued",
    "collab_cases_discussed",
    "collab_cases_referred",
    "collab_actions_on_time_share",
)
COLUMNS = (
    Column(_("Team"), CellKind.TEXT),
    Column(_("Planerade möten")),
    Column(_("Genomförda möten")),
    Column(_("Alla parter närvarande"), CellKind.SHARE),
    Column(_("Parternas närvaro"), CellKind.SHARE),
    Column(_("Nya ärenden")),
    Column(_("Fortsatta ärenden")),
    Column(_("Diskuterade ärenden")),
    Column(_("Blev anvisningar")),
    Column(_("Åtgärder klara i tid"), CellKind.SHARE),
)


def _cases(row: TeamFigures, *, suppress: bool, limit: int) -> tuple[Shown, ...]:
    counts = row.counts
    line = [
        counts["collab_cases_new"],
        counts["collab_cases_continued"],
        counts["collab_cases_discussed"],
    ]
    referred: Shown = counts["collab_cases_referred"]
    if not suppress:
        return (*line, referred)
    shown = suppress_table([line], row_totals=True, limit=limit).cells[0]
    if is_small(counts["collab_cases_referred"], limit):
        referred = Suppressed(limit=limit)
    return (*shown, referred)


def teams_table(access: ForbundAccess, period: Period) -> ReportTable | None:
    """The table, or None when no team of the förbund is linked to an intervention."""
    teams = list(
        teams_linked_to(access.interventions())
        .filter(forbund=access.forbund, is_active=True)
        .order_by("name")
    )
    if not teams:
        return None
    rows: list[tuple[Cell, ...]] = []
    for row in team_figures(teams, period):
        values = row.values
        rows.append(
            (
                row.team.name,
                row.counts["collab_meetings_planned"],
                row.counts["collab_meetings_held"],
                values["collab_full_attendance_share"]["total"],
                values["collab_party_presence"]["total"],
                *_cases(row, suppress=access.suppress, limit=access.limit),
                values["collab_actions_on_time_share"]["total"],
            )
        )
    return ReportTable(
        key="collaboration_teams",
        caption=_("Samverkansteam kopplade till förbundets insatser"),
        columns=COLUMNS,
        rows=rows,
        sheet_name=_("Samverkansteam"),
    )
