"""The positive rule of an indicator in words, shown with every share positive: "andel svar
där man svarat 4 eller 5 på en femgradig skala (D1, D2)"."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.surveys.models import Question, QuestionKind

_DEGREES = {
    2: gettext_lazy("tvågradig"),
    3: gettext_lazy("tregradig"),
    4: gettext_lazy("fyrgradig"),
    5: gettext_lazy("femgradig"),
    6: gettext_lazy("sexgradig"),
    7: gettext_lazy("sjugradig"),
}


def _or_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s eller %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def question_rule_text(question: Question) -> str:
    """One question's rule: "svarat 4 eller 5 på en femgradig skala", "svarat ja"."""
    values = sorted(int(value) for value in question.positive_steps or [])
    if question.kind == QuestionKind.SCALE:
        steps = len(question.scale_steps.all())
        degree = _DEGREES.get(steps) or _("%(steps)s-gradig") % {"steps": steps}
        return _("svarat %(values)s på en %(degree)s skala") % {
            "values": _or_list([str(value) for value in values]),
            "degree": str(degree),
        }
    if question.kind == QuestionKind.YES_NO:
        words = [_("ja") if value else _("nej") for value in sorted(values, reverse=True)]
        return _("svarat %(values)s") % {"values": _or_list(words)}
    labels = {choice.value: choice.label for choice in question.choices.all()}
    return _("valt %(values)s") % {
        "values": _or_list([f"”{labels.get(value, value)}”" for value in values])
    }


def positive_rule_text(questions: Sequence[Question]) -> str:
    """The indicator's rule: its questions grouped by the same rule."""
    grouped: dict[str, list[str]] = {}
    for question in questions:
        if question.positive_steps:
            grouped.setdefault(question_rule_text(question), []).append(question.code)
    parts = [f"{rule} ({', '.join(codes)})" for rule, codes in grouped.items()]
    return _("Andel av svaren på indikatorns frågor där man %(rule)s.") % {
        "rule": "; ".join(parts) if parts else "—"
    }
