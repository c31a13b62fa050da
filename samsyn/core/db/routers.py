"""Sends the reports' reads to a read replica, when one is configured (docs/performance.md,
"Beyond one machine").

A replica is configured by ``DATABASE_REPLICA_URL``; the settings then add the alias
``reports``. Without it the router answers ``None`` to everything and Django uses
``default`` exactly as before.

Reads go to the replica only inside ``reads_from_replica()``, which the reporting selectors'
entry points open (report content, dashboard, förbund reports, the Finsam export). Even
there a read stays on ``default`` when:

- it runs inside a transaction on ``default`` (``atomic``): what a service reads in order to
  write (the snapshot stored when a report is approved, the audit log's chain) must see the
  primary's latest rows and its own uncommitted ones — read-your-writes;
- it is of a model that decides who may see what, or that must be exact to the last write:
  users, memberships, sessions, lock-outs, and the audit log (``PRIMARY_ONLY``). A revoked
  role takes effect at once, not after the replica catches up.

Writes always go to ``default``; the replica is never migrated (it is a physical copy).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

REPLICA_ALIAS = "reports"

# App labels and model labels (lower case) that are always read from the primary.
PRIMARY_ONLY_APPS = frozenset({"audit", "auth", "sessions", "axes", "otp_totp", "otp_static"})
PRIMARY_ONLY_MODELS = frozenset({"core.user", "core.membership"})

_replica_reads: ContextVar[bool] = ContextVar("samsyn_replica_reads", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Within this block (or a function decorated with it) reads may go to the replica.

    A context variable, so it holds for the current thread or task only and ends with the
    block even when it raises."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_configured() -> bool:
    return REPLICA_ALIAS in connections.settings


def in_transaction_on_primary() -> bool:
    return connections[DEFAULT_DB_ALIAS].in_atomic_block


def reads_primary_only(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in PRIMARY_ONLY_APPS or meta.label_lower in PRIMARY_ONLY_MODELS


class ReplicaRouter:
    """Django database router: see the module's docstring."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not replica_configured():
            return None
        if not _replica_reads.get() or in_transaction_on_primary() or reads_primary_only(model):
            # Also for a related object of one read from the replica, once outside the
            # block: only what runs inside it may lag behind the primary.
            return DEFAULT_DB_ALIAS
        return REPLICA_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: an object read from one may
        # refer to an object read from the other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == DEFAULT_DB_ALIAS
