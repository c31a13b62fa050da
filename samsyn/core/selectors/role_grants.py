"""Reads of role grant requests (samsyn/core/services/role_grants.py).

Who may decide a request in a förbund: when the förbund names approvers, only they; otherwise
its förbundsadministratörer. Never the person who asked, never the person who would get the
role. A request of a förbund where the actor may not decide anything is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from samsyn.core.models import Forbund, GrantDecision, RoleGrantRequest, User
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import interventions_by_name
from samsyn.core.selectors.scoping import forbund_ids_for


def _administered_ids(actor: User) -> set[int]:
    return set(forbund_ids_for(actor, Role.FORBUNDSADMIN).values_list("forbund_id", flat=True))


def _named_approver_ids(actor: User) -> set[int]:
    if not actor.is_authenticated or not actor.is_active:
        return set()
    return set(actor.approves_role_grants_in.values_list("pk", flat=True))


def decider_forbund_ids(*, actor: User) -> set[int]:
    """The förbund whose requests the actor sees on the approval page: those it administers
    and those that name it as an approver."""
    return _administered_ids(actor) | _named_approver_ids(actor)


def decision_blocker(*, actor: User, request: RoleGrantRequest) -> str:
    """Why ``actor`` may not decide ``request`` ('' when it may)."""
    named = set(request.forbund.role_grant_approvers.values_list("pk", flat=True))
    return _blocker(actor, request, named)


def _requests(actor: User) -> QuerySet[RoleGrantRequest]:
    return (
        RoleGrantRequest.objects.filter(forbund_id__in=decider_forbund_ids(actor=actor))
        .select_related("forbund", "user", "party", "requested_by", "decided_by")
        .prefetch_related(Prefetch("interventions", interventions_by_name()))
    )


def grant_request_for_decision(
    *, actor: User, request_id: int, lock: bool = False
) -> RoleGrantRequest:
    requests = _requests(actor)
    if lock:
        requests = requests.select_for_update(of=("self",))
    return get_object_or_404(requests, pk=request_id)


@dataclass
class PendingGrant:
    request: RoleGrantRequest
    blocker: str


@dataclass
class GrantOverview:
    pending: list[PendingGrant]
    decided: list[RoleGrantRequest]
    # Förbund the actor administers that have one administrator and no named approver:
    # nobody can approve a role there yet.
    forbunds_without_approver: list[Forbund]


DECIDED_SHOWN = 50


def grant_overview(*, actor: User) -> GrantOverview:
    """The approval page: pending requests, the latest decisions and where nobody can
    approve. A 404 for anyone who may decide nowhere."""
    forbund_ids = decider_forbund_ids(actor=actor)
    if not forbund_ids:
        raise Http404
    pending = list(_requests(actor).filter(decision=GrantDecision.PENDING).order_by("requested_at"))
    named = _approvers_by_forbund({r.forbund_id for r in pending})
    rows = [PendingGrant(r, _blocker(actor, r, named.get(r.forbund_id, set()))) for r in pending]
    decided = list(_requests(actor).exclude(decision=GrantDecision.PENDING)[:DECIDED_SHOWN])
    return GrantOverview(
        pending=rows,
        decided=decided,
        forbunds_without_approver=forbunds_without_second_approver(actor=actor),
    )


def _approvers_by_forbund(forbund_ids: set[int]) -> dict[int, set[int]]:
    through = Forbund.role_grant_approvers.through
    result: dict[int, set[int]] = {}
    for forbund_id, user_id in through.objects.filter(forbund_id__in=forbund_ids).values_list(
        "forbund_id", "user_id"
    ):
        result.setdefault(forbund_id, set()).add(user_id)
    return result


def _blocker(actor: User, request: RoleGrantRequest, named: set[int]) -> str:
    # decision_blocker without a query per row.
    if request.requested_by_id == actor.pk:
        return _("Du begärde rollen själv. En annan person måste godkänna den.")
    if request.user_id == actor.pk:
        return _("Du kan inte besluta om en roll för dig själv.")
    if named:
        return (
            ""
            if actor.pk in named
            else _(
                "Förbundet har utsett vilka som godkänner behörigheter, och du är inte en av dem."
            )
        )
    if request.forbund_id not in _administered_ids(actor):
        return _("Bara en förbundsadministratör kan godkänna behörigheter i förbundet.")
    return ""


def forbunds_without_second_approver(*, actor: User) -> list[Forbund]:
    """Administered förbund where a request could never be approved: one active
    administrator and no named approver."""
    administered = _administered_ids(actor)
    if not administered:
        return []
    return list(
        Forbund.objects.filter(pk__in=administered)
        .annotate(
            admins=Count(
                "memberships",
                filter=Q(
                    memberships__role=Role.FORBUNDSADMIN,
                    memberships__is_active=True,
                    memberships__user__is_active=True,
                ),
                distinct=True,
            ),
            approvers=Count("role_grant_approvers", distinct=True),
        )
        .filter(admins__lt=2, approvers=0)
        .order_by("name")
    )


def pending_grants_for_user(*, actor: User, user: User) -> list[RoleGrantRequest]:
    """The user's requests waiting for a decision in förbund the actor administers."""
    return list(
        RoleGrantRequest.objects.filter(
            user=user,
            decision=GrantDecision.PENDING,
            forbund_id__in=_administered_ids(actor),
        )
        .select_related("forbund", "party", "requested_by")
        .order_by("requested_at")
    )
