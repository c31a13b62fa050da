"""The types of a report's content (samsyn/reporting/selectors/content.py), in one place.

The content is JSON: the dashboard and the period report pages render it, the PDF, DOCX and
XLSX documents render it, and an approved period report stores it as its snapshot
(``PeriodReport.snapshot``). So its parts are ``TypedDict``s — plain dicts at run time that
``json.dumps`` writes as they are — and mypy checks every reader and writer against them.

Every list holds records (one dict per row), never lists matched by position.

Stored JSON is read back through ``content_from_json``, which brings older snapshots to the
current shape (``SCHEMA_VERSION``):

- schema 1 had no ``sections`` in its first snapshots, and wrote a section table as
  parallel lists: ``headers`` and ``kinds`` per column, ``rows`` of cells, and ``row_kinds``
  (one kind per row, or none). Schema 2 has ``columns`` (a label and a kind each) and
  ``rows`` of ``{"cells", "kind"}``.
- schema 2 had no ``small_count_limit`` (it was always 5), no ``cumulative`` period and no
  ``since_start`` per metric (the figures were for the period only) and no ``hidden``
  summary; schema 3 has them (``hidden`` is counted from the cells when an older snapshot is
  read, ``since_start`` is ``None``).

Whatever the schema, a metric's name, definition and denominator are read without internal
keys in parentheses (``without_internal_keys``): early snapshots froze texts that showed them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal, NotRequired, TypedDict, cast

# A cell: a number, ``None`` (an undefined share, shown as "—") or the text of a hidden
# count ("< 5" / "dolt"), of a hidden derived figure ("för få för att visa") or of a label;
# GenderCells: kvinna, man and total of one figure.
from samsyn.stats.metrics import metrics as registered_metrics
from samsyn.stats.small_numbers import derived_text
from samsyn.stats.tables import Cell, GenderCells

SCHEMA_VERSION = 3

# How a method section's cell is shown: ``share`` is 0–1, ``number`` days and other
# decimals, ``amount`` kronor.
SectionKind = Literal["text", "count", "share", "number", "amount"]


def gender_list(values: GenderCells) -> list[Cell]:
    """The cells in the order of the report's columns: kvinna, man, total."""
    return [values["kvinna"], values["man"], values["total"]]


class InterventionInfo(TypedDict):
    id: int
    slug: str
    name: str
    forbund: str


PeriodInfo = TypedDict("PeriodInfo", {"from": str, "to": str})


class MetricContent(TypedDict):
    id: str
    name: str
    definition: str
    denominator: str
    kind: str  # "count", "share" or "median" (samsyn/stats/metrics.py ``Kind``)
    values: GenderCells
    # The same figure from the intervention's start to the period's end, suppressed on its
    # own; None when the content has no cumulative figures (the dashboard, old snapshots).
    since_start: GenderCells | None


class BreakdownRowContent(TypedDict):
    label: str
    values: GenderCells
    places: NotRequired[int | None]  # only in the municipalities' table


class BreakdownContent(TypedDict):
    id: str
    title: str
    rows: list[BreakdownRowContent]
    withheld: bool


class MonthCells(TypedDict):
    month: str  # "YYYY-MM"
    values: GenderCells


class FollowupsContent(TypedDict):
    reference_day: str
    post_exit_due: GenderCells
    post_exit_done: GenderCells
    post_exit_overdue: GenderCells
    meetings_overdue: GenderCells


def followup_figures(followups: FollowupsContent) -> dict[str, GenderCells]:
    """The four follow-up figures by key, in the order the report shows them."""
    return {
        "post_exit_due": followups["post_exit_due"],
        "post_exit_done": followups["post_exit_done"],
        "post_exit_overdue": followups["post_exit_overdue"],
        "meetings_overdue": followups["meetings_overdue"],
    }


class GoalContent(TypedDict):
    label: str
    metric: str
    target: str
    actual: str
    status: str
    status_text: str
    hidden: bool
    # Since issue #15 (additive, older snapshots lack them): what the target is set for
    # ("hela insatsen", "per kalenderår") and, when the period shown is shorter than that,
    # the pro-rated target the status "i fas"/"efter plan" is judged against.
    goal_period: NotRequired[str]
    period_target: NotRequired[str]
    metric_id: NotRequired[str]
    gender: NotRequired[str]


class MoneyRowContent(TypedDict):
    category: str
    label: str
    budget: str  # kronor and öre, "1234.50"
    outcome: str


class MonthlyOutcomeContent(TypedDict):
    month: str
    outcome: str


class FinancingRowContent(TypedDict):
    source: str
    label: str
    party: str
    amount: str


class MoneyContent(TypedDict):
    years: list[int]
    # The total project cost (every funder) ...
    budget_total: str
    outcome_total: str
    used_share: float | None
    cost_per_participant: str | None
    # ... and the förbund's money in it (issue #12); absent from reports stored before.
    forbund_budget_total: NotRequired[str]
    forbund_outcome_total: NotRequired[str]
    forbund_cost_per_participant: NotRequired[str | None]
    rows: list[MoneyRowContent]
    monthly: list[MonthlyOutcomeContent]
    financing: list[FinancingRowContent]
    financing_total: str


class SectionColumn(TypedDict):
    label: str
    kind: SectionKind


class SectionRow(TypedDict):
    """One row of a method section's table: ``cells`` in the order of the table's
    ``columns`` (the first is the row's label); ``kind``, when set, is how the row's numbers
    are shown, for a table of mixed figures (IPS outcomes: counts, shares and medians)."""

    cells: list[Cell]
    kind: SectionKind | None
    # What the row's figure means (issue #15: "Vad betyder det?" under it on the dashboard);
    # older snapshots and most tables have none.
    definition: NotRequired[str]


class SectionTable(TypedDict):
    title: str
    columns: list[SectionColumn]
    rows: list[SectionRow]
    note: str


class SectionContent(TypedDict):
    id: str
    title: str
    tables: list[SectionTable]


class HiddenSummary(TypedDict):
    """How many cells are hidden, by reason: ``primary`` below the limit, ``secondary`` to
    protect another cell, ``derived`` a median, mean, share or cost per participant hidden
    ("för få för att visa"; absent from a snapshot stored before it was counted)."""

    primary: int
    secondary: int
    derived: NotRequired[int]


class ReportContent(TypedDict):
    schema: int
    intervention: InterventionInfo
    period: PeriodInfo
    generated_on: str
    suppressed: bool  # small numbers hidden for this audience
    small_numbers_rule: str  # the rule as stated to users ("" when not suppressed)
    small_count_limit: int  # counts from 1 to limit - 1 are hidden (the förbund's setting)
    # The span of the "sedan start" figures: the intervention's start to the period's end.
    cumulative: PeriodInfo | None
    hidden: HiddenSummary
    metrics: list[MetricContent]
    breakdowns: list[BreakdownContent]
    participants_over_time: list[MonthCells]
    followups: FollowupsContent
    goals: list[GoalContent]
    money: MoneyContent
    sections: list[SectionContent]


def section_cell_kind(table: SectionTable, row: SectionRow, column: int) -> SectionKind:
    """How a cell is shown: the first is the row's label; the others take the row's kind
    when it has one, else their column's."""
    if column == 0:
        return "text"
    return row["kind"] or table["columns"][column]["kind"]


def _section_table_v1(table: Mapping[str, Any]) -> SectionTable:
    """A schema 1 section table (parallel ``headers``, ``kinds``, ``rows``, ``row_kinds``)
    as records."""
    row_kinds = table.get("row_kinds") or [None] * len(table["rows"])
    return {
        "title": table["title"],
        "columns": [
            {"label": label, "kind": kind}
            for label, kind in zip(table["headers"], table["kinds"], strict=True)
        ],
        "rows": [
            {"cells": list(cells), "kind": kind}
            for cells, kind in zip(table["rows"], row_kinds, strict=True)
        ],
        "note": table.get("note", ""),
    }


_SECONDARY_TEXTS = frozenset({"dolt", "hidden"})  # the Swedish and the English text
_DERIVED_TEXTS = frozenset({"för få för att visa", "too few to show"})


def _is_primary(value: str) -> bool:
    return value.startswith("< ") and value[2:].isdigit()


def hidden_summary(content: Mapping[str, Any]) -> HiddenSummary:
    """The hidden cells of the content by reason, counted from the cells themselves (so an
    old snapshot is counted as it shows): every kvinna / man / total cell of a figure, a
    breakdown or a month, and every figure cell of a method section."""
    primary = secondary = derived = 0

    def count(value: Any) -> None:
        nonlocal primary, secondary, derived
        if isinstance(value, str) and _is_primary(value):
            primary += 1
        elif isinstance(value, str) and value in _SECONDARY_TEXTS:
            secondary += 1
        elif is_derived_text(value):
            derived += 1

    def walk(value: Any) -> None:
        if isinstance(value, Mapping):
            if {"kvinna", "man", "total"} <= value.keys():
                for key in ("kvinna", "man", "total"):
                    count(value[key])
                return
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for key in ("metrics", "breakdowns", "participants_over_time", "followups"):
        walk(content.get(key))
    for section in content.get("sections", []):
        for table in section.get("tables", []):
            for row in table.get("rows", []):
                for value in row.get("cells", [])[1:]:
                    count(value)
    for key in ("cost_per_participant", "forbund_cost_per_participant"):
        count((content.get("money") or {}).get(key))
    return {"primary": primary, "secondary": secondary, "derived": derived}


def is_derived_text(value: Any) -> bool:
    """Whether ``value`` is the text of a hidden derived figure ("för få för att visa")."""
    return isinstance(value, str) and value in _DERIVED_TEXTS


def _derived_cell(value: Any) -> Any:
    """A hidden derived figure of an older snapshot ("< 5" / "dolt" on a median or a share)
    as it is shown now: "för få för att visa". The figure itself was hidden either way."""
    if isinstance(value, str) and (_is_primary(value) or value in _SECONDARY_TEXTS):
        return derived_text()
    return value


def _relabel_derived(content: dict[str, Any]) -> bool:
    """Older snapshots wrote a hidden median or share as a count ("< 5" read as "under
    five days", issue #15): show them as the derived figures they are. True when a cell
    changed (the stored JSON itself is left as it is)."""
    changed = False
    if "metrics" in content:
        metrics = [_relabel_metric(metric) for metric in content["metrics"]]
        changed |= metrics != content["metrics"]
        content["metrics"] = metrics
    if "sections" in content:
        sections = [
            {**section, "tables": [_relabel_table(table) for table in section.get("tables", [])]}
            for section in content["sections"]
        ]
        changed |= sections != content["sections"]
        content["sections"] = sections
    return changed


def _relabel_metric(metric: Mapping[str, Any]) -> dict[str, Any]:
    if metric.get("kind") == "count":
        return dict(metric)
    relabelled = dict(metric)
    for key in ("values", "since_start"):
        cells = metric.get(key)
        if cells:
            relabelled[key] = {column: _derived_cell(value) for column, value in cells.items()}
    return relabelled


def _relabel_table(table: Any) -> Any:
    rows = [
        {
            **row,
            "cells": [
                _derived_cell(value)
                if column and section_cell_kind(table, row, column) in _DERIVED_KINDS
                else value
                for column, value in enumerate(row["cells"])
            ],
        }
        for row in table.get("rows", [])
    ]
    return {**table, "rows": rows}


_DERIVED_KINDS = frozenset({"share", "number"})


# An identifier in parentheses after a text: "Avslutade inskrivningar i perioden (ended)."
_KEY_IN_TEXT = re.compile(r"\s*\(([a-z][a-z0-9_]*)\)")


def _internal_keys() -> frozenset[str]:
    """The metric ids and count keys of the registry: names for the code, not for readers."""
    keys = set()
    for metric in registered_metrics():
        keys.update({metric.id, metric.numerator_key, metric.denominator_key})
    return frozenset(key for key in keys if key)


def without_internal_keys(text: str, keys: frozenset[str]) -> str:
    """``text`` without a parenthesised metric id or count key (an identifier with an
    underscore is always one): texts frozen in snapshots approved before the wording was
    fixed (#10.14) said "Avslutade inskrivningar i perioden (ended).", and a report must
    not show a reader the code's names. Words in parentheses, such as "(dagar)", stay."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        return "" if key in keys or "_" in key else match.group(0)

    return _KEY_IN_TEXT.sub(replace, text)


def _metric_texts_cleaned(metrics: list[Any]) -> list[Any]:
    keys = _internal_keys()
    return [
        {
            **metric,
            **{
                name: without_internal_keys(metric[name], keys)
                for name in ("name", "definition", "denominator")
                if isinstance(metric.get(name), str)
            },
        }
        for metric in metrics
    ]


def content_from_json(data: Mapping[str, Any]) -> ReportContent:
    """Report content read from JSON (a stored snapshot), in the current shape."""
    content = dict(data)
    schema = content.get("schema", 1)
    if schema < 2:
        content["sections"] = [
            {**section, "tables": [_section_table_v1(table) for table in section["tables"]]}
            for section in content.get("sections", [])
        ]
    if schema < 3:
        content["small_count_limit"] = 5
        content["cumulative"] = None
        content["metrics"] = [
            {**metric, "since_start": None} for metric in content.get("metrics", [])
        ]
    if _relabel_derived(content) or schema < 3:
        content["hidden"] = hidden_summary(content)
    if "metrics" in content:
        content["metrics"] = _metric_texts_cleaned(content["metrics"])
    return cast(ReportContent, content)
