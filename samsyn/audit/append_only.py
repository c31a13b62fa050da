"""Database triggers that make ``audit_auditevent`` append-only, on PostgreSQL and SQLite.

The SQL lives here rather than inline in a migration so the retention command (which may
remove events older than the retention period, and nothing else) can lift and restore the
guard inside one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
MESSAGE = "audit_auditevent is append-only"

_POSTGRES_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION samsyn_audit_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"""
    CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION samsyn_audit_refuse_change()
    """,
    f"""
    CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_refuse_change()
    """,
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {TABLE}",
]
_POSTGRES_DROP_FUNCTION = ["DROP FUNCTION IF EXISTS samsyn_audit_refuse_change()"]

_SQLITE_CREATE = [
    f"""
    CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]


def _statements(connection: BaseDatabaseWrapper, *, create: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _POSTGRES_CREATE if create else _POSTGRES_DROP
    if connection.vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    # Samsyn supports PostgreSQL and SQLite only (ARCHITECTURE.md); refuse anything else loudly.
    raise ImproperlyConfigured(f"No append-only guard for the {connection.vendor} database.")


def install_guard(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, create=True):
            cursor.execute(statement)


def remove_guard(connection: BaseDatabaseWrapper, *, drop_function: bool = False) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, create=False):
            cursor.execute(statement)
        if drop_function and connection.vendor == "postgresql":
            for statement in _POSTGRES_DROP_FUNCTION:
                cursor.execute(statement)


@contextmanager
def guard_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Lift the guard for the body only, atomically: on any error it was never lifted."""
    with transaction.atomic(using=connection.alias):
        remove_guard(connection)
        yield
        install_guard(connection)
