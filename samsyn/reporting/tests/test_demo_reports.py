"""The demo shows the corrected reports: the IPS and the step-by-step (REBUS-like)
interventions list no recommendation shares, the resursinventering one lists them with the
national wording, and the IPS intervention (seed 001's target group) has its own 20–29 band."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samsyn.core.demo_data import INVENTORY_SLUG, IPS_SLUG, STEP_SLUG
from samsyn.interventions.models import AgeBand, Intervention
from samsyn.reporting.content_types import ReportContent
from samsyn.reporting.models import PeriodReport, ReportStatus
from samsyn.reporting.selectors.content import report_content
from samsyn.site.demo import seed_demo
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db


def test_demo_reports_follow_the_methods_and_the_target_group() -> None:
    seed_demo()
    today = timezone.localdate()
    period = Period(datetime.date(2025, 1, 1), today)

    def content(slug: str) -> ReportContent:
        intervention = Intervention.objects.get(slug=slug)
        return report_content(intervention, period, suppress=False, today=today)

    for slug in (IPS_SLUG, STEP_SLUG):
        ids = [metric["id"] for metric in content(slug)["metrics"]]
        assert not [metric_id for metric_id in ids if metric_id.startswith("share_recommendation")]

    inventory = content(INVENTORY_SLUG)
    names = {metric["name"] for metric in inventory["metrics"]}
    assert "Andel med rekommendationen Arbetsförberedande insatser" in names
    assert not any("(AMA)" in name for name in names)

    ips = content(IPS_SLUG)
    tables = {table["id"]: table for table in ips["breakdowns"]}
    assert [row["label"] for row in tables["own_age_bands"]["rows"]] == ["20–29 år"]

    # Issue #15, item 9: the demo has fastställda reports for its past periods.
    approved = PeriodReport.objects.filter(
        intervention__slug__in=(IPS_SLUG, STEP_SLUG), status=ReportStatus.APPROVED
    )
    assert approved.filter(intervention__slug=IPS_SLUG).exists()
    assert approved.filter(intervention__slug=STEP_SLUG).exists()
    assert all(report.period_to < today for report in approved)
    reports_before = PeriodReport.objects.count()

    seed_demo()  # a second run adds no band and no report
    bands = AgeBand.objects.filter(intervention__slug=IPS_SLUG)
    assert list(bands.values_list("min_age", "max_age")) == [(20, 29)]
    assert PeriodReport.objects.count() == reports_before
