"""Where a referral came from, told by an upper app (ARCHITECTURE.md: a lower layer reaches
an upper one only through a registry filled in ``AppConfig.ready``).

The collaboration app registers one origin: a case raised in a team (the Trisam route of
seed 000: raised in the team → referred into an intervention). The referral form carries
the origin's query parameter (``?fran_arende=<case id>``) from the case page to the save,
and the referral's page names the meeting it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from django.utils.http import urlencode


class ReferralOrigin(Protocol):
    # The query parameter naming the origin (a positive integer id).
    param: str

    def link(self, *, actor: Any, referral: Any, origin_id: int) -> None:
        """Record that ``referral`` came from the origin; raises ValidationError or Http404
        (the caller's transaction then creates no referral)."""

    def describe(self, *, referral: Any) -> str:
        """A sentence naming where the referral came from, or '' (one query)."""


_ORIGINS: list[ReferralOrigin] = []


def register_origin(origin: ReferralOrigin) -> None:
    """Called from an ``AppConfig.ready``; registering twice is a no-op."""
    if origin not in _ORIGINS:
        _ORIGINS.append(origin)


def origin_params(query: Mapping[str, str]) -> dict[str, int]:
    """The registered origins named in ``query`` with a valid id (anything else ignored)."""
    found: dict[str, int] = {}
    for origin in _ORIGINS:
        value = str(query.get(origin.param, "")).strip()
        if value.isdigit() and 0 < int(value) < 2**31:
            found[origin.param] = int(value)
    return found


def origin_query(query: Mapping[str, str]) -> str:
    """``?param=id`` for the form's action, so the origin survives the POST; '' if none."""
    params = origin_params(query)
    return f"?{urlencode(params)}" if params else ""


def link_origins(*, actor: Any, referral: Any, query: Mapping[str, str]) -> None:
    params = origin_params(query)
    for origin in _ORIGINS:
        if origin.param in params:
            origin.link(actor=actor, referral=referral, origin_id=params[origin.param])


def describe_origins(*, referral: Any) -> list[str]:
    return [text for origin in _ORIGINS if (text := origin.describe(referral=referral))]
