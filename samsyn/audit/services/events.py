"""Writing to the access log. Every service that touches personal data calls ``audit_record``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.db import models, transaction
from django.http import Http404

from samsyn.audit.context import current_origin
from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.audit.selectors.events import AuditEventFilters, reviewable_forbunds_for
from samsyn.audit.services.chain import audit_chain_seal_after_commit
from samsyn.core.roles import Role

if TYPE_CHECKING:
    from samsyn.core.models import Forbund, User


class LoggedIntervention(Protocol):
    """The intervention an event names (``interventions.Intervention``; audit sits below
    the interventions app and does not import it)."""

    @property
    def pk(self) -> Any: ...

    @property
    def forbund(self) -> Forbund: ...


def audit_record(
    *,
    actor: User | None,
    action: AuditAction | str,
    forbund: Forbund | None = None,
    intervention: LoggedIntervention | None = None,
    role: str = "",
    participant_ref: str = "",
    obj: models.Model | None = None,
    detail: str = "",
    actor_username: str = "",
) -> AuditEvent:
    """Append one event. Origin (IP address, request id) comes from the current request."""
    origin = current_origin()
    if intervention is not None and forbund is None:
        forbund = intervention.forbund
    user = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent.objects.create(
        actor=user,
        actor_username=(user.get_username() if user else actor_username)[:150],
        role=role,
        forbund=forbund,
        # The model instance itself (typed by its protocol: audit does not import it).
        intervention=cast("Any", intervention),
        participant_ref=participant_ref,
        action=str(action),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        detail=detail[:255],
        ip_address=origin.ip_address,
        request_id=origin.request_id,
    )
    # Outside a transaction this seals at once; inside one, when it commits.
    _seal_after_commit()
    return event


def audit_records_bulk(events: Iterable[AuditEvent]) -> None:
    """Append many prepared events in one insert (imports, suggestion lists), sealed into the
    chain like any other."""
    AuditEvent.objects.bulk_create(events)
    _seal_after_commit()


@dataclass(frozen=True)
class ShownParticipant:
    """One participant whose identity a page or an API answer shows: the pseudonymous
    reference, where the record lives, and the record itself (its type and id are logged)."""

    participant_ref: str
    forbund_id: int | None
    intervention_id: int | None = None
    obj: models.Model | None = None


def audit_participants_shown(
    *,
    actor: User,
    role: str,
    detail: str,
    shown: Iterable[ShownParticipant],
    role_by_forbund: dict[int, str] | None = None,
) -> int:
    """One view event per participant shown, written in one insert, so "who saw person X"
    (the log review's participant filter) finds list pages too and the page's query count
    stays constant. The same participant and record shown twice is logged once. Returns the
    number of events written (0 when the list was empty; the caller decides what to log then).
    """
    origin = current_origin()
    user = actor if actor.is_authenticated else None
    username = user.get_username()[:150] if user else ""
    roles = role_by_forbund or {}
    seen: set[tuple[str, str, str]] = set()
    events: list[AuditEvent] = []
    for item in shown:
        object_type = item.obj._meta.label if item.obj is not None else ""
        object_id = str(item.obj.pk) if item.obj is not None and item.obj.pk is not None else ""
        key = (item.participant_ref, object_type, object_id)
        if key in seen:
            continue
        seen.add(key)
        events.append(
            AuditEvent(
                actor=user,
                actor_username=username,
                role=roles.get(item.forbund_id, role) if item.forbund_id is not None else role,
                forbund_id=item.forbund_id,
                intervention_id=item.intervention_id,
                participant_ref=item.participant_ref,
                action=str(AuditAction.VIEW),
                object_type=object_type,
                object_id=object_id,
                detail=detail[:255],
                ip_address=origin.ip_address,
                request_id=origin.request_id,
            )
        )
    if events:
        audit_records_bulk(events)
    return len(events)


def _seal_after_commit() -> None:
    """Link the event into the hash chain once its transaction commits (once per transaction,
    however many events it writes)."""
    connection = transaction.get_connection(AuditEvent.objects.db)
    scheduled = any(
        callback is audit_chain_seal_after_commit
        for _ids, callback, _robust in connection.run_on_commit
    )
    if not scheduled:
        transaction.on_commit(audit_chain_seal_after_commit, using=AuditEvent.objects.db)


@transaction.atomic
def audit_export_record(*, user: User, filters: AuditEventFilters, row_count: int) -> AuditEvent:
    """Log that ``user`` exported ``row_count`` events of the log (called before streaming)."""
    forbunds = list(reviewable_forbunds_for(user))
    if not forbunds:
        raise Http404
    # With one förbund the export is its event; with several it belongs to none of them and
    # is shown to each through the granskare's membership, like a log-in.
    criteria = ", ".join(f"{k}={v}" for k, v in filters.as_criteria().items() if v)
    return audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        forbund=forbunds[0] if len(forbunds) == 1 else None,
        role=Role.GRANSKARE,
        detail=f"Export av logg (CSV): {row_count} händelser; urval: {criteria or 'alla'}",
    )
