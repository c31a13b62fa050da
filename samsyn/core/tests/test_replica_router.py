"""Without ``DATABASE_REPLICA_URL`` there is one database and the router changes nothing;
with it the settings add the alias ``reports`` as a test mirror of ``default``. The routing
itself is tested with the alias in ``samsyn/reporting/tests/test_replica_reads.py``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

from samsyn.core.db.routers import REPLICA_ALIAS, ReplicaRouter, reads_from_replica
from samsyn.core.models import Forbund

ROOT = Path(__file__).resolve().parents[3]


def test_no_replica_alias_unless_configured() -> None:
    assert list(settings.DATABASES) == [DEFAULT_DB_ALIAS]
    assert settings.DATABASE_ROUTERS == ["samsyn.core.db.routers.ReplicaRouter"]


def test_router_answers_nothing_without_a_replica() -> None:
    router = ReplicaRouter()
    with reads_from_replica():
        assert router.db_for_read(Forbund) is None
    assert router.db_for_read(Forbund) is None
    assert router.db_for_write(Forbund) == DEFAULT_DB_ALIAS
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "core") is True
    assert router.allow_migrate(REPLICA_ALIAS, "core") is False


@pytest.mark.django_db
def test_reads_in_the_block_use_default_without_a_replica() -> None:
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries, reads_from_replica():
        assert Forbund.objects.using(None).count() == 0
    assert len(queries) == 1


def _databases_with(environment: dict[str, str]) -> dict[str, dict[str, object]]:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps({a: {'NAME': d['NAME'], 'TEST': d.get('TEST', {})} "
        "for a, d in settings.DATABASES.items()}))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "samsyn.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, check=True
    )
    return json.loads(result.stdout.decode().strip().splitlines()[-1])


def test_replica_url_adds_a_mirrored_alias() -> None:
    databases = _databases_with({"DATABASE_REPLICA_URL": "postgres://r@replica:5432/samsyn"})
    replica = databases[REPLICA_ALIAS]
    assert replica["NAME"] == "samsyn"
    assert replica["TEST"]["MIRROR"] == DEFAULT_DB_ALIAS  # type: ignore[index]
    assert list(_databases_with({"DATABASE_REPLICA_URL": ""})) == [DEFAULT_DB_ALIAS]
