"""The job-development page (jobbutveckling) of an IPS/Supported Employment intervention.

Staff (förbundsadministratör, insatsansvarig, coach) see exact figures, the table per coach
and, for the participants they may see, the days to the first employer contact. Styrgrupp
sees the aggregated page only: the team's weekly figures and suppressed participant counts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.interventions.views.common import acting_user
from samsyn.ips.selectors import job_development as jd
from samsyn.ips.selectors.employers import ips_interventions_visible_to
from samsyn.participants.selectors.caseload import list_view_audit
from samsyn.stats.numbers import percent_text
from samsyn.stats.periods import Period


@dataclass(frozen=True)
class PageInput:
    intervention: Intervention
    weeks: int
    period: Period
    problems: list[str]


def default_period(today: datetime.date) -> Period:
    start = today.replace(year=today.year - 1) + datetime.timedelta(days=1)
    return Period(start, today)


def _weeks(text: str, problems: list[str]) -> int:
    if not text:
        return jd.DEFAULT_WEEKS
    if text.isdigit() and 1 <= int(text) <= jd.MAX_WEEKS:
        return int(text)
    problems.append(_("Ange antal veckor som ett heltal från 1 till 52. Visar 8 veckor."))
    return jd.DEFAULT_WEEKS


def _period(start: str, end: str, today: datetime.date, problems: list[str]) -> Period:
    if not start and not end:
        return default_period(today)
    try:
        return Period.parse(start, end)
    except ValidationError as error:
        problems.extend(error.messages)
        problems.append(_("Visar de senaste tolv månaderna i stället."))
        return default_period(today)


def parse_input(actor: User, params: Any, today: datetime.date) -> PageInput:
    interventions = ips_interventions_visible_to(actor, *jd.PAGE_ROLES)
    if not interventions:
        raise Http404
    problems: list[str] = []
    wanted = params.get("insats", "")
    chosen = next((i for i in interventions if str(i.pk) == wanted), None)
    if wanted and chosen is None:
        problems.append(_("Okänd insats: visar den första i listan."))
    period = _period(params.get("fran", ""), params.get("till", ""), today, problems)
    weeks = _weeks(params.get("veckor", ""), problems)
    return PageInput(chosen or interventions[0], weeks, period, problems)


def share_text(value: float | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value  # suppressed
    return percent_text(value)  # the one rule for shares (samsyn/stats/numbers.py)


@require_GET
def job_development(request: HttpRequest) -> HttpResponse:
    actor = acting_user(request)
    today = timezone.localdate()
    page = parse_input(actor, request.GET, today)
    interventions = ips_interventions_visible_to(actor, *jd.PAGE_ROLES)
    intervention = page.intervention
    exact = jd.sees_exact_figures(actor, intervention)
    weeks = jd.last_weeks(today, page.weeks)
    coach_rows = jd.contacts_per_week(intervention, weeks)
    participants = (
        jd.first_contact_rows(actor=actor, intervention=intervention, period=page.period)
        if exact
        else []
    )
    if participants:
        list_view_audit(
            actor=actor,
            detail="Dagar till första arbetsgivarkontakt listade",
            shown=[row["registration"] for row in participants],
        )
    growth = jd.bank_growth(intervention.forbund_id, page.period)
    summary = jd.job_development_summary(intervention, page.period, suppress=not exact, today=today)
    context = {
        "page": page,
        "intervention": intervention,
        "interventions": interventions,
        "exact": exact,
        "weeks": [(week, jd.week_label(week)) for week in weeks],
        "coach_rows": coach_rows if exact else [],
        "team_weeks": jd.team_weeks(coach_rows, weeks),
        "participants": participants,
        "summary": summary,
        "growth": growth,
        "growth_rows": growth.points,
        "chart": jd.bank_chart(growth),
        "share_text": share_text(summary["first_contact"]["share_within_30_days"]),
        "target": jd.TARGET_PER_WEEK,
        "target_days": jd.FIRST_CONTACT_TARGET_DAYS,
    }
    return render(request, "ips/employers/job_development.html", context)
