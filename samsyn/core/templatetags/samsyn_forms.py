"""``{% error_summary form [form ...] %}``: one "Något behöver rättas" box for a page.

``includes/form.html`` shows it for its form; a page that puts several Django forms in one
``<form>`` includes each with ``no_summary=True`` and calls the tag once with all of them,
so people see one box, not one per part (docs/development.md, "Messages").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm

register = template.Library()


@dataclass(frozen=True)
class SummaryLine:
    text: str
    anchor: str  # the id of the field to jump to; "" for a form-wide message


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms: BaseForm | None) -> dict[str, Any]:
    lines: list[SummaryLine] = []
    for form in forms:
        if form is None or not form.errors:
            continue
        lines.extend(SummaryLine(str(error), "") for error in form.non_field_errors())
        for field in form:
            for error in field.errors:
                label = f"{field.label}: {error}" if field.label else str(error)
                lines.append(SummaryLine(label, field.auto_id or ""))
    return {"lines": lines}
