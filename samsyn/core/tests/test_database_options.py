"""The options Samsyn sets on its PostgreSQL connection (docs/performance.md, "Reports")."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
def test_jit_is_off_on_postgresql_and_sqlite_gets_no_postgresql_option():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if connection.vendor == "postgresql":
        assert "-c jit=off" in options["options"]
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    else:
        assert connection.vendor == "sqlite"
        assert "options" not in options
