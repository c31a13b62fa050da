"""The reports read from the replica when one is configured (docs/performance.md, "Beyond one
machine"); writes, the audit log and everything read inside a transaction stay on
``default``.

The replica is the alias ``reports``, added here as a test mirror of ``default`` (as the
settings add it when ``DATABASE_REPLICA_URL`` is set): a second connection to the same test
database, so the figures are the same and ``CaptureQueriesContext`` tells which connection
ran each query. A mirror is its own connection and sees only committed rows, so these tests
run with ``transaction=True``. Without the alias nothing changes: see
``samsyn/core/tests/test_replica_router.py``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samsyn.audit.append_only import GUARDED_TABLES, install_guard, remove_guard
from samsyn.audit.models import AuditEvent
from samsyn.core.db.routers import REPLICA_ALIAS, reads_from_replica
from samsyn.participants.models import Registration
from samsyn.reporting.selectors.content import report_content
from samsyn.reporting.selectors.dashboard import dashboard_page
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.forbund_tables import forbund_overview
from samsyn.reporting.tests.forbund_data import Q1, build_scenario

Persona = Callable[[str], Client]


@pytest.fixture(scope="module")
def replica_alias(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """``reports`` as a test mirror of the (already created) test database ``default``.

    The tests commit, so the database is emptied after each (Django's flush): the audit
    log's append-only guard is lifted for this module and put back at its end."""
    mirror = copy.deepcopy(connections[DEFAULT_DB_ALIAS].settings_dict)
    mirror["TEST"] = {**mirror.get("TEST", {}), "MIRROR": DEFAULT_DB_ALIAS, "NAME": None}
    connections.settings[REPLICA_ALIAS] = mirror
    primary = connections[DEFAULT_DB_ALIAS]
    with django_db_blocker.unblock():
        remove_guard(primary, tables=GUARDED_TABLES)
    yield REPLICA_ALIAS
    with django_db_blocker.unblock():
        install_guard(primary, tables=GUARDED_TABLES)
    connections[REPLICA_ALIAS].close()
    del connections[REPLICA_ALIAS]
    del connections.settings[REPLICA_ALIAS]


pytestmark = [
    pytest.mark.usefixtures("replica_alias"),
    pytest.mark.django_db(
        transaction=True, serialized_rollback=True, databases=[DEFAULT_DB_ALIAS, REPLICA_ALIAS]
    ),
]


def _sql(context: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in context.captured_queries]


def _touching(queries: list[str], table: str) -> list[str]:
    return [sql for sql in queries if f'"{table}"' in sql]


def test_report_content_reads_from_the_replica(world: Any) -> None:
    build_scenario(world)
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA_ALIAS]) as replica,
    ):
        content = report_content(world.intervention, Q1, suppress=False)
    assert _touching(_sql(replica), "participants_registration")
    assert not _touching(_sql(primary), "participants_registration")
    # The same figures as read from the primary (inside a transaction, where reads stay there).
    with transaction.atomic():
        assert content == report_content(world.intervention, Q1, suppress=False)


def test_dashboard_and_overview_read_from_the_replica(world: Any) -> None:
    build_scenario(world)
    access = forbund_access(actor=world["admin"], forbund_id=None)
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA_ALIAS]) as replica,
    ):
        dashboard_page(actor=world["admin"], intervention_id=world.intervention.pk, params={})
        forbund_overview(access, Q1)
    assert _touching(_sql(replica), "participants_registration")
    assert not _touching(_sql(primary), "participants_registration")
    # Who may see the dashboard at all is decided on the primary: a revoked role ends at
    # once. (The figures' own queries, on the replica, restrict to the visible interventions
    # again, as of the replica's last replayed change.)
    assert _touching(_sql(primary), "core_membership")


def test_export_audit_event_is_written_to_the_primary(as_persona: Persona, world: Any) -> None:
    build_scenario(world)
    client = as_persona("admin")
    with (
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary,
        CaptureQueriesContext(connections[REPLICA_ALIAS]) as replica,
    ):
        response = client.get(reverse("reporting:forbund_finsam"), {"ar": "2026", "format": "csv"})
    assert response.status_code == 200
    assert _touching(_sql(replica), "participants_registration")
    assert not any(
        sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in _sql(replica)
    )
    assert not _touching(_sql(replica), "audit_auditevent")
    assert [sql for sql in _touching(_sql(primary), "audit_auditevent") if sql.startswith("INSERT")]
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_reads_inside_a_transaction_stay_on_the_primary(world: Any) -> None:
    build_scenario(world)
    with (
        CaptureQueriesContext(connections[REPLICA_ALIAS]) as replica,
        transaction.atomic(),
    ):
        report_content(world.intervention, Q1, suppress=False)
    assert _sql(replica) == []


def test_only_the_block_reads_from_the_replica(world: Any) -> None:
    build_scenario(world)
    with CaptureQueriesContext(connections[REPLICA_ALIAS]) as replica:
        with reads_from_replica():
            registration = Registration.objects.filter(intervention=world.intervention).first()
        assert registration is not None
        before = len(replica.captured_queries)
        assert registration.intervention.forbund_id == world.forbund.pk
    assert before == 1
    # Once outside the block, a related object of one read from the replica comes from
    # the primary.
    assert len(replica.captured_queries) == before


def test_writes_inside_the_block_go_to_the_primary(world: Any) -> None:
    with (
        CaptureQueriesContext(connections[REPLICA_ALIAS]) as replica,
        reads_from_replica(),
    ):
        AuditEvent.objects.create(action="view", detail="test", forbund=world.forbund)
        assert AuditEvent.objects.filter(detail="test").count() == 1
    assert _sql(replica) == []
