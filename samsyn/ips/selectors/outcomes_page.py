"""Who may see the IPS outcomes of an intervention, and the page's content.

Who: the förbundsadministratör and the styrgrupp of the intervention's förbund, its
insatsansvarig and its coaches (a coach sees every coach's row: counts, never a participant).
Everyone else (handläggare, granskare, another förbund, no role) and every intervention
without the IPS or Supported Employment method get a 404. The styrgrupp — anyone whose roles
here are not one of admin, insatsansvarig or coach — sees the intervention's figures with
small numbers suppressed and no per-coach or per-team rows.

Aggregates only, never a person, so no audit event is written (as the dashboard).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.forms.period_picker import PeriodPick, pick_period
from samsyn.interventions.models import Intervention
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.interventions.selectors.detail import viewer_roles
from samsyn.ips.selectors import summary_types
from samsyn.ips.selectors.outcomes import is_ips
from samsyn.ips.selectors.outcomes_summary import ips_outcomes_summary
from samsyn.stats.chart_svg import (
    TOTAL_COLOUR,
    Line,
    Point,
    ReportChart,
    Series,
    cell_text,
    line_chart_svg,
)
from samsyn.stats.numbers import percentage_text
from samsyn.stats.periods import Period

OUTCOME_ROLES = (Role.FORBUNDSADMIN, Role.STYRGRUPP, Role.INSATSANSVARIG, Role.COACH)
UNSUPPRESSED_ROLES = frozenset({Role.FORBUNDSADMIN, Role.INSATSANSVARIG, Role.COACH})


def outcomes_intervention(*, actor: User, intervention_id: int) -> Intervention:
    """An IPS / SE intervention whose outcomes the actor may see; 404 otherwise."""
    interventions = interventions_visible_to(actor, *OUTCOME_ROLES).select_related("forbund")
    intervention = get_object_or_404(interventions.distinct(), pk=intervention_id)
    if not is_ips(intervention):
        raise Http404
    return intervention


def outcomes_suppressed(*, actor: User, intervention: Intervention) -> bool:
    """Small numbers are hidden unless the actor is admin, insatsansvarig or coach here."""
    return not (viewer_roles(actor=actor, intervention=intervention) & UNSUPPRESSED_ROLES)


def outcomes_for(
    *, actor: User, intervention_id: int, period: Period
) -> summary_types.IpsOutcomesSummary:
    """The summary for the API: same access rules as the page."""
    intervention = outcomes_intervention(actor=actor, intervention_id=intervention_id)
    suppress = outcomes_suppressed(actor=actor, intervention=intervention)
    return ips_outcomes_summary(intervention, period, suppress=suppress)


@dataclass(frozen=True)
class OutcomesPage:
    intervention: Intervention
    pick: PeriodPick
    summary: summary_types.IpsOutcomesSummary
    chart: ReportChart | None


def outcomes_page(
    *,
    actor: User,
    intervention_id: int,
    params: Mapping[str, str],
    today: datetime.date | None = None,
) -> OutcomesPage:
    intervention = outcomes_intervention(actor=actor, intervention_id=intervention_id)
    suppress = outcomes_suppressed(actor=actor, intervention=intervention)
    pick = pick_period(intervention, params, today=today, free=not suppress)
    summary = ips_outcomes_summary(intervention, pick.period, suppress=suppress)
    return OutcomesPage(intervention, pick, summary, employment_chart(summary))


def _percent(value: float) -> str:
    return percentage_text(value)  # the one rule for shares (samsyn/stats/numbers.py)


def employment_chart(summary: summary_types.IpsOutcomesSummary) -> ReportChart | None:
    """The employment rate per quarter as a line, with the reference band's two levels."""
    rows = summary.get("by_quarter") or []
    if not rows:
        return None
    labels = [str(row["label"]) for row in rows]
    rates = [row["employment_rate"] for row in rows]
    points = [
        Point(
            float(rate) * 100
            if isinstance(rate, int | float) and not isinstance(rate, str)
            else None,
            cell_text(rate, share=True),
        )
        for rate in rates
    ]
    low, high = (
        summary["reference"][key] * 100 for key in ("employment_rate_low", "employment_rate_high")
    )
    title = _("Andel i arbete per kvartal")
    description = _(
        "Linjediagram över andelen i konkurrensutsatt arbete bland aktiva utan arbete vid "
        "start, per kvartal från %(first)s till %(last)s, med referensnivåerna %(low)s och "
        "%(high)s."
    ) % {"first": labels[0], "last": labels[-1], "low": _percent(low), "high": _percent(high)}
    reference = Series(_("Referens, låg"), "#595959", dash="6 4")
    svg = line_chart_svg(
        chart_id="ips_employment_rate",
        title=title,
        description=description,
        x_labels=labels,
        lines=[
            Line(Series(_("Andel i arbete"), TOTAL_COLOUR), points),
            Line(reference, [Point(low, _percent(low))] * len(labels)),
            Line(
                Series(_("Referens, hög"), "#595959", dash="2 3"),
                [Point(high, _percent(high))] * len(labels),
            ),
        ],
        value_text=_percent,
    )
    return ReportChart(
        "ips_employment_rate", title, SafeString(svg), description, "table-ips-quarters"
    )
