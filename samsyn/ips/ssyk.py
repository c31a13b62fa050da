"""SSYK 2012, Sweden's standard occupational classification, as shipped in data/ssyk2012.json.

Source: SCB (Statistics Sweden), "SSYK 2012 – Standard för svensk yrkesklassificering":
the 10 major groups (yrkesområden, 1 digit) and the 429 unit groups (yrkesgrupper, 4
digits, including the military groups 0110, 0210, 0310). Only codes and names are copied.
The list was taken from public republications of SCB's list (a code list generated from
SCB's SSYK 2012 workbook, sheet "4-siffer", and the SSYK 2012 names of SCB's
yrkesregister table YREG60 in Region Dalarna's published scripts) and checked between them.

The career profile stores 4-digit codes only: they are report and matching dimensions
(employers, suggestions), and the names are looked up here, never stored.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).resolve().parent / "data" / "ssyk2012.json"

Choices = list[tuple[str, str]]
GroupedChoices = list[tuple[str, Choices]]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """Loaded once per process; the file is read-only reference data."""
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def unit_groups() -> dict[str, str]:
    """Every 4-digit code with its Swedish name, in code order."""
    groups: dict[str, str] = _data()["unit_groups"]
    return groups


def major_groups() -> dict[str, str]:
    """The 1-digit major groups (yrkesområden) with their Swedish names."""
    groups: dict[str, str] = _data()["major_groups"]
    return groups


def is_valid(code: object) -> bool:
    """True for a 4-digit unit-group code of SSYK 2012."""
    return isinstance(code, str) and code in unit_groups()


def occupation_name(code: str) -> str:
    """The unit group's name; an unknown code is returned as it is."""
    return unit_groups().get(code, code)


def occupation_label(code: str) -> str:
    """ "2512 Mjukvaru- och systemutvecklare m.fl." – the code with its name, for lists."""
    name = unit_groups().get(code)
    return f"{code} {name}" if name else code


def major_group_label(code: str) -> str:
    """The major group of a code ("5120" -> "Service-, omsorgs- och försäljningsyrken")."""
    return major_groups().get(code[:1], "") if code else ""


@lru_cache(maxsize=1)
def occupation_choices() -> GroupedChoices:
    """Choices for a <select>, grouped by major group (optgroups), in code order."""
    grouped: dict[str, Choices] = {digit: [] for digit in major_groups()}
    for code in unit_groups():
        grouped.setdefault(code[0], []).append((code, occupation_label(code)))
    return [
        (f"{digit} {major_groups().get(digit, '')}".strip(), choices)
        for digit, choices in grouped.items()
        if choices
    ]


def search(text: str, *, limit: int = 50) -> Choices:
    """Unit groups whose code starts with ``text`` or whose name contains it (any case).

    "kock" finds 5120 Kockar och kallskänkor; "25" finds the IT groups 2511–2519.
    """
    needle = " ".join(text.split()).casefold()
    if not needle:
        return []
    found: Choices = []
    for code, name in unit_groups().items():
        if code.startswith(needle) or needle in name.casefold():
            found.append((code, name))
            if len(found) >= limit:
                break
    return found
