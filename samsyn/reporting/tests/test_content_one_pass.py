"""One pass over the registrations per report: the registration metrics are counted once
however many parts of the report read them (docs/performance.md, "Reports")."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samsyn.conftest import World
from samsyn.interventions.models import Goal
from samsyn.reporting.selectors.content import report_content
from samsyn.stats.periods import Period

PERIOD = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
# The alias of the last count of the registration metrics' one aggregate.
REGISTRATION_METRICS = 'AS "anonymous_started"'


def registration_aggregates(world: World) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        content = report_content(world.intervention, PERIOD, suppress=False)
    found = sum(REGISTRATION_METRICS in query["sql"] for query in queries.captured_queries)
    return found, len(content["goals"])


def test_goals_reuse_the_registration_metrics_of_the_report(world: World) -> None:
    assert registration_aggregates(world) == (1, 0)
    for metric_id in ("participants_total", "share_work_or_studies", "active"):
        Goal.objects.create(
            intervention=world.intervention,
            metric_id=metric_id,
            comparison="at_least",
            target=Decimal(5),
        )
    assert registration_aggregates(world) == (1, 3)
