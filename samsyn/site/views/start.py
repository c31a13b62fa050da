"""The start page: the user's caseload, roles, work and interventions in every förbund."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samsyn.collaboration.selectors.access import teams_visible_to
from samsyn.collaboration.selectors.meetings import TeamRow, coordinator_alerts
from samsyn.core.models import User
from samsyn.core.selectors.accounts import membership_list_for_user
from samsyn.core.web.requests import actor
from samsyn.participants.selectors.caseload import (
    CaseloadSummary,
    caseload_summary,
    may_see_caseload,
)
from samsyn.site.selectors.attention import attention_for
from samsyn.site.selectors.start_page import start_sections_for


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    memberships = membership_list_for_user(user=user)
    sections = start_sections_for(user=user, memberships=memberships)
    context = {
        "sections": sections,
        # The förbundsadministratör's "Att hantera" (None for everyone else).
        "attention": attention_for(memberships=memberships),
        "caseload": _caseload_summary(user),
        "meeting_alerts": _meeting_alerts(user),
        "has_teams": teams_visible_to(user).exists(),
    }
    return render(request, "site/start.html", context)


def _caseload_summary(actor: User) -> CaseloadSummary | None:
    """A coach's day starts with the caseload: its counts lead the start page.

    Only counts, no identities, so no audit event; the caseload page itself logs its view.
    """
    if not may_see_caseload(actor=actor):
        return None
    return caseload_summary(actor=actor)


def _meeting_alerts(actor: User) -> list[TeamRow]:
    """A coordinator's teams whose meeting is overdue or due soon with nothing planned, or
    that have overdue actions (the cadence of docs/collaboration.md)."""
    return coordinator_alerts(actor=actor)
