"""Two of the standard reports SUS used to give, over all interventions of a förbund:

- **Deltagarrapport**: the status of the participants who ended in the period, before and
  after — income source before → at exit (``breakdowns.income_transitions``) and occupation
  at start and at exit — split by gender;
- **Kostnadsrapport**: funds by funder (``finance.financing_by_source``), the interventions'
  budget and outcome as the förbund's money beside the total project cost (issue #12), the
  förbund's administration, and the förbund's total: its money in the interventions plus
  its administration.

Constant queries: the Deltagarrapport two, the Kostnadsrapport five.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from samsyn.core.db.routers import reads_from_replica
from samsyn.interventions.models import AdministrationCost
from samsyn.interventions.selectors.finance import ZERO, financing_by_source, period_years
from samsyn.participants.models.choices import Occupation
from samsyn.participants.selectors.metrics import countable_registrations
from samsyn.reporting.selectors.breakdowns import income_transitions
from samsyn.reporting.selectors.forbund import ForbundAccess, intervention_figures
from samsyn.reporting.selectors.forbund_tables import (
    GENDER_LABELS,
    INTERVENTION_COLUMN,
    TOTAL_LABEL,
    ForbundReport,
)
from samsyn.reporting.tables import (
    Cell,
    CellKind,
    Column,
    Definition,
    ReportTable,
    Triple,
    suppressed_before_after_table,
    suppressed_gender_table,
)
from samsyn.stats.metrics import GENDERS
from samsyn.stats.periods import Period

UNKNOWN_OCCUPATION = ""

PARTICIPANT_DEFINITIONS = (
    Definition(
        _("Vilka som räknas"),
        _(
            "Inskrivningar i förbundets insatser vars slutdatum ligger i perioden, anonyma "
            "inskrivningar medräknade. Felregistreringar räknas aldrig."
        ),
    ),
    Definition(
        _("Försörjning före → efter"),
        _(
            "Antal avslutade per par av försörjning vid start och vid avslut. Den som hade "
            "två källor räknas i båda paren; den som saknar uppgift vid start eller avslut "
            "finns inte i tabellen."
        ),
    ),
    Definition(
        _("Sysselsättning"),
        _("Sysselsättning vid start och vid avslut för samma avslutade inskrivningar."),
    ),
)


def _income_table(access: ForbundAccess, period: Period) -> ReportTable:
    rows = income_transitions(access.interventions(), period)
    counts: list[Triple] = [
        (row.counts.get(GENDERS[0], 0), row.counts.get(GENDERS[1], 0), row.counts["total"])
        for row in rows
    ]
    shown = suppressed_gender_table(
        counts, with_total_row=False, suppress=access.suppress, limit=access.limit
    )
    group = _("Avslutade")
    return ReportTable(
        key="forsorjning",
        caption=_("Försörjning före → efter"),
        sheet_name=_("Försörjning"),
        columns=[
            Column(_("Försörjning före → efter"), CellKind.TEXT),
            *(Column(label, CellKind.COUNT, group=group) for label in GENDER_LABELS),
        ],
        rows=[(row.label, *cells) for row, cells in zip(rows, shown, strict=True)],
    )


def _occupation_counts(
    access: ForbundAccess, period: Period
) -> tuple[dict[str, Triple], dict[str, Triple]]:
    """(at start, at exit) per occupation of the registrations ended in the period."""
    rows = (
        countable_registrations(access.interventions())
        .filter(end_date__range=(period.start, period.end))
        .values("occupation_before", "occupation_after", "person__gender")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    before: dict[str, list[int]] = {}
    after: dict[str, list[int]] = {}
    for row in rows:
        for table, key in ((before, row["occupation_before"]), (after, row["occupation_after"])):
            _add(table.setdefault(key or UNKNOWN_OCCUPATION, [0, 0, 0]), row)
    return (
        {key: (v[0], v[1], v[2]) for key, v in before.items()},
        {key: (v[0], v[1], v[2]) for key, v in after.items()},
    )


def _add(counts: list[int], row: Mapping[str, Any]) -> None:
    if row["person__gender"] in GENDERS:
        counts[GENDERS.index(row["person__gender"])] += row["n"]
    counts[2] += row["n"]


def _occupation_table(access: ForbundAccess, period: Period) -> ReportTable:
    before, after = _occupation_counts(access, period)
    keys: list[tuple[str, str]] = [(code, str(label)) for code, label in Occupation.choices]
    if UNKNOWN_OCCUPATION in before or UNKNOWN_OCCUPATION in after:
        keys.append((UNKNOWN_OCCUPATION, str(_("Uppgift saknas"))))
    empty: Triple = (0, 0, 0)
    shown = suppressed_before_after_table(
        [before.get(code, empty) for code, _label in keys],
        [after.get(code, empty) for code, _label in keys],
        suppress=access.suppress,
        limit=access.limit,
    )
    labels = [label for _code, label in keys] + [str(TOTAL_LABEL)]
    rows: list[tuple[Cell, ...]] = [
        (label, *cells) for label, cells in zip(labels, shown, strict=True)
    ]
    start, end = _("Vid start"), _("Vid avslut")
    return ReportTable(
        key="sysselsattning",
        caption=_("Sysselsättning vid start och vid avslut"),
        sheet_name=_("Sysselsättning"),
        columns=[
            Column(_("Sysselsättning"), CellKind.TEXT),
            *(Column(label, CellKind.COUNT, group=start) for label in GENDER_LABELS),
            *(Column(label, CellKind.COUNT, group=end) for label in GENDER_LABELS),
        ],
        rows=rows[:-1],
        total_rows=rows[-1:],
    )


@reads_from_replica()
def forbund_participant_report(access: ForbundAccess, period: Period) -> ForbundReport:
    """Deltagarrapport: status before and after of the participants who ended in ``period``."""
    return ForbundReport(
        access=access,
        period=period,
        title=_("Deltagarrapport"),
        tables=[_income_table(access, period), _occupation_table(access, period)],
        definitions=list(PARTICIPANT_DEFINITIONS),
    )


# --- Kostnadsrapport --------------------------------------------------------------------------

AMOUNT = _("Belopp (kr)")
BUDGET = _("Budget (kr)")
OUTCOME = _("Utfall (kr)")
FORBUND_BUDGET = _("Förbundets medel: budget (kr)")
FORBUND_OUTCOME = _("Förbundets medel: utfall (kr)")
TOTAL_BUDGET = _("Total projektkostnad: budget (kr)")
TOTAL_OUTCOME = _("Total projektkostnad: utfall (kr)")

COST_DEFINITIONS = (
    Definition(
        _("Medel per finansiär"),
        _(
            "Finansieringen av förbundets insatser för de kalenderår perioden berör, per "
            "finansiär och, för parters egenfinansiering, per part."
        ),
    ),
    Definition(
        _("Insatskostnader"),
        _(
            "Budget: insatsernas budgetrader för de kalenderår perioden berör. Utfall: de "
            "faktiska kostnaderna för månaderna i perioden. Förbundets medel är raderna som "
            "samordningsförbundet finansierar; total projektkostnad är alla rader oavsett "
            "finansiär (parters egenfinansiering i pengar och i natura, sålda platser, andra "
            "intäkter)."
        ),
    ),
    Definition(
        _("Administration"),
        _("Förbundets egna administrationskostnader för de kalenderår perioden berör."),
    ),
    Definition(
        _("Totalt"),
        _("Förbundets medel i insatserna och förbundets administration tillsammans."),
    ),
)


def _financing_table(access: ForbundAccess, period: Period) -> ReportTable:
    summary = financing_by_source(access.interventions(), period_years(period))
    rows: list[tuple[Cell, ...]] = [
        (f"{row.label}: {row.party_name}" if row.party_name else row.label, row.amount)
        for row in summary.rows
    ]
    return ReportTable(
        key="finansiering",
        caption=_("Medel per finansiär"),
        columns=[Column(_("Finansiär"), CellKind.TEXT), Column(AMOUNT, CellKind.MONEY)],
        rows=rows,
        total_rows=[(str(TOTAL_LABEL), summary.total)],
    )


def _money_columns(first: Column) -> list[Column]:
    return [first, Column(BUDGET, CellKind.MONEY), Column(OUTCOME, CellKind.MONEY)]


def _administration(access: ForbundAccess, period: Period) -> ReportTable:
    costs = list(
        AdministrationCost.objects.filter(forbund=access.forbund, year__in=period_years(period))
        .order_by("year")
        .values_list("year", "budget", "amount")
    )
    return ReportTable(
        key="administration",
        caption=_("Administration"),
        columns=_money_columns(Column(_("År"), CellKind.TEXT)),
        rows=[(str(year), budget, amount) for year, budget, amount in costs],
        total_rows=[
            (
                str(TOTAL_LABEL),
                sum((budget for _y, budget, _a in costs), ZERO),
                sum((amount for _y, _b, amount in costs), ZERO),
            )
        ],
    )


def _sum_column(table: ReportTable, index: int) -> Decimal:
    value = table.total_rows[0][index]
    return value if isinstance(value, Decimal) else ZERO


@reads_from_replica()
def forbund_cost_report(access: ForbundAccess, period: Period) -> ForbundReport:
    """Kostnadsrapport: funds by funder, intervention costs (the förbund's money and the
    total project cost), administration and the förbund's total."""
    figures = intervention_figures(access, period)
    names = ("forbund_budget", "forbund_outcome", "budget", "outcome")
    sums = [sum((getattr(item, name) for item in figures), ZERO) for name in names]
    interventions = ReportTable(
        key="insatskostnader",
        caption=_("Insatskostnader"),
        columns=[
            INTERVENTION_COLUMN,
            *(Column(label, CellKind.MONEY) for label in INTERVENTION_MONEY),
        ],
        rows=[
            (item.intervention.name, *(getattr(item, name) for name in names)) for item in figures
        ],
        total_rows=[(str(TOTAL_LABEL), *sums)],
    )
    administration = _administration(access, period)
    admin_budget, admin_outcome = _sum_column(administration, 1), _sum_column(administration, 2)
    budget, outcome = sums[0], sums[1]
    total = ReportTable(
        key="totalt",
        caption=_("Totalt"),
        columns=_money_columns(Column(_("Förbundets kostnad"), CellKind.TEXT)),
        rows=[
            (str(_("Insatskostnader, förbundets medel")), budget, outcome),
            (str(_("Administration")), admin_budget, admin_outcome),
        ],
        total_rows=[(str(TOTAL_LABEL), budget + admin_budget, outcome + admin_outcome)],
    )
    return ForbundReport(
        access=access,
        period=period,
        title=_("Kostnadsrapport"),
        tables=[_financing_table(access, period), interventions, administration, total],
        definitions=list(COST_DEFINITIONS),
    )


INTERVENTION_MONEY = (FORBUND_BUDGET, FORBUND_OUTCOME, TOTAL_BUDGET, TOTAL_OUTCOME)


__all__ = ["forbund_cost_report", "forbund_participant_report"]
