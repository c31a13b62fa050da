"""``{% applications_area %}``: the applications area's sub-navigation (selectors/area.py)."""

from __future__ import annotations

from typing import Any

from django import template

from samsyn.applications.selectors.area import area_links

register = template.Library()


@register.inclusion_tag("applications/_area_nav.html", takes_context=True)
def applications_area(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    match = getattr(request, "resolver_match", None)
    current = match.url_name if match is not None else ""
    return {"links": area_links(actor=request.user), "current": current}
