"""SQLite, the embedded default, is set up for several people at once (#11)."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's options apply to SQLite"),
    # The check opens its own connection to a file of its own, outside the test database.
    pytest.mark.django_db,
]


def test_a_file_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    settings_dict = copy.deepcopy(settings.DATABASES["default"])
    settings_dict["NAME"] = str(tmp_path / "samsyn.sqlite3")
    wrapper = DatabaseWrapper(settings_dict, alias="wal_check")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()
