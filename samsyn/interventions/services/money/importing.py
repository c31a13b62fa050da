"""Import of actual costs (utfall) from a CSV or XLSX file.

Columns (header row first, any order, case-insensitive): ``månad`` (YYYY-MM),
``kostnadsslag`` (the code or the Swedish label, e.g. ``loner`` or ``Löner``), ``belopp``
(Swedish amounts such as ``64 000`` or ``1 234,50``) and optionally ``kommentar``,
``finansiär`` (who paid: the code or label of ``FundingSource``, e.g. ``forbund``,
``part_natura`` or ``Sålda platser``; empty or missing = the förbund) and ``part`` (the name
of the förbund's party, required for a party's own financing in money or in kind). The file is
read by the one reader of every import, samsyn/core/files/tabular.py (CSV in UTF-8 with or
without BOM, semicolons or commas; XLSX without macros; the upload size limit).

All or nothing: every row is checked first, and any bad row gives a list of row-level Swedish
errors ("Rad 4: okänt kostnadsslag ”Fika”") and saves nothing. Rows are numbered as in a
spreadsheet: the header is row 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from samsyn.core.files.limits import max_upload_bytes
from samsyn.core.files.tabular import ImportFileError, check_import_size, read_table
from samsyn.core.models import Party, User
from samsyn.interventions.models import PARTY_SOURCES, CostCategory, FundingSource, Intervention
from samsyn.interventions.services.money.common import parse_amount, parse_month
from samsyn.interventions.services.money.costs import (
    ActualCostFields,
    CostKey,
    ImportResult,
    actual_costs_import,
    clean_actual_cost,
)

REQUIRED = ("månad", "kostnadsslag", "belopp")
OPTIONAL = ("kommentar", "finansiär", "part")
HEADER_ALIASES = {"manad": "månad", "finansiar": "finansiär"}
MAX_ROWS = 5000
_CATEGORIES: dict[str, str] = {
    **{code: code for code in CostCategory.values},
    **{str(label).lower(): code for code, label in CostCategory.choices},
}
_FUNDERS: dict[str, str] = {
    **{code: code for code in FundingSource.values},
    **{str(label).lower(): code for code, label in FundingSource.choices},
}


@dataclass
class ParsedImport:
    rows: list[ActualCostFields] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# --- checking the rows ---------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _header(record: list[str]) -> dict[str, int]:
    names = [_text(cell).lower() for cell in record]
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        name = HEADER_ALIASES.get(name, name)
        if name in REQUIRED + OPTIONAL and name not in columns:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            _("Rubrikraden saknar kolumnen %(columns)s. Den ska vara: månad;kostnadsslag;belopp.")
            % {"columns": ", ".join(f"”{name}”" for name in missing)}
        )
    return columns


def _month(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime | datetime.date):
        return datetime.date(value.year, value.month, 1)  # Excel made a date of "2026-03"
    return parse_month(_text(value))


def _amount(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, int | float):
            return Decimal(str(value))
        return parse_amount(_text(value))
    except (ValueError, InvalidOperation):
        return None


def _funder(
    cells: dict[str, Any], parties: dict[str, Party], found: list[str]
) -> tuple[str, Party | None]:
    """Who paid: the förbund when the column is missing or empty; the party by name."""
    text = _text(cells.get("finansiär"))
    funder = _FUNDERS.get(text.lower()) if text else FundingSource.FORBUND.value
    if funder is None:
        found.append(_("okänd finansiär ”%(value)s”") % {"value": text[:40]})
        return FundingSource.FORBUND.value, None
    party_text = _text(cells.get("part"))
    party = parties.get(party_text.lower()) if party_text else None
    if party_text and party is None:
        found.append(_("okänd part ”%(value)s”") % {"value": party_text[:60]})
    elif funder in PARTY_SOURCES and party is None:
        found.append(_("ange parten i kolumnen part för parts egenfinansiering"))
    elif funder not in PARTY_SOURCES and party is not None:
        found.append(_("part anges bara för parts egenfinansiering i pengar eller i natura"))
    return funder, party


def _row(
    number: int, cells: dict[str, Any], parties: dict[str, Party], errors: list[str]
) -> ActualCostFields | None:
    """One row typed, or its errors appended ("Rad N: …")."""
    found: list[str] = []
    month = _month(cells["månad"])
    if month is None:
        found.append(
            _("ogiltig månad ”%(value)s”; skriv ÅÅÅÅ-MM") % {"value": _text(cells["månad"])}
        )
    category = _CATEGORIES.get(_text(cells["kostnadsslag"]).lower())
    if category is None:
        found.append(_("okänt kostnadsslag ”%(value)s”") % {"value": _text(cells["kostnadsslag"])})
    amount = _amount(cells["belopp"])
    if _text(cells["belopp"]) == "":
        found.append(_("belopp saknas"))
    elif amount is None:
        found.append(_("ogiltigt belopp ”%(value)s”") % {"value": _text(cells["belopp"])})
    funder, party = _funder(cells, parties, found)
    errors.extend(_("Rad %(row)s: %(error)s") % {"row": number, "error": e} for e in found)
    if found or month is None or category is None:
        return None
    note = _text(cells.get("kommentar"))
    return ActualCostFields(month, category, amount, note, funder=funder, funder_party=party)


def _checked(intervention: Intervention, number: int, row: ActualCostFields) -> list[str]:
    """The service's own rules (year, amount, note), as row errors."""
    try:
        clean_actual_cost(intervention, row)
    except ValidationError as error:
        return [
            _("Rad %(row)s: %(error)s")
            % {"row": number, "error": message[:1].lower() + message[1:]}
            for message in error.messages
        ]
    return []


def parse_import(intervention: Intervention, data: bytes, file_name: str) -> ParsedImport:
    """Every row of the file typed and checked against the same rules as the form."""
    table = read_table(data, max_rows=MAX_ROWS, file_name=file_name)
    columns = _header(table.header)
    table.check_has_rows()
    parsed = ParsedImport()
    parties = {
        party.name.lower(): party for party in Party.objects.filter(forbund=intervention.forbund_id)
    }
    seen: dict[CostKey, int] = {}
    for table_row in table.rows:
        number, record = table_row.number, table_row.cells
        cells = {name: record[i] if i < len(record) else None for name, i in columns.items()}
        row = _row(number, cells, parties, parsed.errors)
        if row is None:
            continue
        row_errors = _checked(intervention, number, row)
        key = row.key
        if key in seen:
            row_errors.append(
                _("Rad %(row)s: samma månad, kostnadsslag och finansiär som rad %(first)s")
                % {"row": number, "first": seen[key]}
            )
        seen.setdefault(key, number)
        parsed.errors.extend(row_errors)
        if not row_errors:
            parsed.rows.append(row)
    return parsed


@dataclass(frozen=True)
class ImportOutcome:
    result: ImportResult | None
    errors: list[str]


def import_actual_costs(
    *, actor: User, intervention: Intervention, upload: UploadedFile
) -> ImportOutcome:
    """Read, check and save the file's outcome, all or nothing. The service checks the
    actor's role (404) before anything is saved; a bad file or row saves nothing."""
    name = upload.name or ""
    try:
        check_import_size(upload.size or 0)
        parsed = parse_import(intervention, upload.read(max_upload_bytes() + 1), name)
    except ImportFileError as error:
        return ImportOutcome(None, [str(error)])
    if parsed.errors:
        return ImportOutcome(None, parsed.errors)
    result = actual_costs_import(
        actor=actor, intervention=intervention, rows=parsed.rows, file_name=name
    )
    return ImportOutcome(result, [])
