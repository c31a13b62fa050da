"""An approved (fastställd) period report never recomputes: its figures, for the page and
every file, are the snapshot stored at approval; a draft counts the registrations anew each
time (docs/performance.md, "Reports")."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.conftest import World
from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.models import PeriodReport, ReportKind
from samsyn.reporting.selectors.period_reports import report_figures
from samsyn.reporting.services.period_reports import period_report_approve, period_report_create
from samsyn.reporting.tests.period_report_data import participants, scheduled

__all__ = ["participants", "scheduled"]

REGISTRATIONS = '"participants_registration"'


def registration_queries(report: PeriodReport, *, exact: bool) -> tuple[int, ReportContent]:
    with CaptureQueriesContext(connection) as queries:
        figures = report_figures(report, exact=exact)
    return sum(REGISTRATIONS in query["sql"] for query in queries.captured_queries), figures


def test_an_approved_report_reads_its_snapshot_and_a_draft_counts_again(
    scheduled: World, participants: None
) -> None:
    report = period_report_create(
        actor=scheduled["insatsansvarig"],
        intervention=scheduled.intervention,
        kind=ReportKind.QUARTER,
        period_from=datetime.date(2025, 1, 1),
        period_to=datetime.date(2025, 3, 31),
    )
    for exact in (True, False):
        counted, draft_figures = registration_queries(report, exact=exact)
        assert counted > 0, "a draft is computed from the registrations"
    report = period_report_approve(
        actor=scheduled["admin"],
        report=report,
        expected_version=report.version,
        early_reason="",
        today=datetime.date(2025, 4, 2),
    )
    report = PeriodReport.objects.select_related("intervention__forbund").get(pk=report.pk)
    for exact in (False, True):
        counted, approved_figures = registration_queries(report, exact=exact)
        assert counted == 0, "an approved report never counts the registrations again"
        # The stored figures are the steering group's, as the draft showed them.
        assert approved_figures["metrics"] == draft_figures["metrics"]
