"""The decisions demo: what it makes, and that a second run changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from samsyn.applications.demo_decisions import GRANTED, PREPARED, REFUSED, seed_decisions
from samsyn.applications.models import Application, Decision, DeviationReport
from samsyn.core.models import Forbund
from samsyn.interventions.models import BudgetLine, Grant
from samsyn.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_decisions(settings):
    seed_demo()
    forbund = Forbund.objects.get(slug="exempeldalen")
    prepared = Application.objects.get(name=PREPARED)
    assert prepared.status == "beredning"
    assert sorted(prepared.notes.values_list("kind", flat=True)) == ["fraga", "kommentar", "svar"]
    granted = Application.objects.get(name=GRANTED)
    intervention = granted.intervention
    assert granted.decision.outcome == "beviljad_villkor"
    assert intervention.status == "beviljad"
    year = intervention.start_date.year
    grants = dict(Grant.objects.filter(intervention=intervention).values_list("year", "amount"))
    # Seed 003's two years, 100 000 kr more the second (change) and a third (continuation).
    assert grants == {
        year: Decimal(650_000),
        year + 1: Decimal(500_000),
        year + 2: Decimal(300_000),
    }
    assert BudgetLine.objects.filter(intervention=intervention, funder="part_natura").exists()
    assert Application.objects.get(name=REFUSED).decision.outcome == "avslagen"
    assert DeviationReport.objects.get(intervention=intervention).status == "kvitterad"
    counts = (Application.objects.count(), Decision.objects.count(), Grant.objects.count())
    assert sum(seed_decisions(forbund).values()) == 0
    assert (Application.objects.count(), Decision.objects.count(), Grant.objects.count()) == counts
