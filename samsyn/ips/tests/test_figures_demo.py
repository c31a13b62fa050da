"""The demo shows the IPS figures' definitions: face-to-face first contacts only, and jobs
held 13 weeks only when recorded (samsyn/ips/demo_figures.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from samsyn.core.demo_data import FORBUND_SLUG, IPS_SLUG
from samsyn.core.models import Forbund
from samsyn.interventions.models import Intervention
from samsyn.ips.demo_figures import seed_ips_figures
from samsyn.ips.models import EmployerContact
from samsyn.ips.selectors import job_development as jd
from samsyn.ips.selectors.outcomes_summary import ips_outcomes_summary
from samsyn.site.demo import seed_demo
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db


def test_demo_shows_face_to_face_first_contacts_and_unknown_jobs() -> None:
    seed_demo()
    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    ips = Intervention.objects.get(forbund=forbund, slug=IPS_SLUG)
    today = timezone.localdate()
    named = EmployerContact.objects.filter(intervention=ips, registration__isnull=False)
    assert named.filter(kind="besok").exists() and named.filter(kind="telefon").exists()
    period = Period(ips.start_date, today)
    figures = jd.first_contact_figures(ips, period, today=today)
    # some participants have only a phone call: no face-to-face contact, still waiting
    assert 0 < figures.with_contact < figures.started
    summary = ips_outcomes_summary(
        ips, Period(today - datetime.timedelta(days=90), today), suppress=False
    )
    values: dict[str, Any] = {f["id"]: f["values"]["total"] for f in summary["figures"]}
    assert values["jobs_13w_base"] >= 2
    assert values["jobs_13w_held"] >= 1 and values["jobs_13w_unknown"] >= 1
    assert summary["population"]
    assert not sum(seed_ips_figures(forbund).values())  # idempotent
