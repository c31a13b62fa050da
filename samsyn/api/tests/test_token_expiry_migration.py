"""Tokens that exist when expiry is introduced (core 0003) get 90 days from the migration."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from samsyn.core.models.api_tokens import TOKEN_LIFETIME
from samsyn.interventions.tests.test_training_people_migration import (
    scratch_database as scratch_database,
)

PROJECT_ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_existing_tokens_expire_90_days_after_the_migration(scratch_database: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        "DJANGO_SETTINGS_MODULE": "samsyn.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "samsyn.api.tests.token_expiry_migration"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    started = datetime.datetime.fromisoformat(found["started"])
    finished = datetime.datetime.fromisoformat(found["finished"])
    expires_at = datetime.datetime.fromisoformat(found["expires_at"])
    assert datetime.timedelta(days=90) == TOKEN_LIFETIME
    assert started + TOKEN_LIFETIME <= expires_at <= finished + TOKEN_LIFETIME
