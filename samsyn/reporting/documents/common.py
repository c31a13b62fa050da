"""What every report document shows, independent of the file format.

The figures come from one report content (``ReportContent``,
samsyn/reporting/content_types.py); this module turns it into titled tables of typed cells
(each table built from one list of columns over one list of records), so the PDF, DOCX and
XLSX show exactly the same figures, and into the title block (intervention, period, status)
and the narrative.

A cell's value is a number, ``None`` ("—") or the text of a hidden count ("< 5", "dolt").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from samsyn.reporting.content_types import (
    BreakdownContent,
    BreakdownRowContent,
    FinancingRowContent,
    GenderCells,
    GoalContent,
    MetricContent,
    MoneyContent,
    MoneyRowContent,
    MonthCells,
    MonthlyOutcomeContent,
    ReportContent,
    SectionTable,
    followup_figures,
    section_cell_kind,
)
from samsyn.stats.numbers import percent_text
from samsyn.stats.suppression import SMALL_COUNT, hidden_reasons

if TYPE_CHECKING:
    from samsyn.reporting.models import PeriodReport

R = TypeVar("R")
V = TypeVar("V")

NARRATIVE_FIELDS = ("observations", "focus", "causes", "conclusions", "proposed_actions")
EMPTY = "—"


class CellKind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    SHARE = "share"  # 0–1
    NUMBER = "number"  # days and other decimals
    AMOUNT = "amount"  # kronor, a Decimal


@dataclass(frozen=True)
class DocCell:
    value: Any
    kind: CellKind = CellKind.TEXT

    @property
    def hidden(self) -> bool:
        """A suppressed count ("< 5" / "dolt") in a numeric column."""
        return self.kind is not CellKind.TEXT and isinstance(self.value, str)

    @property
    def text(self) -> str:
        value = self.value
        if value is None or value == "":
            return EMPTY if self.kind is not CellKind.TEXT else ""
        if isinstance(value, str):
            return value
        if self.kind is CellKind.SHARE:
            return percent_text(value)  # the one rule for shares (samsyn/stats/numbers.py)
        if self.kind is CellKind.NUMBER:
            return str(number_format(value, 1))
        if self.kind is CellKind.AMOUNT:
            return f"{number_format(value, 2, force_grouping=True)} kr"
        return str(value)


@dataclass(frozen=True)
class DocTable:
    title: str
    headers: list[str]
    rows: list[list[DocCell]]
    note: str = ""


@dataclass(frozen=True)
class DocPart:
    """A part of the report: a heading in PDF/DOCX, a sheet in XLSX."""

    title: str
    tables: list[DocTable] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    intervention: str
    forbund: str
    period_text: str
    status_text: str
    is_draft: bool
    generated_on: str
    audience_text: str
    narrative: list[tuple[str, str]]
    filename_stem: str


def text(value: object) -> DocCell:
    return DocCell("" if value is None else str(value), CellKind.TEXT)


def amount(value: object) -> DocCell:
    if value is None or value == "":
        return DocCell(None, CellKind.AMOUNT)
    try:
        return DocCell(Decimal(str(value)), CellKind.AMOUNT)
    except InvalidOperation:
        return DocCell(str(value), CellKind.AMOUNT)


@dataclass(frozen=True)
class DocColumn(Generic[R]):
    """A column of a document table: its header and its cell of a record (a row)."""

    header: str
    cell: Callable[[R], DocCell]


def doc_table(
    title: str, columns: Sequence[DocColumn[R]], records: Iterable[R], note: str = ""
) -> DocTable:
    """A table of one row per record; headers and cells come from the same columns."""
    return DocTable(
        title,
        [column.header for column in columns],
        [[column.cell(record) for column in columns] for record in records],
        note,
    )


@dataclass(frozen=True)
class Labelled(Generic[V]):
    """A row of a table whose records are not content dicts: a label and its value(s)."""

    label: str
    value: V


def _label_column(header: str) -> DocColumn[Labelled[V]]:
    return DocColumn(header, lambda row: text(row.label))


def _gender_columns(
    values: Callable[[R], GenderCells], kind: Callable[[R], CellKind]
) -> list[DocColumn[R]]:
    """Kvinnor, Män and Totalt: the cells of ``values(record)``, shown as ``kind(record)``."""
    return [
        DocColumn(_("Kvinnor"), lambda record: DocCell(values(record)["kvinna"], kind(record))),
        DocColumn(_("Män"), lambda record: DocCell(values(record)["man"], kind(record))),
        DocColumn(_("Totalt"), lambda record: DocCell(values(record)["total"], kind(record))),
    ]


def _counts(values: Callable[[R], GenderCells]) -> list[DocColumn[R]]:
    return _gender_columns(values, lambda _record: CellKind.COUNT)


METRIC_KINDS = {"count": CellKind.COUNT, "share": CellKind.SHARE, "median": CellKind.NUMBER}


def _since_start_columns() -> list[DocColumn[MetricContent]]:
    """Kvinnor, Män and Totalt from the intervention's start to the period's end."""

    def cell(metric: MetricContent, column: str) -> DocCell:
        since = metric.get("since_start")
        if since is None:
            return DocCell(None, CellKind.TEXT)
        return DocCell(since[column], METRIC_KINDS[metric["kind"]])  # type: ignore[literal-required]

    return [
        DocColumn(_("Kvinnor sedan start"), lambda metric: cell(metric, "kvinna")),
        DocColumn(_("Män sedan start"), lambda metric: cell(metric, "man")),
        DocColumn(_("Totalt sedan start"), lambda metric: cell(metric, "total")),
    ]


def key_figures(content: ReportContent) -> DocPart:
    metric_columns: list[DocColumn[MetricContent]] = [
        DocColumn(_("Mått"), lambda metric: text(metric["name"])),
        *_gender_columns(
            lambda metric: metric["values"], lambda metric: METRIC_KINDS[metric["kind"]]
        ),
    ]
    if content.get("cumulative"):
        metric_columns.extend(_since_start_columns())
    metrics = doc_table(_("Nyckeltal"), metric_columns, content.get("metrics", []))
    followups = content.get("followups")
    labels = {
        "post_exit_due": _("Uppföljningar efter avslut som förföll i perioden"),
        "post_exit_done": _("Av dem gjorda"),
        "post_exit_overdue": _("Av dem försenade"),
        "meetings_overdue": _("Pågående deltagare med försenat uppföljningsmöte"),
    }
    figures = followup_figures(followups) if followups else {}
    followup_columns: list[DocColumn[Labelled[GenderCells]]] = [
        _label_column(_("Uppföljning")),
        *_counts(lambda row: row.value),
    ]
    followup_table = doc_table(
        _("Uppföljning"),
        followup_columns,
        [Labelled(label, figures[key]) for key, label in labels.items() if key in figures],
        note=_("Räknat per %(day)s.") % {"day": followups["reference_day"] if followups else ""},
    )
    return DocPart(_("Nyckeltal"), [metrics, followup_table])


def _breakdown_table(breakdown: BreakdownContent) -> DocTable:
    columns: list[DocColumn[BreakdownRowContent]] = [
        DocColumn(_("Grupp"), lambda row: text(row["label"])),
        *_counts(lambda row: row["values"]),
    ]
    if any("places" in row for row in breakdown["rows"]):
        columns.append(
            DocColumn(_("Platser"), lambda row: DocCell(row.get("places"), CellKind.COUNT))
        )
    note = ""
    if breakdown.get("withheld"):
        note = _("Uppdelningen visas inte: små antal skulle annars kunna räknas fram.")
    elif not breakdown["rows"]:
        note = _("Inga deltagare i perioden.")
    return doc_table(breakdown["title"], columns, breakdown["rows"], note)


def breakdown_tables(content: ReportContent) -> DocPart:
    tables = [_breakdown_table(breakdown) for breakdown in content.get("breakdowns", [])]
    month_columns: list[DocColumn[MonthCells]] = [
        DocColumn(_("Månad"), lambda row: text(row["month"])),
        *_counts(lambda row: row["values"]),
    ]
    tables.append(
        doc_table(
            _("Aktiva deltagare per månad"),
            month_columns,
            content.get("participants_over_time", []),
        )
    )
    return DocPart(_("Uppdelningar"), tables)


def goal_table(content: ReportContent) -> DocPart:
    goals = content.get("goals", [])
    columns: list[DocColumn[GoalContent]] = [
        DocColumn(_("Mål"), lambda goal: text(goal["label"])),
        DocColumn(_("Mått"), lambda goal: text(goal["metric"])),
        DocColumn(_("Målvärde"), lambda goal: text(goal["target"])),
        DocColumn(_("Resultat"), lambda goal: text(goal["actual"])),
        DocColumn(_("Status"), lambda goal: text(goal.get("status_text") or goal["status"])),
    ]
    note = "" if goals else _("Insatsen har inga mål angivna.")
    return DocPart(_("Mål"), [doc_table(_("Mål och resultat"), columns, goals, note)])


def _forbund_money(money: MoneyContent) -> list[Labelled[DocCell]]:
    """The förbund's money (issue #12); a report stored before it has none to show."""
    if "forbund_budget_total" not in money:
        return []
    return [
        Labelled(_("Förbundets medel: budget"), amount(money["forbund_budget_total"])),
        Labelled(_("Förbundets medel: utfall"), amount(money.get("forbund_outcome_total"))),
        Labelled(
            _("Förbundets medel per aktiv deltagare"),
            amount(money.get("forbund_cost_per_participant")),
        ),
    ]


def money_tables(content: ReportContent) -> DocPart:
    money = content["money"]
    summary_columns: list[DocColumn[Labelled[DocCell]]] = [
        _label_column(_("Post")),
        DocColumn(_("Värde"), lambda row: row.value),
    ]
    summary = doc_table(
        _("Ekonomi i sammandrag"),
        summary_columns,
        [
            *_forbund_money(money),
            Labelled(_("Total projektkostnad: budget"), amount(money["budget_total"])),
            Labelled(_("Total projektkostnad: utfall"), amount(money["outcome_total"])),
            Labelled(_("Förbrukat av budgeten"), DocCell(money["used_share"], CellKind.SHARE)),
            Labelled(
                _("Total projektkostnad per aktiv deltagare"),
                amount(money["cost_per_participant"]),
            ),
        ],
    )
    budget_columns: list[DocColumn[MoneyRowContent]] = [
        DocColumn(_("Kostnadsslag"), lambda row: text(row["label"])),
        DocColumn(_("Budget"), lambda row: amount(row["budget"])),
        DocColumn(_("Utfall"), lambda row: amount(row["outcome"])),
    ]
    budget = doc_table(_("Budget och utfall per kostnadsslag"), budget_columns, money["rows"])
    total: FinancingRowContent = {
        "source": "",
        "label": _("Summa"),
        "party": "",
        "amount": money["financing_total"],
    }
    financing_columns: list[DocColumn[FinancingRowContent]] = [
        DocColumn(_("Källa"), lambda row: text(row["label"])),
        DocColumn(_("Part"), lambda row: text(row["party"] or "")),
        DocColumn(_("Belopp"), lambda row: amount(row["amount"])),
    ]
    financing = doc_table(_("Finansiering"), financing_columns, [*money["financing"], total])
    monthly_columns: list[DocColumn[MonthlyOutcomeContent]] = [
        DocColumn(_("Månad"), lambda row: text(row["month"])),
        DocColumn(_("Utfall"), lambda row: amount(row["outcome"])),
    ]
    monthly = doc_table(_("Utfall per månad"), monthly_columns, money["monthly"])
    return DocPart(_("Ekonomi"), [summary, budget, financing, monthly])


def figure_parts(content: ReportContent) -> list[DocPart]:
    """Every figure of the content, in the order of the report page."""
    return [
        key_figures(content),
        breakdown_tables(content),
        goal_table(content),
        money_tables(content),
        *section_parts(content),
    ]


_SECTION_KINDS = {
    "text": CellKind.TEXT,
    "count": CellKind.COUNT,
    "share": CellKind.SHARE,
    "number": CellKind.NUMBER,
    "amount": CellKind.AMOUNT,
}


def _section_table(table: SectionTable) -> DocTable:
    rows = [
        [
            DocCell(value, _SECTION_KINDS[section_cell_kind(table, row, column)])
            for column, value in enumerate(row["cells"])
        ]
        for row in table["rows"]
    ]
    headers = [column["label"] for column in table["columns"]]
    return DocTable(table["title"], headers, rows, table["note"])


def section_parts(content: ReportContent) -> list[DocPart]:
    """The method sections (IPS outcomes, job development, fidelity), one part each.
    Snapshots made before sections existed have none (``content_from_json``)."""
    return [
        DocPart(section["title"], [_section_table(table) for table in section["tables"]])
        for section in content.get("sections", [])
    ]


def _status_text(report: PeriodReport | None) -> str:
    if report is None:
        return ""
    if not report.is_approved:
        return _("UTKAST – siffrorna räknas om tills rapporten fastställs.")
    approver = report.approved_by
    name = (approver.get_full_name() or approver.get_username()) if approver else ""
    day = date_format(localtime(report.approved_at), "Y-m-d") if report.approved_at else ""
    text = _("Fastställd %(date)s av %(name)s.") % {"date": day, "name": name}
    if report.early_approval_reason:
        text += " " + early_approval_text(report)
    return text


def early_approval_text(report: PeriodReport) -> str:
    """Said wherever an early-approved report is shown: the page and every document."""
    return _("Fastställd före periodens slut (%(end)s). Skäl: %(reason)s") % {
        "end": report.period_to.isoformat(),
        "reason": report.early_approval_reason,
    }


def narrative_of(report: PeriodReport | None) -> list[tuple[str, str]]:
    if report is None:
        return []
    meta = type(report)._meta
    return [
        (str(getattr(meta.get_field(name), "verbose_name", name)), getattr(report, name))
        for name in NARRATIVE_FIELDS
    ]


def hidden_text(content: ReportContent) -> str:
    """What is hidden and why ("" when nothing is)."""
    return " ".join(hidden_sentences(content))


def hidden_sentences(content: ReportContent) -> list[str]:
    """What is hidden and why, one sentence per reason (none when nothing is)."""
    hidden = content.get("hidden") or {"primary": 0, "secondary": 0}
    limit = content.get("small_count_limit", SMALL_COUNT)
    return hidden_reasons(
        hidden["primary"], hidden["secondary"], limit, derived=hidden.get("derived", 0)
    )


def document_info(content: ReportContent, report: PeriodReport | None) -> DocumentInfo:
    intervention = content["intervention"]
    period = content["period"]
    is_draft = report is not None and not report.is_approved
    if report is not None:
        title = report.title
    else:
        title = _("Insatsrapport %(from)s–%(to)s") % {"from": period["from"], "to": period["to"]}
    if content.get("suppressed"):
        audience = _("Sammanställd för styrgruppen: små antal är dolda. %(rule)s") % {
            "rule": content.get("small_numbers_rule", "")
        }
        audience = f"{audience} {hidden_text(content)}".strip()
    else:
        audience = _("Exakta tal, även små antal: bara för den som får se personuppgifter.")
    # The en dash of "2026-01-01–2026-03-31" would vanish in slugify; keep the dates apart.
    stem = slugify(f"{intervention['slug']}-{title}".replace("–", "-")) or "rapport"
    return DocumentInfo(
        title=title,
        intervention=intervention["name"],
        forbund=intervention.get("forbund", ""),
        period_text=_("Period: %(from)s–%(to)s") % {"from": period["from"], "to": period["to"]},
        status_text=_status_text(report),
        is_draft=is_draft,
        generated_on=_("Siffrorna beräknade %(date)s.") % {"date": content.get("generated_on", "")},
        audience_text=audience,
        narrative=narrative_of(report),
        filename_stem=f"UTKAST-{stem}" if is_draft else stem,
    )
