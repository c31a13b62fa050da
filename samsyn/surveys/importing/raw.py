"""The file's content before checking: items of named values, each able to say where in the
file a value stands (a JSON path, or an XLSX sheet, row and column), so every error names it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

Where = Callable[[str], str]

# Field names shared by both formats (JSON keys; XLSX headers map onto them).
HEAD_FIELDS = ("key", "name", "source", "description")
INDICATOR_FIELDS = ("code", "name", "description")
STEP_FIELDS = ("scale", "value", "label")
QUESTION_FIELDS = (
    "id",
    "text",
    "kind",
    "scale",
    "groups",
    "indicator",
    "positive",
    "gender_question",
)
CHOICE_FIELDS = ("question", "value", "label")
MAX_ITEMS = 2000


@dataclass
class Item:
    values: dict[str, Any]
    where: Where


@dataclass
class RawInstrument:
    head: Item
    indicators: list[Item] = field(default_factory=list)
    steps: list[Item] = field(default_factory=list)
    questions: list[Item] = field(default_factory=list)
    choices: list[Item] = field(default_factory=list)


class InstrumentFileError(ValidationError):
    """The file is refused; ``messages`` names each problem and where it is."""
