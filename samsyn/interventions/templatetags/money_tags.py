"""Template filters of the money pages: amounts in kronor and shares in percent, Swedish."""

from __future__ import annotations

from decimal import Decimal

from django import template

from samsyn.core.kommuner import municipality_name as _municipality_name
from samsyn.interventions.services.money import format_amount
from samsyn.stats.numbers import percent_text

register = template.Library()


@register.filter
def kr(value: Decimal | int | None) -> str:
    """ "1 234 500" or "1 234,50"; "–" for no value."""
    if value is None or value == "":
        return "–"
    return format_amount(Decimal(value))


@register.filter
def percent(value: float | None) -> str:
    """A share (0–1) as "45,3 %"; "–" without a denominator."""
    if value is None:
        return "–"
    return percent_text(value)  # the one rule for shares (samsyn/stats/numbers.py)


@register.filter
def municipality_name(code: str) -> str:
    """ "Hagfors (1783)" for a kommunkod."""
    return f"{_municipality_name(code)} ({code})" if code else "–"
