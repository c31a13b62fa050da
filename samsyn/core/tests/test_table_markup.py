"""Every table in a page template sits in a keyboard-focusable, named scroll region
(docs/development.md, "Tables"; issue #15, item 7)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.template import Context, Template

# Paper does not scroll: PDF and print templates keep their tables as they are.
PRINT_TEMPLATES = ("pdf.html", "print.html", "_print_actions.html")
REGION = re.compile(r'<div class="table-scroll"([^>]*)>\s*$')


def _in_region(before: str) -> bool:
    """The text before a <table> ends with a focusable, named div.table-scroll."""
    match = REGION.search(before)
    if not match:
        return False
    attributes = match.group(1)
    return (
        'role="region"' in attributes
        and 'tabindex="0"' in attributes
        and re.search(r'aria-(labelledby|label)="[^"]+"', attributes) is not None
    )


def _page_templates() -> list[Path]:
    root = Path(settings.BASE_DIR) / "samsyn"
    return [
        path
        for path in sorted(root.glob("**/templates/**/*.html"))
        if not path.name.endswith(PRINT_TEMPLATES)
    ]


def test_every_table_is_in_a_focusable_named_region() -> None:
    outside = []
    tables = 0
    for path in _page_templates():
        text = path.read_text()
        for match in re.finditer(r"<table[\s>]", text):
            tables += 1
            if not _in_region(text[: match.start()]):
                line = text.count("\n", 0, match.start()) + 1
                outside.append(f"{path.relative_to(settings.BASE_DIR)}:{line}")
    assert tables > 100
    assert not outside, "Tables outside a focusable scroll region:\n" + "\n".join(outside)


def test_new_id_is_unique_in_a_loop() -> None:
    template = Template(
        '{% load table_tags %}{% for item in items %}{% new_id "table" as caption_id %}'
        '<caption id="{{ caption_id }}"></caption>{% endfor %}'
    )
    html = template.render(Context({"items": range(3)}))
    ids = re.findall(r'id="(table-g?\d+)"', html)
    assert len(ids) == 3
    assert len(set(ids)) == 3


def test_new_id_counts_per_request_so_a_page_renders_the_same_twice() -> None:
    template = Template(
        '{% load table_tags %}{% for item in items %}{% new_id "table" as caption_id %}'
        '<caption id="{{ caption_id }}"></caption>{% endfor %}'
    )
    first = template.render(Context({"items": range(3), "request": HttpRequest()}))
    again = template.render(Context({"items": range(3), "request": HttpRequest()}))
    assert re.findall(r'id="([^"]+)"', first) == ["table-1", "table-2", "table-3"]
    assert first == again
