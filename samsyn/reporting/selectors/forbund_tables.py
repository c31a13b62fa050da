"""The förbund overview and the Insatsrapport as report tables (page and export alike).

Both start from ``intervention_figures`` (five queries; the overview one more for the
förbund's grants, ``forbund_granted``) and are suppressed for styrgrupp:
every kvinna / man / total count table is suppressed together with its totals row
(``suppressed_gender_table``); a share is hidden when its numerator or denominator would be
(the numerators — ended to work or studies, ended with a step forward — are suppressed as a
column with their total although they are not shown, since the share and the shown
denominator would give them back); cost per participant is hidden when the number of active
participants is, since outcome ÷ cost would give it back.

The overview is two tables (issue #12, item 5): the participants, and the money — the
förbund's money (granted, used, per active participant) beside the total project cost
(budget, outcome, per active participant), each labelled — so that neither is too wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samsyn.core.db.routers import reads_from_replica
from samsyn.interventions.selectors.finance import ZERO, cost_per_participant
from samsyn.reporting.selectors.forbund import (
    ForbundAccess,
    InterventionFigures,
    forbund_granted,
    intervention_figures,
    whole_kronor,
)
from samsyn.reporting.selectors.forbund_surveys import SURVEY_DEFINITIONS, surveys_table
from samsyn.reporting.selectors.forbund_teams import TEAM_METRIC_IDS, teams_table
from samsyn.reporting.tables import (
    Cell,
    CellKind,
    Column,
    Definition,
    ReportTable,
    ShownTriple,
    suppressed_column,
    suppressed_gender_table,
)
from samsyn.stats.metrics import metric_get, share
from samsyn.stats.periods import Period
from samsyn.stats.suppression import SMALL_COUNT, Shown, Suppressed, suppress_share

GENDER_LABELS = (_("Kvinnor"), _("Män"), _("Totalt"))
TOTAL_LABEL = _("Totalt")
INTERVENTION_COLUMN = Column(_("Insats"), CellKind.TEXT)


@dataclass
class ForbundReport:
    """What a report page shows and its download holds."""

    access: ForbundAccess
    period: Period
    title: str | Promise
    tables: list[ReportTable] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)

    @property
    def hidden_counts(self) -> tuple[int, int, int]:
        """(counts below the limit, counts hidden to protect another, derived figures hidden)
        of all tables."""
        counts = [table.hidden_counts() for table in self.tables]
        return sum(c[0] for c in counts), sum(c[1] for c in counts), sum(c[2] for c in counts)


def gender_columns(metric_id: str) -> list[Column]:
    group = metric_get(metric_id).name
    return [Column(label, CellKind.COUNT, group=group) for label in GENDER_LABELS]


def metric_definitions(*metric_ids: str) -> list[Definition]:
    return [
        Definition(metric_get(metric_id).name, metric_get(metric_id).definition)
        for metric_id in metric_ids
    ]


def shown_counts(
    figures: Sequence[InterventionFigures],
    key: str,
    *,
    suppress: bool,
    limit: int = SMALL_COUNT,
    since_start: bool = False,
) -> list[ShownTriple]:
    """The (kvinna, man, total) of ``key`` per intervention and a last totals row; with
    ``since_start`` the counts from the start to the period's end (suppressed on their own)."""
    counts = [item.count_since_start(key) if since_start else item.count(key) for item in figures]
    return suppressed_gender_table(counts, with_total_row=True, suppress=suppress, limit=limit)


def _total_index_column(
    figures: Sequence[InterventionFigures], key: str, *, suppress: bool, limit: int
) -> list[Shown]:
    totals = [item.count(key)[2] for item in figures]
    return suppressed_column([*totals, sum(totals)], suppress=suppress, limit=limit)


def _shares(
    figures: Sequence[InterventionFigures],
    numerator_key: str,
    ended: list[ShownTriple],
    *,
    suppress: bool,
    limit: int,
) -> list[float | Shown | None]:
    """The share of the total column per row (and the totals row); ``ended`` are the shown
    counts of ended per row, the share's denominators."""
    fractions = [(item.count(numerator_key)[2], item.count("ended")[2]) for item in figures]
    fractions.append((sum(n for n, _d in fractions), sum(d for _n, d in fractions)))
    values = [share(numerator, denominator) for numerator, denominator in fractions]
    if not suppress:
        return list(values)
    shown_numerators = _total_index_column(figures, numerator_key, suppress=suppress, limit=limit)
    return [
        suppress_share(value, numerator, ended_row[2])
        for value, numerator, ended_row in zip(values, shown_numerators, ended, strict=True)
    ]


def _cost(outcome: Decimal, active_total: int, shown_active: Shown) -> Decimal | Shown | None:
    if isinstance(shown_active, Suppressed):
        # A cost per participant is a derived figure: "för få för att visa", not "dolt".
        return Suppressed.figure(shown_active.limit)
    return cost_per_participant(outcome, active_total)


def _overview_columns() -> list[Column]:
    return [
        INTERVENTION_COLUMN,
        *gender_columns("active"),
        *gender_columns("started"),
        *gender_columns("ended"),
        Column(metric_get("share_work_or_studies").name, CellKind.SHARE),
        Column(metric_get("share_step_forward").name, CellKind.SHARE),
        Column(_("Planerat antal deltagare"), CellKind.COUNT),
    ]


# The same labels as the Finsam export, the Kostnadsrapport and the dashboard.
OVERVIEW_MONEY_COLUMNS = (
    INTERVENTION_COLUMN,
    Column(_("Förbundets medel: beviljat (kr)"), CellKind.MONEY),
    Column(_("Förbundets medel: använt (kr)"), CellKind.MONEY),
    Column(_("Förbundets medel per aktiv deltagare (kr)"), CellKind.MONEY),
    Column(_("Total projektkostnad: budget (kr)"), CellKind.MONEY),
    Column(_("Total projektkostnad: utfall (kr)"), CellKind.MONEY),
    Column(_("Total projektkostnad per aktiv deltagare (kr)"), CellKind.MONEY),
)


def _planned_total(figures: Sequence[InterventionFigures]) -> int | None:
    planned = [item.planned for item in figures if item.planned is not None]
    return sum(planned) if planned else None


@dataclass(frozen=True)
class _OverviewLine:
    """The unsuppressed figures of one overview row: an intervention or the totals."""

    name: str
    planned: int | None
    granted: Decimal
    used: Decimal
    budget: Decimal
    outcome: Decimal
    active_total: int


@dataclass(frozen=True)
class _ShownLine:
    """The suppressed figures of one overview row (suppressed column by column)."""

    active: ShownTriple
    started: ShownTriple
    ended: ShownTriple
    work: float | Shown | None
    step: float | Shown | None


def _overview_lines(
    figures: Sequence[InterventionFigures], granted: Sequence[Decimal]
) -> list[_OverviewLine]:
    lines = [
        _OverviewLine(
            name=item.intervention.name,
            planned=item.planned,
            granted=whole_kronor(grant),
            used=whole_kronor(item.forbund_outcome),
            budget=whole_kronor(item.budget),
            outcome=whole_kronor(item.outcome),
            active_total=item.count("active")[2],
        )
        for item, grant in zip(figures, granted, strict=True)
    ]
    total = _OverviewLine(
        name=str(TOTAL_LABEL),
        planned=_planned_total(figures),
        granted=sum((line.granted for line in lines), ZERO),
        used=sum((line.used for line in lines), ZERO),
        budget=sum((line.budget for line in lines), ZERO),
        outcome=sum((line.outcome for line in lines), ZERO),
        active_total=sum(line.active_total for line in lines),
    )
    return [*lines, total]


def _shown_lines(
    figures: Sequence[InterventionFigures], *, suppress: bool, limit: int
) -> list[_ShownLine]:
    """One record per row (and the totals row) of the counts and shares as shown."""
    active = shown_counts(figures, "active", suppress=suppress, limit=limit)
    started = shown_counts(figures, "started", suppress=suppress, limit=limit)
    ended = shown_counts(figures, "ended", suppress=suppress, limit=limit)
    work = _shares(figures, "ended_work_or_studies", ended, suppress=suppress, limit=limit)
    step = _shares(figures, "ended_step_forward", ended, suppress=suppress, limit=limit)
    return [_ShownLine(*cells) for cells in zip(active, started, ended, work, step, strict=True)]


def overview_tables(
    figures: Sequence[InterventionFigures],
    granted: Sequence[Decimal],
    *,
    suppress: bool,
    limit: int = SMALL_COUNT,
) -> tuple[ReportTable, ReportTable]:
    """(participants, money): one row per item of ``figures`` and a totals row each;
    ``granted`` is the förbund's granted money per item (``forbund_granted``). Money in
    whole kronor, the totals the sums of the rounded rows (as in the Finsam export)."""
    shown_lines = _shown_lines(figures, suppress=suppress, limit=limit)
    lines = list(zip(_overview_lines(figures, granted), shown_lines, strict=True))
    people: list[tuple[Cell, ...]] = [
        (
            line.name,
            *shown.active,
            *shown.started,
            *shown.ended,
            shown.work,
            shown.step,
            line.planned,
        )
        for line, shown in lines
    ]
    money: list[tuple[Cell, ...]] = [
        (
            line.name,
            line.granted,
            line.used,
            _cost(line.used, line.active_total, shown.active[2]),
            line.budget,
            line.outcome,
            _cost(line.outcome, line.active_total, shown.active[2]),
        )
        for line, shown in lines
    ]
    return (
        ReportTable(
            key="oversikt",
            caption=_("Förbundets insatser i perioden"),
            sheet_name=_("Deltagare"),
            columns=_overview_columns(),
            rows=people[:-1],
            total_rows=people[-1:],
        ),
        ReportTable(
            key="medel",
            caption=_("Förbundets medel och total projektkostnad per insats"),
            sheet_name=_("Medel"),
            columns=OVERVIEW_MONEY_COLUMNS,
            rows=money[:-1],
            total_rows=money[-1:],
        ),
    )


OVERVIEW_DEFINITIONS = (
    Definition(
        _("Planerat antal deltagare"),
        _("Summan av insatsernas årsplaner för de kalenderår perioden berör."),
    ),
    Definition(
        _("Förbundets medel: beviljat"),
        _(
            "För varje kalenderår perioden berör: de medel förbundet beviljat i ett "
            "registrerat beslut, och för ett år utan beslut de budgetrader som "
            "samordningsförbundet finansierar."
        ),
    ),
    Definition(
        _("Förbundets medel: använt"),
        _("De faktiska kostnader som samordningsförbundet finansierar, för månaderna i perioden."),
    ),
    Definition(
        _("Total projektkostnad"),
        _(
            "Budget: alla budgetrader för de kalenderår perioden berör. Utfall: alla faktiska "
            "kostnader för månaderna i perioden. Oavsett finansiär: även parters "
            "egenfinansiering i pengar och i natura, sålda platser och andra intäkter."
        ),
    ),
    Definition(
        _("Per aktiv deltagare"),
        _(
            "Förbundets använda medel respektive den totala projektkostnadens utfall delat "
            "med antalet aktiva (totalt), avrundat till hela kronor."
        ),
    ),
)


@reads_from_replica()
def forbund_overview(access: ForbundAccess, period: Period) -> ForbundReport:
    figures = intervention_figures(access, period)
    people, money = overview_tables(
        figures, forbund_granted(figures, period), suppress=access.suppress, limit=access.limit
    )
    definitions = metric_definitions(
        "active", "started", "ended", "share_work_or_studies", "share_step_forward"
    )
    # The teams' collaboration figures, when a team is linked to an intervention.
    teams = teams_table(access, period)
    # The survey results, when the förbund has a survey in the period.
    surveys = surveys_table(access, period)
    return ForbundReport(
        access=access,
        period=period,
        title=_("Förbundsöversikt"),
        tables=[table for table in (people, money, teams, surveys) if table is not None],
        definitions=[
            *definitions,
            *OVERVIEW_DEFINITIONS,
            *(metric_definitions(*TEAM_METRIC_IDS) if teams is not None else []),
            *(SURVEY_DEFINITIONS if surveys is not None else ()),
        ],
    )


INTERVENTION_REPORT_KEYS = ("started", "active", "ended", "anonymous_started")


def since_start_columns(metric_id: str) -> list[Column]:
    group = _("%(name)s sedan start") % {"name": metric_get(metric_id).name}
    return [Column(label, CellKind.COUNT, group=group) for label in GENDER_LABELS]


def intervention_report_table(
    figures: Sequence[InterventionFigures],
    *,
    suppress: bool,
    limit: int = SMALL_COUNT,
    since_start: bool = False,
) -> ReportTable:
    """Per intervention the counts of the period and (``since_start``) from each
    intervention's start to the period's end, side by side, each group suppressed on its own
    with its totals row."""
    columns = [INTERVENTION_COLUMN]
    groups: list[tuple[str, bool]] = []
    for key in INTERVENTION_REPORT_KEYS:
        columns.extend(gender_columns(key))
        groups.append((key, False))
        if since_start:
            columns.extend(since_start_columns(key))
            groups.append((key, True))
    # Suppressed group by group (a column group with its totals row), then read row by row.
    by_row = zip(
        *(
            shown_counts(figures, key, suppress=suppress, limit=limit, since_start=cumulative)
            for key, cumulative in groups
        ),
        strict=True,
    )
    names = [item.intervention.name for item in figures] + [str(TOTAL_LABEL)]
    rows: list[tuple[Cell, ...]] = [
        (name, *(cell for triple in triples for cell in triple))
        for name, triples in zip(names, by_row, strict=True)
    ]
    return ReportTable(
        key="insatser",
        caption=_("Deltagare per insats"),
        columns=columns,
        rows=rows[:-1],
        total_rows=rows[-1:],
    )


@reads_from_replica()
def forbund_intervention_report(access: ForbundAccess, period: Period) -> ForbundReport:
    """Insatsrapport: per intervention started, active, ended and anonymously started, in the
    period and since the start."""
    figures = intervention_figures(access, period, since_start=True)
    table = intervention_report_table(
        figures, suppress=access.suppress, limit=access.limit, since_start=True
    )
    return ForbundReport(
        access=access,
        period=period,
        title=_("Insatsrapport"),
        tables=[table],
        definitions=metric_definitions(*INTERVENTION_REPORT_KEYS),
    )


__all__ = [
    "GENDER_LABELS",
    "Definition",
    "ForbundReport",
    "forbund_intervention_report",
    "forbund_overview",
    "gender_columns",
    "intervention_report_table",
    "metric_definitions",
    "overview_tables",
    "shown_counts",
]
