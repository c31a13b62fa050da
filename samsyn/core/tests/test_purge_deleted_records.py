"""Deleted rows kept for undo are removed once the 30 days are over (docs/deleting.md):
``purge_deleted_records`` alone, and every night with ``apply_retention``."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samsyn.conftest import World
from samsyn.core.models import RESTORE_DAYS, DeletedRecord, Forbund
from samsyn.core.services.deleted import deleted_records_purge

pytestmark = pytest.mark.django_db


def kept(forbund: Forbund, *, days_ago: float, restored: bool = False) -> DeletedRecord:
    deleted_at = timezone.now() - datetime.timedelta(days=days_ago)
    return DeletedRecord.objects.create(
        forbund=forbund,
        scope="intervention",
        scope_id=1,
        kind="budget_line",
        label=f"Budgetrad ({days_ago} dagar)",
        data={"model": "interventions.budgetline", "pk": 1, "fields": {}},
        deleted_at=deleted_at,
        restored_at=deleted_at if restored else None,
    )


def labels() -> set[str]:
    return set(DeletedRecord.objects.values_list("label", flat=True))


def test_purge_removes_only_entries_past_the_restore_period(world: World) -> None:
    young = kept(world.forbund, days_ago=RESTORE_DAYS - 1)
    kept(world.forbund, days_ago=RESTORE_DAYS + 1)
    kept(world.forbund, days_ago=RESTORE_DAYS + 1, restored=True)
    kept(world.other_forbund, days_ago=400)
    assert deleted_records_purge(dry_run=True) == 3
    assert DeletedRecord.objects.count() == 4  # a dry run changes nothing
    assert deleted_records_purge() == 3
    assert labels() == {young.label}


def test_purge_of_one_forbund_leaves_the_others(world: World) -> None:
    kept(world.forbund, days_ago=RESTORE_DAYS + 1)
    other = kept(world.other_forbund, days_ago=RESTORE_DAYS + 1)
    assert deleted_records_purge(forbund=world.forbund) == 1
    assert labels() == {other.label}


def test_the_command(world: World) -> None:
    young = kept(world.forbund, days_ago=1)
    kept(world.forbund, days_ago=RESTORE_DAYS + 5)
    out = StringIO()
    call_command("purge_deleted_records", "--dry-run", stdout=out)
    assert "Provkörning: 1 borttagna uppgifter äldre än 30 dagar" in out.getvalue()
    assert DeletedRecord.objects.count() == 2
    out = StringIO()
    call_command("purge_deleted_records", stdout=out)
    assert "1 borttagna uppgifter äldre än 30 dagar togs bort." in out.getvalue()
    assert labels() == {young.label}


def test_nightly_retention_purges_too(world: World) -> None:
    young = kept(world.forbund, days_ago=1)
    kept(world.forbund, days_ago=RESTORE_DAYS + 5)
    kept(world.other_forbund, days_ago=RESTORE_DAYS + 5)
    out = StringIO()
    call_command("apply_retention", "--dry-run", "--forbund", "testdalen", stdout=out)
    assert "1 borttagna uppgifter äldre än 30 dagar skulle tas bort." in out.getvalue()
    assert DeletedRecord.objects.count() == 3
    call_command("apply_retention", "--forbund", "testdalen", stdout=StringIO())
    assert DeletedRecord.objects.count() == 2
    # --today moves the clock: 40 days on, yesterday's entry is past the period as well.
    today = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    call_command("apply_retention", "--today", today, stdout=StringIO())
    assert young.label not in labels()
    assert DeletedRecord.objects.count() == 0
