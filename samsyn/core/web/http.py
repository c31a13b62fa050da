"""404 for what the user may not see.

A record outside the user's scope does not exist for them: the page answers 404, never a
403 that would reveal it exists. Selectors decide scope; these helpers turn their answer
("nothing", "not allowed here") into the 404.
"""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def not_found_unless(condition: object) -> None:
    """Raise Http404 unless ``condition`` holds (the user may use this page at all)."""
    if not condition:
        raise Http404


def found_or_404(value: T | None) -> T:
    """``value`` from a scoped look-up, or Http404 when the look-up found nothing."""
    if value is None:
        raise Http404
    return value
