"""The downloadable import template: the header and one fictional example row, in CSV or XLSX.

The CSV uses ';' (what Swedish Excel writes) and starts with a byte-order mark so Excel opens
it as UTF-8. The XLSX formats every cell as text, so personnummer and municipality codes
keep their leading zeros, and carries a second sheet listing the allowed codes.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from samsyn.core.models import PartyKind
from samsyn.participants.importing.parsing import COLUMNS
from samsyn.participants.models import (
    EducationLevel,
    ExitReason,
    Gender,
    IncomeSource,
    Occupation,
    Outcome,
    Recommendation,
)

# Tolvan Tolvansson is Skatteverket's well-known fictional person.
EXAMPLE_ROW: dict[str, str] = {
    "personnummer": "19121212-1212",
    "fornamn": "Tolvan",
    "efternamn": "Tolvansson",
    "kon": "man",
    "fodelsear": "",
    "kommun": "Karlstad",
    "remitterande_part": "forsakringskassan",
    "startdatum": "2024-03-01",
    "forsorjning_fore": "sjukpenning|forsorjningsstod",
    "sysselsattning_fore": "ingen",
    "utbildningsniva": "gymnasial",
    "slutdatum": "2025-02-28",
    "avslutsorsak": "fullfoljt",
    "utfall": "arbete",
    "sysselsattning_efter": "arbetar",
    "forsorjning_efter": "lon",
    "stegforflyttning": "ja",
    "rekommendation": "",
}
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def column_help() -> list[tuple[str, str]]:
    """Each column with what it holds, for the import page and the code sheet."""

    def codes(values: list[str]) -> str:
        return ", ".join(values)

    return [
        ("personnummer", _("10 eller 12 siffror; tomt för en anonym inskrivning")),
        ("fornamn", _("valfritt; ska vara tomt för en anonym inskrivning")),
        ("efternamn", _("valfritt; ska vara tomt för en anonym inskrivning")),
        ("kon", codes(Gender.values) + _("; krävs utan personnummer")),
        ("fodelsear", _("ÅÅÅÅ; valfritt, tas annars från personnumret")),
        ("kommun", _("hemkommunens namn eller fyrsiffriga kommunkod")),
        ("remitterande_part", codes(PartyKind.values)),
        ("startdatum", _("ÅÅÅÅ-MM-DD")),
        ("forsorjning_fore", codes(IncomeSource.values) + _("; flera åtskilda med |")),
        ("sysselsattning_fore", codes(Occupation.values)),
        ("utbildningsniva", codes(EducationLevel.values)),
        ("slutdatum", _("ÅÅÅÅ-MM-DD; tomt medan inskrivningen pågår")),
        ("avslutsorsak", codes(ExitReason.values)),
        ("utfall", codes(Outcome.values)),
        ("sysselsattning_efter", codes(Occupation.values)),
        ("forsorjning_efter", codes(IncomeSource.values) + _("; flera åtskilda med |")),
        ("stegforflyttning", "ja, nej"),
        ("rekommendation", codes(Recommendation.values) + _("; bara vid resursinventering")),
    ]


def template_csv() -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([EXAMPLE_ROW[column] for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Inskrivningar")
    sheet.append(list(COLUMNS))
    sheet.append([EXAMPLE_ROW[column] for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(len(column), 12) + 2
        # Text, so 0180 and 19121212-1212 are not turned into numbers.
        for row in range(2, 1002):
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    codes = workbook.create_sheet(_("Koder"))
    codes.append([_("kolumn"), _("innehåll")])
    for cell in codes[1]:
        cell.font = Font(bold=True)
    for column, text in column_help():
        codes.append([column, text])
    codes.column_dimensions["A"].width = 22
    codes.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
