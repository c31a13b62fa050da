"""The cases block of a meeting page or minutes document (``collaboration/meeting/_cases.html``),
so the meetings' own views need not know about cases: the tag asks the case selectors, which
check the seat, apply the identity rule and log the notes read."""

from __future__ import annotations

from typing import Any

from django import template

from samsyn.collaboration.models import Meeting
from samsyn.collaboration.selectors.cases import case_teams_for, meeting_cases

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_cases_context(
    context: template.Context, meeting: Meeting, document: bool = False
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not case_teams_for(user).filter(pk=meeting.team_id).exists():
        return {"member": False, "items": []}
    return {"member": True, "items": meeting_cases(actor=user, meeting=meeting)}
