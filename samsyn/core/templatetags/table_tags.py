"""Template tags for tables that scroll in a keyboard-focusable region.

Every table sits in ``<div class="table-scroll" role="region" tabindex="0"
aria-labelledby="...">`` whose accessible name is the table's caption (docs/development.md,
"Tables"). ``{% new_id "table" as table_caption_id %}`` gives the caption an id that is
unique on the page, also when the table is in a loop or an include rendered twice.
"""

from __future__ import annotations

import itertools

from django import template

register = template.Library()

_counter = itertools.count(1)


@register.simple_tag
def new_id(prefix: str = "id") -> str:
    """An HTML id that no other call in this process has returned."""
    return f"{prefix}-{next(_counter)}"
