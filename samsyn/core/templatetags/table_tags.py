"""Template tags for tables that scroll in a keyboard-focusable region.

Every table sits in ``<div class="table-scroll" role="region" tabindex="0"
aria-labelledby="...">`` whose accessible name is the table's caption (docs/development.md,
"Tables"). ``{% new_id "table" as table_caption_id %}`` gives the caption an id that is
unique on the page, also when the table is in a loop or an include rendered twice.

The numbers count per request, so the same page renders with the same ids every time (a
snapshot rendered twice is the same HTML); without a request in the context (an include with
``only``, a document rendered to a string) they come from a process-wide counter with its own
letter, so they never clash with the request's.
"""

from __future__ import annotations

import itertools
from typing import Any

from django import template

register = template.Library()

_counter = itertools.count(1)
_REQUEST_COUNT = "_samsyn_new_ids"


@register.simple_tag(takes_context=True)
def new_id(context: Any, prefix: str = "id") -> str:
    """An HTML id unique on the page: ``table-1``, ``table-2``, … per request."""
    request = context.get("request")
    if request is None:
        return f"{prefix}-g{next(_counter)}"
    number = getattr(request, _REQUEST_COUNT, 0) + 1
    setattr(request, _REQUEST_COUNT, number)
    return f"{prefix}-{number}"
