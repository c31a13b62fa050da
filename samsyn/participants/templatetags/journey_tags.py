"""Template helpers for the participant page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def url_if_exists(name: str, *args: Any) -> str:
    """``{% url %}`` that yields "" when the URL is not (yet) defined.

    The participant page links to forms other parts of the app provide; the page must keep
    working while one of them is missing.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
