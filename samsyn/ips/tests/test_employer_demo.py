"""The demo employer bank: 30 → 42 over the last year (+40 %), idempotent."""

from __future__ import annotations

import datetime

import pytest

from samsyn.conftest import World
from samsyn.core.demo_data import IPS_SLUG
from samsyn.ips.demo_employers import seed_employers
from samsyn.ips.models import EmployerContact
from samsyn.ips.selectors import job_development as jd
from samsyn.stats.periods import Period

pytestmark = pytest.mark.django_db


def test_seed_grows_forty_percent_and_is_idempotent(world: World) -> None:
    world.intervention.slug = IPS_SLUG
    world.intervention.methods = ["ips"]
    world.intervention.save()
    world["coach"].username = "coach"
    today = datetime.date(2026, 5, 20)
    first = seed_employers(world.forbund, today=today)
    assert first["employers"] == 42 and first["agreements"] == 2 and first["contacts"] > 40
    assert sum(seed_employers(world.forbund, today=today).values()) == 0
    year = Period(today.replace(year=today.year - 1), today)
    growth = jd.bank_growth(world.forbund.pk, year)
    assert (growth.first, growth.last, growth.growth_text) == (30, 42, "+40 %")
    rows = jd.contacts_per_week(world.intervention, jd.last_weeks(today, 8))
    counts = {row.coach.username: row.counts for row in rows}
    assert counts["coach"] == [6, 4, 7, 6, 3, 6, 5, 2]
    assert EmployerContact.objects.filter(kind="telefon").count() == 8
