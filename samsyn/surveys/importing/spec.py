"""Checking a read instrument file: every problem is collected with where it is, and the
file is refused as a whole if there is any (imports are all-or-nothing)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from samsyn.surveys.importing.raw import InstrumentFileError, Item, RawInstrument
from samsyn.surveys.models import QuestionKind, RespondentGroup

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
# The file may name a kind in Swedish (the stored value) or in English.
KIND_NAMES = {
    "skala": QuestionKind.SCALE,
    "scale": QuestionKind.SCALE,
    "ja_nej": QuestionKind.YES_NO,
    "yes_no": QuestionKind.YES_NO,
    "fritext": QuestionKind.FREE_TEXT,
    "free_text": QuestionKind.FREE_TEXT,
    "val": QuestionKind.CHOICE,
    "choice": QuestionKind.CHOICE,
}
TRUE_WORDS = {"ja", "yes", "true", "1", "x"}
FALSE_WORDS = {"", "nej", "no", "false", "0"}


@dataclass
class QuestionSpec:
    code: str
    text: str
    kind: str
    groups: list[str]
    indicator: str
    positive: list[int]
    is_gender_question: bool
    steps: list[tuple[int, str]] = field(default_factory=list)
    choices: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class InstrumentSpec:
    key: str
    name: str
    source: str
    description: str
    indicators: list[tuple[str, str, str]]
    questions: list[QuestionSpec]


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, item: Item, name: str, message: str) -> None:
        self.errors.append(f"{item.where(name)}: {message}")

    def required(self, item: Item, name: str, max_length: int) -> str:
        value = text_of(item.values.get(name))
        if not value:
            self.add(item, name, _("värdet saknas (fältet är tomt)."))
        elif len(value) > max_length:
            self.add(item, name, _("högst %(max)s tecken.") % {"max": max_length})
        return value

    def integer(self, item: Item, name: str, value: Any) -> int | None:
        text = text_of(value)
        if re.fullmatch(r"-?\d{1,6}", text):
            return int(text)
        self.add(item, name, _("”%(value)s” är inget heltal.") % {"value": text})
        return None

    def integers(self, item: Item, name: str) -> list[int]:
        value = item.values.get(name)
        if value is None or value == "":
            return []
        parts: Iterable[Any] = (
            value if isinstance(value, list) else re.split(r"[,;\s]+", text_of(value))
        )
        numbers = [self.integer(item, name, part) for part in parts if text_of(part)]
        return [number for number in numbers if number is not None]


def check(raw: RawInstrument) -> InstrumentSpec:
    """The checked instrument, or InstrumentFileError listing every problem."""
    checker = Checker()
    head = raw.head
    key = checker.required(head, "key", 60)
    if key and not KEY_PATTERN.match(key):
        checker.add(head, "key", _("nyckeln får bara ha små bokstäver a–z, siffror, - och _."))
    name = checker.required(head, "name", 200)
    source = checker.required(head, "source", 2000)
    description = text_of(head.values.get("description"))
    indicators = _indicators(checker, raw.indicators)
    scales = _scales(checker, raw.steps)
    choices = _choices(checker, raw.choices)
    questions = _questions(checker, raw.questions, set(indicators), scales, choices)
    if not raw.questions:
        checker.errors.append(_("Filen har inga frågor."))
    if checker.errors:
        raise InstrumentFileError(checker.errors)
    rows = [(code, *indicators[code]) for code in indicators]
    return InstrumentSpec(key, name, source, description, rows, questions)


def _indicators(checker: Checker, items: list[Item]) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for item in items:
        code = checker.required(item, "code", 20)
        name = checker.required(item, "name", 300)
        if code in found:
            checker.add(item, "code", _("indikatorn ”%(code)s” finns redan.") % {"code": code})
        elif code:
            found[code] = (name, text_of(item.values.get("description")))
    return found


def _options(
    checker: Checker, items: list[Item], owner_field: str
) -> dict[str, list[tuple[int, str, Item]]]:
    """Steps per scale, or choices per question: (value, label, item) in file order."""
    found: dict[str, list[tuple[int, str, Item]]] = {}
    for item in items:
        owner = checker.required(item, owner_field, 30)
        label = checker.required(item, "label", 200)
        value = checker.integer(item, "value", item.values.get("value"))
        if not owner or value is None:
            continue
        options = found.setdefault(owner, [])
        if any(existing == value for existing, _label, _item in options):
            checker.add(item, "value", _("värdet %(value)s finns redan.") % {"value": value})
        else:
            options.append((value, label, item))
    return found


def _scales(checker: Checker, items: list[Item]) -> dict[str, list[tuple[int, str]]]:
    scales = {}
    for scale, steps in _options(checker, items, "scale").items():
        values = sorted(value for value, _label, _item in steps)
        if len(values) < 2:
            checker.add(steps[0][2], "scale", _("skalan har färre än två skalsteg."))
        missing = sorted(set(range(values[0], values[-1] + 1)) - set(values))
        if missing:
            checker.add(
                steps[0][2],
                "scale",
                _("skalsteg saknas i skalan ”%(scale)s”: %(missing)s.")
                % {"scale": scale, "missing": ", ".join(map(str, missing))},
            )
        scales[scale] = [(value, label) for value, label, _item in steps]
    return scales


def _choices(checker: Checker, items: list[Item]) -> dict[str, list[tuple[int, str, Item]]]:
    return _options(checker, items, "question")


def _questions(
    checker: Checker,
    items: list[Item],
    indicators: set[str],
    scales: dict[str, list[tuple[int, str]]],
    choices: dict[str, list[tuple[int, str, Item]]],
) -> list[QuestionSpec]:
    questions: list[QuestionSpec] = []
    seen: dict[str, Item] = {}
    for item in items:
        code = checker.required(item, "id", 30)
        if code in seen:
            checker.add(
                item,
                "id",
                _("fråge-id ”%(code)s” finns redan (%(first)s).")
                % {"code": code, "first": seen[code].where("id")},
            )
        elif code:
            seen[code] = item
        question = _question(checker, item, code, indicators, scales)
        question.choices = [(value, label) for value, label, _ in choices.get(code, [])]
        _check_kind_options(checker, item, question)
        questions.append(question)
    for owner, options in choices.items():
        if owner not in seen:
            checker.add(
                options[0][2],
                "question",
                _("frågan ”%(code)s” finns inte bland frågorna.") % {"code": owner},
            )
    return questions


def _question(
    checker: Checker,
    item: Item,
    code: str,
    indicators: set[str],
    scales: dict[str, list[tuple[int, str]]],
) -> QuestionSpec:
    text = checker.required(item, "text", 2000)
    kind_text = text_of(item.values.get("kind")).lower()
    kind = KIND_NAMES.get(kind_text, "")
    if not kind:
        checker.add(
            item,
            "kind",
            _("okänd frågetyp ”%(kind)s”; använd skala, ja_nej, fritext eller val.")
            % {"kind": kind_text},
        )
    indicator = text_of(item.values.get("indicator"))
    if indicator and indicator not in indicators:
        checker.add(
            item,
            "indicator",
            _("okänd indikator ”%(code)s”; den finns inte bland indikatorerna.")
            % {"code": indicator},
        )
    scale = text_of(item.values.get("scale"))
    steps: list[tuple[int, str]] = []
    if kind == QuestionKind.SCALE:
        if not scale:
            checker.add(item, "scale", _("en skalfråga måste ange sin skala."))
        elif scale not in scales:
            checker.add(item, "scale", _("skalan ”%(scale)s” finns inte.") % {"scale": scale})
        steps = scales.get(scale, [])
    return QuestionSpec(
        code=code,
        text=text,
        kind=kind,
        groups=_groups(checker, item),
        indicator=indicator,
        positive=checker.integers(item, "positive"),
        is_gender_question=_flag(checker, item, "gender_question"),
        steps=steps,
    )


def _groups(checker: Checker, item: Item) -> list[str]:
    value = item.values.get("groups")
    names = value if isinstance(value, list) else re.split(r"[,;\s]+", text_of(value))
    groups = [text_of(name) for name in names if text_of(name)]
    for group in groups:
        if group not in RespondentGroup.values:
            checker.add(
                item,
                "groups",
                _("okänd svarsgrupp ”%(group)s”; använd %(known)s.")
                % {"group": group, "known": ", ".join(RespondentGroup.values)},
            )
    if not groups:
        checker.add(item, "groups", _("frågan måste ställas till minst en svarsgrupp."))
    return list(dict.fromkeys(group for group in groups if group in RespondentGroup.values))


def _flag(checker: Checker, item: Item, name: str) -> bool:
    value = item.values.get(name)
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    if text in TRUE_WORDS:
        return True
    if text not in FALSE_WORDS:
        checker.add(item, name, _("skriv ja eller nej."))
    return False


def _check_kind_options(checker: Checker, item: Item, question: QuestionSpec) -> None:
    """The positive rule and the options must fit the question's kind."""
    if question.kind == QuestionKind.SCALE and question.steps:
        allowed = {value for value, _label in question.steps}
    elif question.kind == QuestionKind.CHOICE:
        if len(question.choices) < 2:
            checker.add(item, "kind", _("en valfråga måste ha minst två svarsalternativ."))
        allowed = {value for value, _label in question.choices}
    elif question.kind == QuestionKind.YES_NO:
        allowed = {0, 1}
    else:
        allowed = set()
    for value in question.positive:
        if value not in allowed and question.kind:
            checker.add(
                item,
                "positive",
                _(
                    "det positiva svaret %(value)s är inget skalsteg eller svarsalternativ "
                    "för frågan (skalsteg saknas)."
                )
                % {"value": value},
            )
