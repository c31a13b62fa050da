"""The cases block of a meeting page or minutes document (``collaboration/meeting/_cases.html``),
so the meetings' own views need not know about cases: the tag asks the case selectors, which
check the seat, apply the identity rule and log the notes read."""

from __future__ import annotations

from typing import Any

from django import template

from samsyn.collaboration.models import Meeting
from samsyn.collaboration.selectors.cases import meeting_cases_for

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_cases_context(
    context: template.Context, meeting: Meeting, document: bool = False
) -> dict[str, Any]:
    # A document is rendered without a request: its caller passes the actor as ``case_viewer``.
    user = context.get("case_viewer") or getattr(context.get("request"), "user", None)
    if user is None:
        return {"member": False, "items": []}
    items = meeting_cases_for(actor=user, meeting=meeting)
    return {"member": items is not None, "items": items or []}
