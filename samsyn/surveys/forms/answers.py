"""The answering form as the templates draw it: one entry per question, with its options,
what was chosen and its error. Checking the answers is the service's job
(``services.answers.parse_answers``); this only presents them, so the public page and the
paper form are drawn and checked the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samsyn.surveys.models import Question, QuestionKind
from samsyn.surveys.services.answers import field_name


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    input_id: str
    checked: bool


@dataclass(frozen=True)
class FieldView:
    name: str
    text: str
    kind: str
    options: list[Option] = field(default_factory=list)
    value: str = ""
    error: str = ""
    required: bool = True

    @property
    def first_id(self) -> str:
        """Where an error summary's link leads: the first option, or the text box."""
        return self.options[0].input_id if self.options else f"id_{self.name}"

    @property
    def is_choice(self) -> bool:
        return bool(self.options)


def _options(question: Question, name: str, chosen: str) -> list[Option]:
    if question.kind == QuestionKind.SCALE:
        pairs = [(str(step.value), step.label) for step in question.scale_steps.all()]
    elif question.kind == QuestionKind.CHOICE:
        pairs = [(str(choice.value), choice.label) for choice in question.choices.all()]
    elif question.kind == QuestionKind.YES_NO:
        pairs = [("1", _("Ja")), ("0", _("Nej"))]
    else:
        return []
    return [
        Option(value=value, label=label, input_id=f"id_{name}_{number}", checked=value == chosen)
        for number, (value, label) in enumerate(pairs)
    ]


def answer_fields(
    questions: list[Question],
    values: Mapping[str, str],
    errors: Mapping[str, list[str]],
    *,
    require_all: bool = True,
) -> list[FieldView]:
    fields = []
    for question in questions:
        name = field_name(question)
        chosen = str(values.get(name, "") or "")
        fields.append(
            FieldView(
                name=name,
                text=question.text,
                kind=question.kind,
                options=_options(question, name, chosen),
                value=chosen,
                error=" ".join(errors.get(name, [])),
                required=require_all and question.kind != QuestionKind.FREE_TEXT,
            )
        )
    return fields
