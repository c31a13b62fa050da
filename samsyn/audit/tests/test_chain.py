"""The log's hash chain: a changed, removed or inserted event breaks it (#11, item 6)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from samsyn.audit.append_only import guard_lifted
from samsyn.audit.models import AuditAction, AuditChainCheckpoint, AuditChainLink, AuditEvent
from samsyn.audit.services.chain import GENESIS, audit_chain_seal, audit_chain_verify
from samsyn.audit.services.events import audit_record
from samsyn.audit.services.retention import audit_events_purge
from samsyn.audit.tests.helpers import make_event

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _sealed_log(count: int = 3, *, age: datetime.timedelta = datetime.timedelta(0)):
    events = [make_event(detail=f"händelse {n}", occurred_at=NOW - age) for n in range(count)]
    assert audit_chain_seal(everything=True) == count
    return events


def _verify_output() -> str:
    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


def test_every_link_carries_the_previous_links_hash():
    _sealed_log(3)
    links = list(AuditChainLink.objects.order_by("id"))
    assert links[0].previous_hash == GENESIS
    assert [link.previous_hash for link in links[1:]] == [link.hash for link in links[:-1]]
    assert len({link.hash for link in links}) == 3
    assert audit_chain_verify().intact
    assert "Kedjan är hel: 3 länkar kontrollerade" in _verify_output()


def test_sealing_twice_links_each_event_once():
    _sealed_log(2)
    assert audit_chain_seal(everything=True) == 0
    make_event(detail="ny")
    assert audit_chain_seal() == 1
    assert AuditChainLink.objects.count() == 3
    assert audit_chain_verify().intact


def test_a_logged_event_is_sealed_when_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        audit_record(actor=None, action=AuditAction.VIEW, detail="först")
        audit_record(actor=None, action=AuditAction.VIEW, detail="sedan")
    # One seal per transaction, however many events it wrote.
    assert len(callbacks) == 1
    assert AuditChainLink.objects.count() == 2
    assert audit_chain_verify().intact


def test_a_changed_event_breaks_the_chain_at_that_event():
    events = _sealed_log(3)
    with guard_lifted(connection):
        AuditEvent.objects.filter(pk=events[1].pk).update(detail="ändrad i efterhand")
    report = audit_chain_verify()
    assert report.first_break is not None
    assert report.first_break.event_id == events[1].pk
    assert report.first_break.reason == "changed"
    with pytest.raises(CommandError, match=f"händelse {events[1].pk}: händelsen har ändrats"):
        call_command("verify_audit_chain")


def test_a_removed_event_breaks_the_chain():
    events = _sealed_log(3)
    with guard_lifted(connection):
        AuditEvent.objects.filter(pk=events[0].pk)._raw_delete(connection.alias)
    report = audit_chain_verify()
    assert report.first_break is not None
    assert (report.first_break.event_id, report.first_break.reason) == (events[0].pk, "missing")


def test_a_removed_link_breaks_the_chain():
    _sealed_log(3)
    middle = AuditChainLink.objects.order_by("id")[1]
    with guard_lifted(connection):
        AuditChainLink.objects.filter(pk=middle.pk)._raw_delete(connection.alias)
    report = audit_chain_verify()
    assert report.first_break is not None
    assert report.first_break.reason == "order"


def test_an_event_inserted_past_the_application_is_reported_once_old():
    _sealed_log(2)
    # Written straight into the table a day and more ago, never sealed.
    stray = make_event(detail="inlagd i efterhand", occurred_at=NOW - datetime.timedelta(days=2))
    report = audit_chain_verify()
    assert report.first_break is not None
    assert (report.first_break.event_id, report.first_break.reason) == (stray.pk, "unsealed")


def test_a_recent_unsealed_event_is_waiting_not_broken():
    _sealed_log(2)
    make_event(detail="alldeles ny")
    report = audit_chain_verify()
    assert report.intact
    assert report.unsealed_events == 1


def test_the_chain_tables_are_append_only():
    _sealed_log(1)
    with pytest.raises(Exception, match="append-only"):
        AuditChainLink.objects.update(hash="0" * 64)


def test_a_purge_leaves_a_checkpoint_and_the_rest_still_verifies():
    old = _sealed_log(2, age=datetime.timedelta(days=6 * 366))
    recent = _sealed_log(2)
    last_old_link = AuditChainLink.objects.get(event_id=old[-1].pk)
    result = audit_events_purge(older_than_years=5)
    assert result.events == 2
    checkpoint = AuditChainCheckpoint.objects.get()
    assert (checkpoint.after_link_id, checkpoint.hash) == (last_old_link.id, last_old_link.hash)
    assert set(AuditChainLink.objects.values_list("event_id", flat=True)) == {
        event.pk for event in recent
    }
    # The purge's own event is sealed like any other.
    audit_chain_seal()
    report = audit_chain_verify()
    assert report.intact, report.first_break
    assert report.links_checked == 3


def test_a_purge_keeps_an_old_event_linked_after_a_newer_one():
    recent = _sealed_log(1)
    late = make_event(
        detail="gammal men länkad sent", occurred_at=NOW - datetime.timedelta(days=6 * 366)
    )
    audit_chain_seal(everything=True)
    result = audit_events_purge(older_than_years=5)
    assert result.events == 0
    assert AuditEvent.objects.filter(pk__in=[recent[0].pk, late.pk]).count() == 2
    audit_chain_seal()
    assert audit_chain_verify().intact


def test_seal_command_reports_how_many_it_linked():
    make_event(detail="a")
    out = StringIO()
    call_command("seal_audit_chain", "--all", stdout=out)
    assert "1 händelse länkades in i kedjan." in out.getvalue()
