"""Sealing the log into its hash chain, and checking the chain (see models/chain.py).

Each link's hash is SHA-256 over the previous link's hash and the event's stored fields in a
fixed order. The first link's previous hash is the genesis value, or the checkpoint a purge left.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from samsyn.audit.models import AuditChainCheckpoint, AuditChainLink, AuditEvent

logger = logging.getLogger(__name__)
T = TypeVar("T")

GENESIS = "0" * 64
# Events committed later than this after they were written are still found by the next seal:
# an event is written inside its business transaction (an import may take minutes) and is
# only visible once that commits. ``seal_audit_chain --all`` looks at the whole log.
SEAL_WINDOW = datetime.timedelta(days=1)
# Links are inserted in batches of this size, so sealing a large log keeps memory flat.
BATCH = 1000
# One constant key for PostgreSQL's advisory lock: only one sealer extends the chain at a time.
_LOCK_KEY = 0x5A_4D_53_59_4E  # "SAMSYN"-ish, any constant will do

_FIELDS = (
    "id",
    "occurred_at",
    "actor_id",
    "actor_username",
    "role",
    "forbund_id",
    "intervention_id",
    "participant_ref",
    "action",
    "object_type",
    "object_id",
    "detail",
    "ip_address",
    "request_id",
)


def _canonical(value: object) -> object:
    if isinstance(value, datetime.datetime):
        # Stored as UTC on both databases; the text is the same whatever the connection's zone.
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return value


def event_hash(previous_hash: str, event: AuditEvent) -> str:
    """The link hash of ``event`` after a link with ``previous_hash``."""
    fields = [_canonical(getattr(event, name)) for name in _FIELDS]
    payload = json.dumps([previous_hash, fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _chain_start() -> tuple[int, str]:
    """The link id the chain starts after, and the hash it starts from."""
    checkpoint = AuditChainCheckpoint.objects.order_by("-after_link_id").first()
    if checkpoint is None:
        return 0, GENESIS
    return checkpoint.after_link_id, checkpoint.hash


def _lock_chain(alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
    # SQLite: the sealing transaction is a write transaction; SQLite runs one at a time.


def _unsealed(*, everything: bool) -> Iterator[AuditEvent]:
    events = AuditEvent.objects.filter(~Exists(AuditChainLink.objects.filter(event=OuterRef("pk"))))
    if not everything:
        events = events.filter(occurred_at__gte=timezone.now() - SEAL_WINDOW)
    return events.order_by("id").iterator(chunk_size=BATCH)


def _batches(items: Iterable[T]) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def audit_chain_seal(*, everything: bool = False) -> int:
    """Link every committed event that has no link yet, in id order; the number linked.

    ``everything`` looks at the whole log (after an upgrade, or when sealing was interrupted);
    otherwise only the last ``SEAL_WINDOW`` is searched, which keeps the call cheap enough to
    run after every commit that logged something."""
    alias = AuditChainLink.objects.db
    sealed = 0
    with transaction.atomic(using=alias):
        _lock_chain(alias)
        last = AuditChainLink.objects.order_by("-id").only("hash").first()
        previous = last.hash if last is not None else _chain_start()[1]
        for batch in _batches(_unsealed(everything=everything)):
            links = []
            for event in batch:
                digest = event_hash(previous, event)
                links.append(AuditChainLink(event=event, previous_hash=previous, hash=digest))
                previous = digest
            AuditChainLink.objects.bulk_create(links)
            sealed += len(links)
    return sealed


def audit_chain_seal_after_commit() -> None:
    """Seal what the committed transaction logged. Called from ``transaction.on_commit``: a
    failure here must not fail the request that already committed, and the next seal (or
    ``seal_audit_chain``) links the events then."""
    try:
        audit_chain_seal()
    except (DatabaseError, IntegrityError):
        logger.warning("Sealing the audit chain failed; the next seal will link the events.")


# --- verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    link_id: int | None
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    links_checked: int
    unsealed_events: int
    first_break: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def audit_chain_verify() -> ChainReport:
    """Walk the chain from its start (genesis or the last purge's checkpoint) and report the
    first broken link: a link whose event is gone or changed, a link that does not follow its
    predecessor, or an event older than the seal window that has no link (inserted past the
    application, or sealing stopped)."""
    after, previous = _chain_start()
    links = (
        AuditChainLink.objects.filter(id__gt=after)
        .order_by("id")
        .values_list("id", "event_id", "previous_hash", "hash")
    )
    checked = 0
    for batch in _batches(links.iterator(chunk_size=BATCH)):
        events = AuditEvent.objects.in_bulk([event_id for _id, event_id, _p, _h in batch])
        for link_id, event_id, previous_hash, digest in batch:
            problem = _check(link_id, events.get(event_id), previous, previous_hash, digest)
            if problem is not None:
                return ChainReport(
                    checked, _unsealed_count(), ChainBreak(link_id, event_id, problem)
                )
            previous = digest
            checked += 1
    stray = (
        AuditEvent.objects.filter(occurred_at__lt=timezone.now() - SEAL_WINDOW)
        .filter(~Exists(AuditChainLink.objects.filter(event=OuterRef("pk"))))
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    unsealed = _unsealed_count()
    if stray is not None:
        return ChainReport(checked, unsealed, ChainBreak(None, stray, "unsealed"))
    return ChainReport(checked, unsealed, None)


def _check(
    link_id: int, event: AuditEvent | None, expected_previous: str, previous: str, digest: str
) -> str | None:
    if previous != expected_previous:
        return "order"
    if event is None:
        return "missing"
    if event_hash(previous, event) != digest:
        return "changed"
    return None


def _unsealed_count() -> int:
    return AuditEvent.objects.filter(
        ~Exists(AuditChainLink.objects.filter(event=OuterRef("pk")))
    ).count()
