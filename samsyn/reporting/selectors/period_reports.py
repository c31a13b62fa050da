"""Reads of period reports, always starting from the actor's scope.

Who (docs/period-reports.md):

- förbundsadministratör of the intervention's förbund and its insatsansvarig see, create,
  write and approve the reports;
- styrgrupp of the förbund sees and downloads them;
- everyone else (coach, handläggare, granskare, other förbund) gets a 404.

A period report is made for the steering group, so what it hands over is small-number
suppressed under the förbund's limit (``Forbund.small_count_limit``): every download and the
approved report's snapshot. On the page of a **draft** a user who reaches the intervention
through a role that sees exact figures (``ROLES_SEEING_EXACT_FIGURES``: its insatsansvarig,
the förbundsadministratör) sees the exact figures, and can switch to the steering group's
view; an approved report shows only its snapshot, to everyone. Every figure is shown for
the period and "sedan start" (from the intervention's start to the period's end).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samsyn.core.models import User
from samsyn.core.roles import ROLES_SEEING_EXACT_FIGURES, Role
from samsyn.interventions.models import Intervention, StoredReportPeriod
from samsyn.interventions.periods import PeriodKind, ReportPeriod, report_schedule
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.reporting.content_types import ReportContent, content_from_json
from samsyn.reporting.models import PeriodReport, ReportKind
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

REPORT_MANAGER_ROLES = (Role.FORBUNDSADMIN, Role.INSATSANSVARIG)
REPORT_VIEWER_ROLES = (*REPORT_MANAGER_ROLES, Role.STYRGRUPP)

GROUP_LABELS = {
    ReportKind.QUARTER: _("Kvartalsrapporter"),
    ReportKind.YEAR: _("Årsrapporter"),
    ReportKind.FINAL: _("Slutrapport"),
}

# When a period's report is due: this many days after the period's last day. No source gives
# the förbund's own deadline (the seeds say only that an intervention reports "enligt
# gällande rutiner"), so this is Samsyn's choice, documented in docs/period-reports.md.
REPORT_DUE_DAYS = 30


class Deadline(StrEnum):
    """Where a period's report stands against its due date (the report list)."""

    NONE = ""  # approved, or the period has not ended yet
    DUE = "att_lamna"  # the period has ended, the due date has not passed
    LATE = "forsenad"  # the due date has passed and the report is not approved


def report_due_date(period_to: datetime.date) -> datetime.date:
    return period_to + datetime.timedelta(days=REPORT_DUE_DAYS)


def deadline_of(
    period_to: datetime.date, report: PeriodReport | None, today: datetime.date
) -> Deadline:
    if (report is not None and report.is_approved) or today <= period_to:
        return Deadline.NONE
    return Deadline.DUE if today <= report_due_date(period_to) else Deadline.LATE


def report_short_name(report: PeriodReport) -> str:
    """How the confirmation question names the report: "rapport 12", "årsrapporten 2027",
    "slutrapporten"."""
    if report.kind == ReportKind.QUARTER:
        return str(_("rapport %(number)s") % {"number": report.number})
    if report.kind == ReportKind.YEAR:
        return str(_("årsrapporten %(year)s") % {"year": report.period_from.year})
    return str(_("slutrapporten"))


KIND_OF_PERIOD: dict[PeriodKind, ReportKind] = {
    PeriodKind.QUARTER: ReportKind.QUARTER,
    PeriodKind.YEAR: ReportKind.YEAR,
    PeriodKind.FINAL: ReportKind.FINAL,
}


def report_intervention_get(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose reports the actor may see; 404 for everyone else."""
    visible = interventions_visible_to(actor, *REPORT_VIEWER_ROLES)
    return get_object_or_404(visible.select_related("forbund"), pk=intervention_id)


def can_manage_reports(actor: User, intervention: Intervention) -> bool:
    managed = interventions_visible_to(actor, *REPORT_MANAGER_ROLES)
    return managed.filter(pk=intervention.pk).exists()


def acting_role(actor: User, intervention: Intervention, roles: tuple[Role, ...]) -> str | None:
    """The first of ``roles`` through which the actor reaches the intervention (for the
    audit log), or ``None``."""
    for role in roles:
        if interventions_visible_to(actor, role).filter(pk=intervention.pk).exists():
            return role.value
    return None


def generated_periods(intervention: Intervention) -> list[ReportPeriod]:
    """The schedule generated from the intervention's dates: calendar quarters, calendar
    years and the final report. An intervention whose dates are the wrong way round has
    none."""
    try:
        schedule = report_schedule(intervention.start_date, intervention.end_date)
    except ValueError:
        return []
    return [*schedule.quarters, *schedule.years, schedule.final]


KIND_ORDER = {PeriodKind.QUARTER: 0, PeriodKind.YEAR: 1, PeriodKind.FINAL: 2}


def stored_periods(intervention: Intervention) -> list[StoredReportPeriod]:
    """The edited schedule's rows (one query); empty while the schedule is generated."""
    return list(StoredReportPeriod.objects.filter(intervention=intervention).order_by())


def as_report_period(row: StoredReportPeriod) -> ReportPeriod:
    return ReportPeriod(PeriodKind(row.kind), row.number, row.label, row.date_from, row.date_to)


def scheduled_periods(intervention: Intervention) -> list[ReportPeriod]:
    """The intervention's report schedule: the edited one when it has been edited
    (docs/period-reports.md), else the generated one. Quarters, years, then the final
    report, each by date."""
    stored = stored_periods(intervention)
    if not stored:
        return generated_periods(intervention)
    periods = [as_report_period(row) for row in stored]
    return sorted(periods, key=lambda p: (KIND_ORDER[p.kind], p.date_from, p.number))


def scheduled_period(
    intervention: Intervention, kind: str, period_from: datetime.date, period_to: datetime.date
) -> ReportPeriod | None:
    """The scheduled period of ``kind`` with exactly these dates, if the schedule has it."""
    for period in scheduled_periods(intervention):
        if (
            KIND_OF_PERIOD[period.kind] == kind
            and period.date_from == period_from
            and period.date_to == period_to
        ):
            return period
    return None


@dataclass(frozen=True)
class ReportRow:
    """One line of the report list: a scheduled period and its report, if there is one."""

    kind: str
    label: str
    period_from: datetime.date
    period_to: datetime.date
    report: PeriodReport | None
    scheduled: bool = True
    deadline: Deadline = Deadline.NONE

    @property
    def due_on(self) -> datetime.date:
        return report_due_date(self.period_to)


@dataclass(frozen=True)
class ReportGroup:
    kind: str
    label: str
    rows: list[ReportRow] = field(default_factory=list)


@dataclass(frozen=True)
class ReportListPage:
    intervention: Intervention
    groups: list[ReportGroup]
    can_manage: bool
    today: datetime.date

    def count(self, deadline: Deadline) -> int:
        return sum(row.deadline is deadline for group in self.groups for row in group.rows)

    @property
    def due_count(self) -> int:
        return self.count(Deadline.DUE)

    @property
    def late_count(self) -> int:
        return self.count(Deadline.LATE)


def _reports_of(intervention: Intervention) -> list[PeriodReport]:
    return list(
        PeriodReport.objects.filter(intervention=intervention)
        .select_related("approved_by", "created_by")
        .order_by("period_from", "kind", "period_to")
    )


def report_list(
    *, actor: User, intervention_id: int, today: datetime.date | None = None
) -> ReportListPage:
    """Every scheduled period of the intervention with its report's status and whether it
    is due or late on ``today`` (a constant number of queries: the schedule is computed,
    the reports are one query)."""
    today = today or timezone.localdate()
    intervention = report_intervention_get(actor=actor, intervention_id=intervention_id)
    reports = {(r.kind, r.period_from, r.period_to): r for r in _reports_of(intervention)}
    rows: dict[str, list[ReportRow]] = {kind: [] for kind in ReportKind.values}
    for period in scheduled_periods(intervention):
        kind = KIND_OF_PERIOD[period.kind]
        report = reports.pop((kind, period.date_from, period.date_to), None)
        deadline = deadline_of(period.date_to, report, today)
        rows[kind].append(
            ReportRow(
                kind, str(period.label), period.date_from, period.date_to, report, True, deadline
            )
        )
    # Reports whose period left the schedule (the intervention's dates changed) stay listed;
    # no longer scheduled, they are not due.
    for (left_kind, period_from, period_to), report in reports.items():
        rows[left_kind].append(
            ReportRow(left_kind, report.title, period_from, period_to, report, scheduled=False)
        )
    groups = [
        ReportGroup(kind, str(label), sorted(rows[kind], key=lambda row: row.period_from))
        for kind, label in GROUP_LABELS.items()
        if rows[kind]
    ]
    return ReportListPage(
        intervention=intervention,
        groups=groups,
        can_manage=can_manage_reports(actor, intervention),
        today=today,
    )


@dataclass(frozen=True)
class ReportPage:
    intervention: Intervention
    report: PeriodReport
    content: ReportContent
    can_manage: bool
    # A draft whose exact figures the actor may see (the page offers both views).
    may_see_exact: bool = False

    @property
    def can_edit(self) -> bool:
        return self.can_manage and not self.report.is_approved

    @property
    def period_has_ended(self) -> bool:
        return self.report.period_has_ended(timezone.localdate())


def report_get(*, actor: User, intervention_id: int, report_id: int) -> PeriodReport:
    """A report the actor may see; 404 for everyone else."""
    intervention = report_intervention_get(actor=actor, intervention_id=intervention_id)
    report = get_object_or_404(
        PeriodReport.objects.filter(intervention=intervention).select_related(
            "approved_by", "created_by"
        ),
        pk=report_id,
    )
    report.intervention = intervention
    return report


def managed_report_get(*, actor: User, intervention_id: int, report_id: int) -> PeriodReport:
    """A report the actor may create, write and approve; 404 for everyone else (a
    styrgrupp member who can see the report is refused in the same way)."""
    report = report_get(actor=actor, intervention_id=intervention_id, report_id=report_id)
    if not can_manage_reports(actor, report.intervention):
        raise Http404
    return report


def steering_group_content(report: PeriodReport) -> ReportContent:
    """What the steering group gets: every figure for the period and since the start,
    suppressed under the förbund's limit. Stored as the snapshot when approved."""
    period = Period(report.period_from, report.period_to)
    intervention = report.intervention
    return report_content(
        intervention,
        period,
        suppress=True,
        limit=intervention.forbund.small_count_limit,
        since_start=True,
    )


def report_figures(report: PeriodReport, *, exact: bool = False) -> ReportContent:
    """The figures of the report: its snapshot once approved (brought to the current shape:
    snapshots are stored for good), else computed now. Suppressed (the steering group's
    view) unless ``exact`` and the report is still a draft."""
    if report.is_approved and report.snapshot is not None:
        return content_from_json(report.snapshot)
    if not exact:
        return steering_group_content(report)
    period = Period(report.period_from, report.period_to)
    intervention = report.intervention
    return report_content(
        intervention,
        period,
        suppress=False,
        limit=intervention.forbund.small_count_limit,
        since_start=True,
    )


def sees_exact_figures(actor: User, intervention: Intervention) -> bool:
    """Whether the actor reaches the intervention through a role that sees exact figures
    (its insatsansvarig, the förbundsadministratör); never styrgrupp alone."""
    roles = tuple(role for role in REPORT_MANAGER_ROLES if role in ROLES_SEEING_EXACT_FIGURES)
    return interventions_visible_to(actor, *roles).filter(pk=intervention.pk).exists()


def report_page(
    *, actor: User, intervention_id: int, report_id: int, as_steering_group: bool = False
) -> ReportPage:
    """The report's page. A draft shows exact figures to a user who may see them (unless
    ``as_steering_group``); an approved report shows its snapshot."""
    report = report_get(actor=actor, intervention_id=intervention_id, report_id=report_id)
    may_see_exact = not report.is_approved and sees_exact_figures(actor, report.intervention)
    return ReportPage(
        intervention=report.intervention,
        report=report,
        content=report_figures(report, exact=may_see_exact and not as_steering_group),
        can_manage=can_manage_reports(actor, report.intervention),
        may_see_exact=may_see_exact,
    )


# --- the editable schedule ------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleRow:
    period: ReportPeriod
    report: PeriodReport | None
    version: int = 1  # of the stored period (1 while the schedule is generated)

    @property
    def locked(self) -> bool:
        """A period whose report is fastställd cannot be changed."""
        return self.report is not None and self.report.is_approved


@dataclass(frozen=True)
class SchedulePage:
    intervention: Intervention
    rows: list[ScheduleRow]
    edited: bool
    version_of: dict[tuple[str, int], int] = field(default_factory=dict)


def managed_intervention_get(*, actor: User, intervention_id: int) -> Intervention:
    """An intervention whose reports and schedule the actor manages; 404 for everyone else."""
    intervention = report_intervention_get(actor=actor, intervention_id=intervention_id)
    if not can_manage_reports(actor, intervention):
        raise Http404
    return intervention


def schedule_page(*, actor: User, intervention_id: int) -> SchedulePage:
    """The intervention's report periods with their reports (a constant number of queries)."""
    intervention = managed_intervention_get(actor=actor, intervention_id=intervention_id)
    stored = stored_periods(intervention)
    periods = (
        sorted(
            (as_report_period(row) for row in stored),
            key=lambda p: (KIND_ORDER[p.kind], p.date_from, p.number),
        )
        if stored
        else generated_periods(intervention)
    )
    reports = {(r.kind, r.period_from, r.period_to): r for r in _reports_of(intervention)}
    version_of = {(row.kind, row.number): row.version for row in stored}
    rows = [
        ScheduleRow(
            p,
            reports.get((KIND_OF_PERIOD[p.kind], p.date_from, p.date_to)),
            version_of.get((p.kind.value, p.number), 1),
        )
        for p in periods
    ]
    return SchedulePage(
        intervention=intervention, rows=rows, edited=bool(stored), version_of=version_of
    )


def schedule_period_get(
    *, actor: User, intervention_id: int, kind: str, number: int
) -> tuple[Intervention, ReportPeriod, int]:
    """One period of the schedule the actor manages, and its version (1 while generated)."""
    page = schedule_page(actor=actor, intervention_id=intervention_id)
    for row in page.rows:
        if row.period.kind.value == kind and row.period.number == number:
            return page.intervention, row.period, page.version_of.get((kind, number), 1)
    raise Http404


def stored_period_get(
    *, actor: User, intervention_id: int, kind: str, number: int
) -> StoredReportPeriod | None:
    """The saved row of one period of a schedule the actor manages (for who changed it
    last); None while the schedule is generated. 404 for everyone who may not manage it."""
    intervention = managed_intervention_get(actor=actor, intervention_id=intervention_id)
    rows = StoredReportPeriod.objects.filter(intervention=intervention, kind=kind, number=number)
    return rows.first()
