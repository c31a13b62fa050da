"""On PostgreSQL the application can run as a role that owns no log objects (#11, item 6):
it appends to the log but cannot change it or drop the triggers that guard it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from samsyn.audit.models import AuditEvent
from samsyn.audit.tests.helpers import make_event

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's"),
    pytest.mark.django_db,
]

APP_ROLE = "samsyn_app_role_test"
SCRIPT = Path(settings.BASE_DIR) / "scripts" / "postgres_app_role.sql"


def _script_for(app: str, owner: str) -> list[str]:
    """The deployment script's statements with psql's variables filled in."""
    text = "\n".join(
        line for line in SCRIPT.read_text().splitlines() if not line.lstrip().startswith("--")
    )
    text = text.replace(':"app"', f'"{app}"').replace(':"owner"', f'"{owner}"')
    return [statement.strip() for statement in text.split(";") if statement.strip()]


@pytest.fixture
def as_app_role():
    """Inside the test's transaction: create the role, apply the script, act as the role."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        owner = cursor.fetchone()[0]
        cursor.execute(f'CREATE ROLE "{APP_ROLE}" NOLOGIN')
        for statement in _script_for(APP_ROLE, owner):
            cursor.execute(statement)
        cursor.execute(f'SET LOCAL ROLE "{APP_ROLE}"')
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def _refused(sql: str, params: list[int] | None = None) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def test_the_app_role_appends_to_the_log_but_cannot_change_or_unguard_it(as_app_role):
    event = make_event(detail="skrivet som applikationen")
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    table = AuditEvent._meta.db_table
    # Not even with the guard gone could it change rows: it lacks the privilege.
    _refused(f"UPDATE {table} SET detail = 'ändrad' WHERE id = %s", [event.pk])
    _refused(f"DELETE FROM {table} WHERE id = %s", [event.pk])
    _refused(f"TRUNCATE {table}")
    # Only the table's owner may drop its triggers.
    _refused(f"DROP TRIGGER {table}_append_only ON {table}")
    _refused("DROP TRIGGER audit_auditchainlink_append_only ON audit_auditchainlink")
