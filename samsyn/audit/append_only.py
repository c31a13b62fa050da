"""Database triggers that make the log's tables append-only, on PostgreSQL and SQLite.

The SQL lives here rather than inline in a migration so the retention command (which may
remove events older than the retention period, and nothing else) can lift and restore the
guard inside one transaction. The events table got its guard in migration 0003, the hash
chain's tables in 0005; ``guard_lifted`` lifts and restores all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
LINK_TABLE = "audit_auditchainlink"
CHECKPOINT_TABLE = "audit_auditchaincheckpoint"
GUARDED_TABLES = (TABLE, LINK_TABLE, CHECKPOINT_TABLE)
MESSAGE = "audit_auditevent is append-only"

_POSTGRES_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION samsyn_audit_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """
_POSTGRES_DROP_FUNCTION = ["DROP FUNCTION IF EXISTS samsyn_audit_refuse_change()"]


def _postgres_create(table: str) -> list[str]:
    return [
        f"""
        CREATE TRIGGER {table}_append_only
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION samsyn_audit_refuse_change()
        """,
        f"""
        CREATE TRIGGER {table}_no_truncate
        BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION samsyn_audit_refuse_change()
        """,
    ]


def _postgres_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
    ]


def _sqlite_create(table: str) -> list[str]:
    return [
        f"""
        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
        """,
        f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
        """,
    ]


def _sqlite_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_update",
        f"DROP TRIGGER IF EXISTS {table}_no_delete",
    ]


def _statements(
    connection: BaseDatabaseWrapper, *, create: bool, tables: Sequence[str]
) -> list[str]:
    if connection.vendor == "postgresql":
        build = _postgres_create if create else _postgres_drop
        head = [_POSTGRES_FUNCTION] if create else []
    elif connection.vendor == "sqlite":
        build = _sqlite_create if create else _sqlite_drop
        head = []
    else:
        # Samsyn supports PostgreSQL and SQLite only (ARCHITECTURE.md); refuse anything else.
        raise ImproperlyConfigured(f"No append-only guard for the {connection.vendor} database.")
    return head + [statement for table in tables for statement in build(table)]


def install_guard(connection: BaseDatabaseWrapper, *, tables: Sequence[str] = (TABLE,)) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, create=True, tables=tables):
            cursor.execute(statement)


def remove_guard(
    connection: BaseDatabaseWrapper,
    *,
    tables: Sequence[str] = (TABLE,),
    drop_function: bool = False,
) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, create=False, tables=tables):
            cursor.execute(statement)
        if drop_function and connection.vendor == "postgresql":
            for statement in _POSTGRES_DROP_FUNCTION:
                cursor.execute(statement)


@contextmanager
def guard_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Lift the guard of every log table for the body only, atomically: on any error it was
    never lifted."""
    with transaction.atomic(using=connection.alias):
        remove_guard(connection, tables=GUARDED_TABLES)
        yield
        install_guard(connection, tables=GUARDED_TABLES)
