"""The audit table refuses UPDATE and DELETE in the database itself, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from samsyn.audit.append_only import guard_lifted
from samsyn.audit.models import AuditAction, AuditEvent, LogReview
from samsyn.audit.services.retention import PURGE_ACTOR, audit_events_purge
from samsyn.audit.tests.helpers import make_event

pytestmark = pytest.mark.django_db

TABLE = AuditEvent._meta.db_table


def assert_refused(action) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        action()


def assert_unchanged(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.detail == event.detail
    assert stored.action == event.action


def test_inserting_is_allowed() -> None:
    make_event(detail="ny")
    assert AuditEvent.objects.filter(detail="ny").count() == 1


def test_queryset_update_is_refused() -> None:
    event = make_event(detail="original")
    assert_refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(detail="ändrad"))
    assert_unchanged(event)


def test_saving_an_existing_event_is_refused() -> None:
    event = make_event(detail="original")
    changed = AuditEvent.objects.get(pk=event.pk)
    changed.detail = "ändrad"
    assert_refused(changed.save)
    assert_unchanged(event)


def test_instance_delete_is_refused() -> None:
    event = make_event(detail="original")
    assert_refused(AuditEvent.objects.get(pk=event.pk).delete)
    assert_unchanged(event)


def test_queryset_delete_is_refused() -> None:
    event = make_event(detail="original")
    assert_refused(AuditEvent.objects.all().delete)
    assert_unchanged(event)


def test_raw_sql_update_is_refused() -> None:
    event = make_event(detail="original")

    def raw_update() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET detail = %s WHERE id = %s",
                ["ändrad", event.pk],
            )

    assert_refused(raw_update)
    assert_unchanged(event)


def test_raw_sql_delete_is_refused() -> None:
    event = make_event(detail="original")

    def raw_delete() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    assert_refused(raw_delete)
    assert_unchanged(event)


def test_emptying_the_table_is_refused() -> None:
    """TRUNCATE on PostgreSQL; SQLite has none and empties a table with a bare DELETE."""
    event = make_event(detail="original")
    emptying = (
        f"TRUNCATE {TABLE} CASCADE" if connection.vendor == "postgresql" else f"DELETE FROM {TABLE}"
    )

    def truncate() -> None:
        with connection.cursor() as cursor:
            cursor.execute(emptying)

    assert_refused(truncate)
    assert_unchanged(event)


def test_guard_lifted_allows_deletion_and_restores_the_guard() -> None:
    doomed = make_event(detail="gallras")
    kept = make_event(detail="kvar")
    with guard_lifted(connection):
        AuditEvent.objects.filter(pk=doomed.pk)._raw_delete(connection.alias)
    assert not AuditEvent.objects.filter(pk=doomed.pk).exists()
    assert_refused(lambda: AuditEvent.objects.filter(pk=kept.pk).update(detail="ändrad"))
    assert_refused(lambda: AuditEvent.objects.get(pk=kept.pk).delete())
    assert_unchanged(kept)


def test_guard_lifted_rolls_back_on_error_and_keeps_the_guard() -> None:
    event = make_event(detail="original")
    with pytest.raises(RuntimeError), guard_lifted(connection):
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias)
        raise RuntimeError("avbrutet")
    assert_unchanged(event)
    assert_refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(detail="ändrad"))


def years_ago(years: int, days: int = 0) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=365 * years + 2 + days)


def test_purge_deletes_only_old_events_and_restores_the_guard(world) -> None:
    old = make_event(detail="sex år", occurred_at=years_ago(6), forbund=world.forbund)
    recent = make_event(detail="fyra år", occurred_at=years_ago(4), forbund=world.forbund)
    review = LogReview.objects.create(
        forbund=world.forbund, reviewer=world["granskare"], sample_size=2, findings="ok"
    )
    review.events.set([old, recent])
    out = StringIO()

    call_command("purge_audit_events", "--older-than-years", "5", stdout=out)

    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    review.refresh_from_db()
    assert list(review.events.all()) == [recent]
    assert review.findings == "ok" and review.sample_size == 2
    purge_event = AuditEvent.objects.get(actor_username=PURGE_ACTOR)
    assert purge_event.action == AuditAction.DELETE
    assert "1 händelser" in purge_event.detail
    assert "1 händelser" in out.getvalue()
    # The guard is back: the purge's own event and the kept one cannot be touched.
    assert_refused(lambda: AuditEvent.objects.filter(pk=recent.pk).update(detail="ändrad"))
    assert_refused(lambda: AuditEvent.objects.filter(pk=purge_event.pk).delete())


def test_purge_refuses_less_than_five_years() -> None:
    old = make_event(occurred_at=years_ago(6))
    with pytest.raises(CommandError, match="minst 5 år"):
        call_command("purge_audit_events", "--older-than-years", "4")
    with pytest.raises(CommandError, match="minst 5 år"):
        call_command("purge_audit_events", "--older-than-years", "-1")
    assert AuditEvent.objects.filter(pk=old.pk).exists()


def test_purge_service_refuses_less_than_five_years() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        audit_events_purge(older_than_years=3)


def test_purge_dry_run_changes_nothing() -> None:
    old = make_event(occurred_at=years_ago(7))
    out = StringIO()
    call_command("purge_audit_events", "--older-than-years", "5", "--dry-run", stdout=out)
    assert "Provkörning: 1 händelser" in out.getvalue()
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    assert not AuditEvent.objects.filter(actor_username=PURGE_ACTOR).exists()


def test_purge_honours_a_longer_retention() -> None:
    six = make_event(occurred_at=years_ago(6))
    eleven = make_event(occurred_at=years_ago(11))
    result = audit_events_purge(older_than_years=10)
    assert result.events == 1
    assert AuditEvent.objects.filter(pk=six.pk).exists()
    assert not AuditEvent.objects.filter(pk=eleven.pk).exists()
