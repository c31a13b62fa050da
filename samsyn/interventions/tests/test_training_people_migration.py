"""The migration of the old attendance counts into people (interventions 0006): per
intervention, party and role as many people as the largest count of one training."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

PROJECT_ROOT = Path(settings.BASE_DIR)


def _postgres_scratch(database: dict[str, Any]) -> Iterator[str]:
    # The same scratch database as samsyn/ips/tests/test_employer_events.py.
    import psycopg

    name = f"samsyn_migration_{uuid.uuid4().hex[:12]}"
    params = {
        "dbname": "postgres",
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        auth = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
        host = database["HOST"] or "localhost"
        yield f"postgres://{auth}@{host}:{database['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_database(tmp_path: Path) -> Iterator[str]:
    """An empty database of the engine the suite runs on."""
    if connection.vendor == "postgresql":
        yield from _postgres_scratch(connection.settings_dict)
    else:
        yield f"sqlite:///{tmp_path / 'migration.sqlite3'}"


@pytest.mark.django_db
def test_counts_become_the_fewest_people_consistent_with_them(scratch_database: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        "DJANGO_SETTINGS_MODULE": "samsyn.settings",
    }
    done = subprocess.run(
        [sys.executable, "-m", "samsyn.interventions.tests.training_people_migration"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    people = Counter((ins, party, role) for ins, party, role, _name, _key in found["people"])
    # Kommunen's chefs: 5 and 4 at two trainings are at least 5 people, not 9.
    assert people == {
        ("Första", "Kommunen", "chef"): 5,
        ("Första", "Kommunen", "coach"): 2,
        ("Första", "FK", "chef"): 3,
        ("Andra", "Kommunen", "chef"): 1,
    }
    names = [name for _i, party, role, name, _k in found["people"] if party == "Kommunen"]
    assert "Namnlös chef 1" in names and "Namnlös coach 2" in names
    assert all(key == name.casefold() for *_rest, name, key in found["people"])
    attended = Counter(title for title, _name, _party in found["attendance"])
    assert attended == {"Introduktion": 10, "Uppföljning": 6, "Annan insats": 1}
    follow_up = {name for title, name, party in found["attendance"] if title == "Uppföljning"}
    assert "Namnlös chef 4" in follow_up and "Namnlös chef 5" not in follow_up
