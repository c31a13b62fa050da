"""Separation of duties when roles are granted (issue #11, item 1).

- Nobody grants or asks for a role for themselves.
- A role that sees personal data or the log, and the förbundsadministratör role itself
  (``ROLES_NEEDING_APPROVAL``), becomes a pending :class:`RoleGrantRequest`. A second person
  decides: a förbundsadministratör of the förbund who neither asked nor is the grantee or,
  when the förbund names approvers (``Forbund.role_grant_approvers``), only one of them.
- The granskare reviews everyone's access in the log, so nobody holds the granskare role
  together with a role working with participants (insatsansvarig, coach, handläggare) in the
  same förbund, whichever comes first.
- Every request, approval and refusal is in the log, and so is every refused attempt.

A refusal of an attempt is raised as :class:`GrantRefused` inside the write's transaction,
so nothing of the attempt is kept, and written to the log by :func:`refused_attempt_logged`
after that transaction has been rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.core.models import (
    Forbund,
    GrantDecision,
    Membership,
    Party,
    RoleGrantRequest,
    User,
)
from samsyn.core.roles import (
    ROLES_NEEDING_APPROVAL,
    ROLES_WORKING_WITH_PARTICIPANTS,
    Role,
)
from samsyn.core.selectors.intervention_scope import ScopedIntervention
from samsyn.core.selectors.manage import administers
from samsyn.core.selectors.role_grants import decision_blocker, grant_request_for_decision
from samsyn.core.services._common import audit, save_unique
from samsyn.core.versioning import save_versioned

T = TypeVar("T")


class GrantRefused(ValidationError):
    """A grant that the rules forbid; carries what the log needs to say about it."""

    def __init__(self, message: str, *, forbund: Forbund, user: User, role: str) -> None:
        super().__init__(message)
        self.forbund = forbund
        self.user = user
        self.role = role


def _acting_role(actor: User, forbund: Forbund) -> str:
    """The role an action is logged under: a named approver may hold no administrator role."""
    return Role.FORBUNDSADMIN.value if administers(actor=actor, forbund_id=forbund.pk) else ""


def _decision_logged(actor: User, request: RoleGrantRequest, detail: str) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        forbund=request.forbund,
        role=_acting_role(actor, request.forbund),
        obj=request,
        detail=detail,
    )


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


@contextmanager
def refused_attempt_logged(actor: User) -> Iterator[None]:
    """Log a :class:`GrantRefused` raised inside the block, then let it propagate.

    Use it *outside* the write's ``transaction.atomic`` so the event survives the rollback.
    """
    try:
        yield
    except GrantRefused as refusal:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            forbund=refusal.forbund,
            role=_acting_role(actor, refusal.forbund),
            obj=refusal.user,
            detail=f"Rolltilldelning nekad: {_role_label(refusal.role)}; {refusal.messages[0]}",
        )
        raise


def run_with_refusals_logged(actor: User, write: Callable[[], T]) -> T:
    with refused_attempt_logged(actor):
        return write()


def _held_or_pending_roles(user: User, forbund: Forbund) -> set[str]:
    held = Membership.objects.filter(user=user, forbund=forbund, is_active=True)
    pending = RoleGrantRequest.objects.filter(
        user=user, forbund=forbund, decision=GrantDecision.PENDING
    )
    return set(held.values_list("role", flat=True)) | set(pending.values_list("role", flat=True))


def check_grant_allowed(*, actor: User | None, user: User, forbund: Forbund, role: str) -> None:
    """Raise :class:`GrantRefused` when ``role`` may not be given to ``user`` at all."""
    if actor is not None and actor.pk == user.pk:
        raise GrantRefused(
            _("Du kan inte ge dig själv en roll. Be en annan förbundsadministratör."),
            forbund=forbund,
            user=user,
            role=role,
        )
    others = _held_or_pending_roles(user, forbund) - {role}
    if role == Role.GRANSKARE and others & ROLES_WORKING_WITH_PARTICIPANTS:
        raise GrantRefused(
            _(
                "En granskare får inte samtidigt arbeta med deltagare i förbundet "
                "(insatsansvarig, coach eller handläggare). Ta bort den rollen först."
            ),
            forbund=forbund,
            user=user,
            role=role,
        )
    if role in ROLES_WORKING_WITH_PARTICIPANTS and Role.GRANSKARE in others:
        raise GrantRefused(
            _(
                "Personen är granskare i förbundet och får inte samtidigt arbeta med "
                "deltagare. Ta bort granskarrollen först."
            ),
            forbund=forbund,
            user=user,
            role=role,
        )


def needs_approval(role: str) -> bool:
    return role in ROLES_NEEDING_APPROVAL


def grant_request_create(
    *,
    actor: User,
    user: User,
    forbund: Forbund,
    role: str,
    party: Party | None,
    interventions: Sequence[ScopedIntervention],
) -> RoleGrantRequest:
    """Record that ``actor`` asks for ``role`` for ``user``; a second person decides.

    Call inside the caller's transaction after the membership rules have been checked.
    """
    request = RoleGrantRequest(
        user=user, forbund=forbund, role=role, party=party, requested_by=actor
    )
    message = _("Det finns redan en begäran om den rollen som väntar på beslut.")
    save_unique(request.save, field="role", message=message)
    request.interventions.set([intervention.pk for intervention in interventions])
    audit(
        actor,
        AuditAction.CREATE,
        forbund,
        request,
        f"Behörighet begärd: {request.get_role_display()} för {user.username}",
    )
    return request


def _grant(request: RoleGrantRequest) -> Membership:
    """The membership a request asked for, created or reactivated."""
    membership = Membership.objects.filter(
        user=request.user, forbund=request.forbund, role=request.role, party=request.party
    ).first()
    if membership is None:
        membership = Membership(
            user=request.user, forbund=request.forbund, role=request.role, party=request.party
        )
        message = _("Användaren har redan den rollen i förbundet.")
        save_unique(membership.save, field="role", message=message)
    elif membership.is_active:
        raise ValidationError(_("Användaren har redan den rollen i förbundet."))
    else:
        membership.is_active = True
        save_versioned(membership, expected_version=membership.version, fields=["is_active"])
    membership.interventions.set(list(request.interventions.values_list("pk", flat=True)))
    return membership


def _decide(*, actor: User, request_id: int) -> RoleGrantRequest:
    request = grant_request_for_decision(actor=actor, request_id=request_id, lock=True)
    if request.decision != GrantDecision.PENDING:
        raise ValidationError(_("Begäran är redan avgjord."))
    blocker = decision_blocker(actor=actor, request=request)
    if blocker:
        raise GrantRefused(blocker, forbund=request.forbund, user=request.user, role=request.role)
    return request


@transaction.atomic
def _approve(*, actor: User, request_id: int) -> RoleGrantRequest:
    request = _decide(actor=actor, request_id=request_id)
    check_grant_allowed(actor=actor, user=request.user, forbund=request.forbund, role=request.role)
    if not request.user.is_active:
        raise ValidationError(_("Kontot är inaktiverat. Aktivera det innan rollen godkänns."))
    request.membership = _grant(request)
    request.decision = GrantDecision.APPROVED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["membership", "decision", "decided_by", "decided_at"])
    _decision_logged(
        actor,
        request,
        f"Behörighet godkänd: {request.get_role_display()} för {request.user.username}",
    )
    return request


def grant_request_approve(*, actor: User, request_id: int) -> RoleGrantRequest:
    """Approve a pending request: the role takes effect now."""
    return run_with_refusals_logged(actor, lambda: _approve(actor=actor, request_id=request_id))


@transaction.atomic
def _refuse(*, actor: User, request_id: int, reason: str) -> RoleGrantRequest:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Skriv varför begäran avslås.")]})
    request = _decide(actor=actor, request_id=request_id)
    request.decision = GrantDecision.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.reason = reason
    request.save(update_fields=["decision", "decided_by", "decided_at", "reason"])
    _decision_logged(
        actor,
        request,
        f"Behörighet avslagen: {request.get_role_display()} för {request.user.username}; "
        f"skäl: {reason}",
    )
    return request


def grant_request_refuse(*, actor: User, request_id: int, reason: str) -> RoleGrantRequest:
    """Refuse a pending request with a reason; no role is given."""
    return run_with_refusals_logged(
        actor, lambda: _refuse(actor=actor, request_id=request_id, reason=reason)
    )


@transaction.atomic
def grant_record_preapproved(*, membership: Membership, note: str) -> RoleGrantRequest:
    """Record a role created outside the approval flow (the demo seeding) as already
    approved, so the list of grants is complete and says how the role came about."""
    now = timezone.now()
    request = RoleGrantRequest.objects.create(
        user=membership.user,
        forbund=membership.forbund,
        role=membership.role,
        party=membership.party,
        decision=GrantDecision.APPROVED,
        decided_at=now,
        reason=note,
        membership=membership,
    )
    audit_record(
        actor=None,
        actor_username="seed_demo",
        action=AuditAction.CREATE,
        forbund=membership.forbund,
        obj=request,
        detail=f"Behörighet förgodkänd: {request.get_role_display()} för "
        f"{membership.user.username}; {note}",
    )
    return request


@transaction.atomic
def grant_approver_name(*, actor: User | None, forbund: Forbund, user: User) -> bool:
    """Name ``user`` an approver of access rights in ``forbund`` (``True`` when newly named).

    Only an operator (superuser) or the demo seeding (``actor=None``) names approvers: a
    förbundsadministratör naming its own approver would defeat the second pair of eyes.
    Logged."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    if forbund.role_grant_approvers.filter(pk=user.pk).exists():
        return False
    forbund.role_grant_approvers.add(user)
    audit_record(
        actor=actor,
        actor_username="" if actor is not None else "seed_demo",
        action=AuditAction.CREATE,
        forbund=forbund,
        detail=f"Godkännare av behörigheter utsedd: {user.username}",
    )
    return True
