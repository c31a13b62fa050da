"""The template filters that write report cells as Swedish text."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from samsyn.reporting.templatetags.reporting_tags import amount, cell, percent

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (0, "count", "0"),
        (7, "count", "7"),
        (1234, "count", f"1{NBSP}234"),
        (1234567, "count", f"1{NBSP}234{NBSP}567"),
        (None, "count", "—"),
        ("< 5", "count", "< 5"),
        ("dolt", "share", "dolt"),
        (0.45, "share", "45,0 %"),
        (1.0, "share", "100,0 %"),
        (0.0, "share", "0,0 %"),
        (None, "share", "—"),
        (89.0, "median", "89"),
        (167.5, "median", "167,5"),
        ("", "count", "—"),
    ],
)
def test_cell(value: object, kind: str, shown: str) -> None:
    assert cell(value, kind) == shown


def test_percent() -> None:
    assert percent(0.612) == "61,2 %"
    assert percent(0.0625) == "6,3 %"  # half up, not to even
    assert percent(None) == "—"
    assert percent("dolt") == "dolt"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1234567.40", f"1{NBSP}234{NBSP}567{NBSP}kr"),
        ("1234.50", f"1{NBSP}235{NBSP}kr"),
        ("0.00", f"0{NBSP}kr"),
        ("64000", f"64{NBSP}000{NBSP}kr"),
        ("-1500.00", f"\u22121{NBSP}500{NBSP}kr"),
        (None, "—"),
        ("inte pengar", "—"),
        ("NaN", "—"),
    ],
)
def test_amount(value: object, shown: str) -> None:
    assert amount(value) == shown


def test_in_a_template_and_the_charts_tag() -> None:
    template = Template(
        "{% load reporting_tags %}{{ n|cell }}|{{ s|cell:'share' }}|{{ m|amount }}|"
        "{% report_charts content as charts %}{{ charts|length }}"
    )
    out = template.render(Context({"n": 1234, "s": 0.5, "m": "10.00", "content": {}}))
    assert out == f"1{NBSP}234|50,0 %|10{NBSP}kr|0"


def test_hidden_text_is_escaped_in_html() -> None:
    out = Template("{% load reporting_tags %}{{ v|cell }}").render(Context({"v": "< 5"}))
    assert out == "&lt; 5"
