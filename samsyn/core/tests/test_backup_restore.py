"""Backup and restore (#11, item 11): scripts/backup.sh and scripts/restore.sh round-trip the
demo into an empty database; the log's hash chain verifies there and a frozen period report and
the live figures are the same as before.

It works on real databases through the scripts and `manage.py`, as an operator would, so it
runs in subprocesses against a scratch database of the kind the suite runs on (PostgreSQL or
SQLite), not inside the test transaction.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)

# Freezes the first scheduled quarter of every demo intervention that has participants, then
# prints every frozen snapshot and one live report's figures, as JSON.
FREEZE = """
from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.reporting.selectors.period_reports import KIND_OF_PERIOD, scheduled_periods
from samsyn.reporting.services.period_reports import period_report_approve, period_report_create
admin = User.objects.get(username="admin")
for intervention in Intervention.objects.filter(forbund__memberships__user=admin).distinct():
    periods = scheduled_periods(intervention)
    if not periods:
        continue
    first = periods[0]
    kind = KIND_OF_PERIOD[first.kind]
    # The demo has already fastställt the past reports of some interventions (issue #15).
    if intervention.period_reports.filter(kind=kind, period_from=first.date_from,
                                          period_to=first.date_to).exists():
        continue
    report = period_report_create(actor=admin, intervention=intervention, kind=kind,
                                  period_from=first.date_from, period_to=first.date_to)
    # A period that has not ended is fastställd only with a reason (ignored after the end).
    period_report_approve(actor=admin, report=report, expected_version=report.version,
                          early_reason="Prov av säkerhetskopian")
"""
FIGURES = """
import json
from samsyn.interventions.models import Intervention
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.content import report_metric_values
from samsyn.stats.periods import Period
import datetime
frozen = {str(r.pk): r.snapshot for r in PeriodReport.objects.filter(status="faststalld")}
period = Period(datetime.date(2020, 1, 1), datetime.date(2030, 12, 31))
live = {i.slug: report_metric_values(i, period) for i in Intervention.objects.order_by("pk")}
print(json.dumps({"frozen": frozen, "live": live}, sort_keys=True, default=str))
"""


def _run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result.stdout


def _manage(env: dict[str, str], *args: str) -> str:
    return _run([sys.executable, "manage.py", *args], env)


def _figures(env: dict[str, str]) -> object:
    # The last line: `shell` may first say which objects it imported.
    return json.loads(_manage(env, "shell", "-c", FIGURES).strip().splitlines()[-1])


@pytest.fixture
def databases(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """URLs of two scratch databases of the suite's kind: the original and an empty one."""
    if connection.vendor == "sqlite":
        yield (
            f"sqlite:///{tmp_path / 'original.sqlite3'}",
            f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        )
        return
    base = settings.DATABASES["default"]
    names = [f"samsyn_backup_{uuid.uuid4().hex[:8]}_{which}" for which in ("a", "b")]
    admin = ["psql", "-h", base["HOST"] or "127.0.0.1", "-p", str(base["PORT"] or 5432),
             "-U", base["USER"], "-d", "postgres", "-q", "-c"]  # fmt: skip
    for name in names:
        subprocess.run([*admin, f'CREATE DATABASE "{name}"'], check=True)
    auth = f"{base['USER']}:{base['PASSWORD']}@" if base["PASSWORD"] else f"{base['USER']}@"
    host = f"{base['HOST'] or '127.0.0.1'}:{base['PORT'] or 5432}"
    try:
        yield (f"postgres://{auth}{host}/{names[0]}", f"postgres://{auth}{host}/{names[1]}")
    finally:
        for name in names:
            subprocess.run([*admin, f'DROP DATABASE IF EXISTS "{name}"'], check=False)


def test_a_backup_restores_into_an_empty_database_with_the_same_log_and_figures(
    databases: tuple[str, str], tmp_path: Path
) -> None:
    original, restored = databases
    env = {**os.environ, "DEBUG": "1", "SAMSYN_DEMO": "1", "PYTHON": sys.executable}
    before = {**env, "DATABASE_URL": original, "SAMSYN_MEDIA_ROOT": str(tmp_path / "media")}
    _manage(before, "migrate", "--noinput")
    _manage(before, "seed_demo")
    _manage(before, "shell", "-c", FREEZE)
    _manage(before, "seal_audit_chain", "--all")
    figures_before = _figures(before)
    assert isinstance(figures_before, dict)
    assert figures_before["frozen"], "the demo should have frozen a report to compare"

    backup = tmp_path / "backup"
    _run(["scripts/backup.sh", str(backup)], before)
    assert (backup / "media.tar").exists()

    after = {**env, "DATABASE_URL": restored, "SAMSYN_MEDIA_ROOT": str(tmp_path / "restored")}
    output = _run(["scripts/restore.sh", str(backup)], after)
    assert "Kedjan är hel" in output

    assert _figures(after) == figures_before
    documents = sorted(
        p.relative_to(tmp_path / "media") for p in (tmp_path / "media").rglob("*") if p.is_file()
    )
    assert documents, "the demo stores documents"
    for name in documents:
        assert (tmp_path / "restored" / name).read_bytes() == (
            tmp_path / "media" / name
        ).read_bytes()
