"""Reading an instrument from JSON (docs/surveys.md). Errors name the path in the file,
e.g. ``questions[3].indicator``."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from samsyn.surveys.importing.raw import (
    MAX_ITEMS,
    InstrumentFileError,
    Item,
    RawInstrument,
)


def _at(path: str) -> Any:
    return lambda name: _("Sökväg %(path)s") % {"path": f"{path}.{name}" if path else name}


def _objects(value: Any, path: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise InstrumentFileError(
            _("Sökväg %(path)s: ska vara en lista av objekt.") % {"path": path}
        )
    if len(value) > MAX_ITEMS:
        raise InstrumentFileError(
            _("Sökväg %(path)s: högst %(max)s rader.") % {"path": path, "max": MAX_ITEMS}
        )
    return value


def read_json(data: bytes) -> RawInstrument:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise InstrumentFileError(
            _("Filen kunde inte läsas som JSON. Kontrollera att den är UTF-8 och giltig JSON.")
        ) from None
    if not isinstance(document, dict):
        raise InstrumentFileError(_("Filen ska innehålla ett JSON-objekt."))
    raw = RawInstrument(head=Item(document, _at("")))
    for index, entry in enumerate(_objects(document.get("indicators"), "indicators")):
        raw.indicators.append(Item(entry, _at(f"indicators[{index}]")))
    scales = document.get("scales") or {}
    if not isinstance(scales, dict):
        raise InstrumentFileError(_("Sökväg scales: ska vara ett objekt med skalor."))
    for scale, steps in scales.items():
        for index, step in enumerate(_objects(steps, f"scales.{scale}")):
            raw.steps.append(Item({**step, "scale": scale}, _at(f"scales.{scale}[{index}]")))
    for index, entry in enumerate(_objects(document.get("questions"), "questions")):
        path = f"questions[{index}]"
        raw.questions.append(Item(entry, _at(path)))
        question = entry.get("id")
        for number, choice in enumerate(_objects(entry.get("choices"), f"{path}.choices")):
            values = {**choice, "question": question}
            raw.choices.append(Item(values, _at(f"{path}.choices[{number}]")))
    return raw
