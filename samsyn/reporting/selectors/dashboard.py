"""The intervention dashboard: every figure of one intervention and period, for the people
who follow the intervention up.

Who sees it: the förbundsadministratör and the styrgrupp of the intervention's förbund, its
insatsansvarig and its coaches. Everyone else (handläggare, granskare, another förbund) gets
a 404. Small numbers are suppressed unless the viewer's roles in this intervention include
one that sees personal data, the same test as the intervention page
(samsyn/interventions/selectors/detail.py ``intervention_page``).

The dashboard shows aggregates only, never a person, so no audit event is written.
The number of queries does not depend on the number of participants (content.py); the lead
block adds a constant few for the previous period (dashboard_lead.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from samsyn.core.db.routers import reads_from_replica
from samsyn.core.models import User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.interventions.forms.period_picker import PeriodPick, pick_period
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.detail import viewer_roles
from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.selectors.content import report_content
from samsyn.reporting.selectors.dashboard_lead import LeadFigure, lead_figures

DASHBOARD_ROLES = (Role.FORBUNDSADMIN, Role.STYRGRUPP, Role.INSATSANSVARIG, Role.COACH)


@dataclass(frozen=True)
class DashboardPage:
    intervention: Intervention
    pick: PeriodPick
    content: ReportContent
    # The four figures the page leads with ("Det viktigaste", dashboard_lead.py).
    lead: tuple[LeadFigure, ...] = ()

    @property
    def suppressed(self) -> bool:
        return bool(self.content["suppressed"])


def dashboard_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose dashboard the actor may see; 404 otherwise."""
    interventions = interventions_visible_to(actor, *DASHBOARD_ROLES).select_related("forbund")
    return get_object_or_404(interventions, pk=intervention_id)


def dashboard_suppressed(*, actor: User, intervention: Intervention) -> bool:
    """Small numbers are hidden unless one of the actor's dashboard roles here sees personal
    data: a styrgrupp member who is also a handläggare sees only the people they referred,
    so that role does not lift the suppression of the whole intervention's figures."""
    roles = viewer_roles(actor=actor, intervention=intervention)
    return not (roles & ROLES_SEEING_EXACT_FIGURES)


def dashboard_page(
    *,
    actor: User,
    intervention_id: int,
    params: Mapping[str, str],
    today: datetime.date | None = None,
) -> DashboardPage:
    """The dashboard of the intervention for the period asked for in ``params``
    (``?rapportperiod=`` or ``?fran=&till=``; bad input gives the default and a message)."""
    # Who may see what is decided on the primary; the figures may come from the replica.
    intervention = dashboard_intervention(actor=actor, intervention_id=intervention_id)
    suppress = dashboard_suppressed(actor=actor, intervention=intervention)
    with reads_from_replica():
        pick = pick_period(intervention, params, today=today, free=not suppress)
        content = report_content(intervention, pick.period, suppress=suppress, today=today)
        lead = lead_figures(intervention, pick.period, content, suppress=suppress)
    return DashboardPage(intervention=intervention, pick=pick, content=content, lead=tuple(lead))
