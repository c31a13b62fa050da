"""A period removed from the report schedule can be put back for 30 days from the
intervention's Borttaget page (docs/deleting.md), unless it would now overlap another period
of its kind."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from samsyn.conftest import World
from samsyn.core.models import DeletedRecord
from samsyn.interventions.models import StoredReportPeriod
from samsyn.interventions.services.deleted import RESTORER_ROLES
from samsyn.reporting.selectors.period_reports import REPORT_MANAGER_ROLES
from samsyn.reporting.tests.period_report_data import scheduled

__all__ = ["scheduled"]
pytestmark = pytest.mark.django_db
Persona = Callable[[str], Client]
D = datetime.date


def test_schedule_editors_are_the_restorers() -> None:
    """The report period kind shares the intervention's restore rule (reporting/services/
    deleted.py): that holds while the two role lists are the same."""
    assert set(REPORT_MANAGER_ROLES) == set(RESTORER_ROLES)


def test_removed_period_comes_back(scheduled: World, as_persona: Persona) -> None:
    client = as_persona("insatsansvarig")
    url = reverse(
        "reporting:report_schedule_remove", args=[scheduled.intervention.pk, "quarter", 3]
    )
    assert client.post(url, {"version": 1, "confirm": "1"}).status_code == 302
    entry = DeletedRecord.objects.get(kind="report_period")
    assert "2025-07-01–2025-09-30" in entry.label
    page = reverse("interventions:deleted", args=[scheduled.intervention.pk])
    assert entry.label in client.get(page).content.decode()
    text = client.post(page, {"entry": str(entry.pk)}, follow=True).content.decode()
    assert "är återställd" in text
    row = StoredReportPeriod.objects.get(
        intervention=scheduled.intervention, kind="quarter", number=3
    )
    assert (row.date_from, row.date_to, row.version) == (D(2025, 7, 1), D(2025, 9, 30), 2)


def test_restore_refused_when_it_would_overlap(scheduled: World, as_persona: Persona) -> None:
    client = as_persona("admin")
    pk = scheduled.intervention.pk
    url = reverse("reporting:report_schedule_remove", args=[pk, "quarter", 3])
    client.post(url, {"version": 1, "confirm": "1"})
    # The neighbouring quarter is stretched over the removed one's months.
    fourth = StoredReportPeriod.objects.get(intervention_id=pk, kind="quarter", number=4)
    fourth.date_from = D(2025, 8, 1)
    fourth.save()
    entry = DeletedRecord.objects.get()
    page = reverse("interventions:deleted", args=[pk])
    text = client.post(page, {"entry": str(entry.pk)}, follow=True).content.decode()
    assert "Perioden överlappar" in text
    assert not StoredReportPeriod.objects.filter(
        intervention_id=pk, number=3, kind="quarter"
    ).exists()
    entry.refresh_from_db()
    assert entry.restored_at is None
