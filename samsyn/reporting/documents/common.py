"""What every report document shows, independent of the file format.

The figures come from one report content dict (samsyn/reporting/content.py); this module
turns it into titled tables of typed cells, so the PDF, DOCX and XLSX show exactly the same
figures, and into the title block (intervention, period, status) and the narrative.

A cell's value is a number, ``None`` ("—") or the text of a hidden count ("< 5", "dolt").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format, number_format
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from samsyn.reporting.models import PeriodReport

COLUMNS = ("kvinna", "man", "total")
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
            return f"{number_format(value * 100, 1)} %"
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


def _gender_cells(values: dict[str, Any], kind: CellKind) -> list[DocCell]:
    return [DocCell(values.get(column), kind) for column in COLUMNS]


def _gender_headers(first: str) -> list[str]:
    return [first, _("Kvinnor"), _("Män"), _("Totalt")]


METRIC_KINDS = {"count": CellKind.COUNT, "share": CellKind.SHARE, "median": CellKind.NUMBER}


def key_figures(content: dict[str, Any]) -> DocPart:
    metrics = DocTable(
        _("Nyckeltal"),
        _gender_headers(_("Mått")),
        [
            [text(metric["name"]), *_gender_cells(metric["values"], METRIC_KINDS[metric["kind"]])]
            for metric in content.get("metrics", [])
        ],
    )
    followups = content.get("followups", {})
    labels = [
        ("post_exit_due", _("Uppföljningar efter avslut som förföll i perioden")),
        ("post_exit_done", _("Av dem gjorda")),
        ("post_exit_overdue", _("Av dem försenade")),
        ("meetings_overdue", _("Pågående deltagare med försenat uppföljningsmöte")),
    ]
    followup_table = DocTable(
        _("Uppföljning"),
        _gender_headers(_("Uppföljning")),
        [
            [text(label), *_gender_cells(followups[key], CellKind.COUNT)]
            for key, label in labels
            if key in followups
        ],
        note=_("Räknat per %(day)s.") % {"day": followups.get("reference_day", "")},
    )
    return DocPart(_("Nyckeltal"), [metrics, followup_table])


def breakdown_tables(content: dict[str, Any]) -> DocPart:
    tables = []
    for breakdown in content.get("breakdowns", []):
        with_places = any("places" in row for row in breakdown["rows"])
        headers = _gender_headers(_("Grupp"))
        if with_places:
            headers.append(_("Platser"))
        rows = []
        for row in breakdown["rows"]:
            cells = [text(row["label"]), *_gender_cells(row["values"], CellKind.COUNT)]
            if with_places:
                cells.append(DocCell(row.get("places"), CellKind.COUNT))
            rows.append(cells)
        note = ""
        if breakdown.get("withheld"):
            note = _("Uppdelningen visas inte: små antal skulle annars kunna räknas fram.")
        elif not rows:
            note = _("Inga deltagare i perioden.")
        tables.append(DocTable(breakdown["title"], headers, rows, note))
    over_time = [
        [text(row["month"]), *_gender_cells(row["values"], CellKind.COUNT)]
        for row in content.get("participants_over_time", [])
    ]
    tables.append(DocTable(_("Aktiva deltagare per månad"), _gender_headers(_("Månad")), over_time))
    return DocPart(_("Uppdelningar"), tables)


def goal_table(content: dict[str, Any]) -> DocPart:
    rows = [
        [
            text(goal["label"]),
            text(goal["metric"]),
            text(goal["target"]),
            text(goal["actual"]),
            text(goal.get("status_text") or goal["status"]),
        ]
        for goal in content.get("goals", [])
    ]
    headers = [_("Mål"), _("Mått"), _("Målvärde"), _("Utfall"), _("Status")]
    note = "" if rows else _("Insatsen har inga mål angivna.")
    return DocPart(_("Mål"), [DocTable(_("Mål och utfall"), headers, rows, note)])


def money_tables(content: dict[str, Any]) -> DocPart:
    money = content.get("money") or {}
    summary = DocTable(
        _("Ekonomi i sammandrag"),
        [_("Post"), _("Värde")],
        [
            [text(_("Budget")), amount(money.get("budget_total"))],
            [text(_("Utfall")), amount(money.get("outcome_total"))],
            [text(_("Förbrukat av budgeten")), DocCell(money.get("used_share"), CellKind.SHARE)],
            [text(_("Kostnad per aktiv deltagare")), amount(money.get("cost_per_participant"))],
        ],
    )
    budget = DocTable(
        _("Budget och utfall per kostnadsslag"),
        [_("Kostnadsslag"), _("Budget"), _("Utfall")],
        [
            [text(row["label"]), amount(row["budget"]), amount(row["outcome"])]
            for row in money.get("rows", [])
        ],
    )
    financing = DocTable(
        _("Finansiering"),
        [_("Källa"), _("Part"), _("Belopp")],
        [
            [text(row["label"]), text(row.get("party") or ""), amount(row["amount"])]
            for row in money.get("financing", [])
        ]
        + [[text(_("Summa")), text(""), amount(money.get("financing_total"))]],
    )
    monthly = DocTable(
        _("Utfall per månad"),
        [_("Månad"), _("Utfall")],
        [[text(row["month"]), amount(row["outcome"])] for row in money.get("monthly", [])],
    )
    return DocPart(_("Ekonomi"), [summary, budget, financing, monthly])


def figure_parts(content: dict[str, Any]) -> list[DocPart]:
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


def section_parts(content: dict[str, Any]) -> list[DocPart]:
    """The method sections (IPS outcomes, job development, fidelity), one part each.
    Snapshots made before sections existed have none."""
    from samsyn.reporting.templatetags.reporting_tags import section_cell_kind

    parts = []
    for section in content.get("sections", []):
        tables = []
        for table in section["tables"]:
            rows = [
                [
                    DocCell(value, _SECTION_KINDS[section_cell_kind(table, index, column)])
                    for column, value in enumerate(row)
                ]
                for index, row in enumerate(table["rows"])
            ]
            tables.append(DocTable(table["title"], list(table["headers"]), rows, table["note"]))
        parts.append(DocPart(section["title"], tables))
    return parts


def _status_text(report: PeriodReport | None) -> str:
    if report is None:
        return ""
    if not report.is_approved:
        return _("UTKAST – siffrorna räknas om tills rapporten fastställs.")
    approver = report.approved_by
    name = (approver.get_full_name() or approver.get_username()) if approver else ""
    day = date_format(localtime(report.approved_at), "Y-m-d") if report.approved_at else ""
    return _("Fastställd %(date)s av %(name)s.") % {"date": day, "name": name}


def narrative_of(report: PeriodReport | None) -> list[tuple[str, str]]:
    if report is None:
        return []
    meta = type(report)._meta
    return [
        (str(getattr(meta.get_field(name), "verbose_name", name)), getattr(report, name))
        for name in NARRATIVE_FIELDS
    ]


def document_info(content: dict[str, Any], report: PeriodReport | None) -> DocumentInfo:
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
