"""Who may see and do what with applications, decisions, claims and deviation reports.

One place for the rules of docs/applications.md, so pages, the API and services agree:

- the förbund's staff (förbundsadministratör) see every application of their förbund and
  prepare, decide and approve claims;
- an applicant (a membership with the "sökande" right, ``Membership.may_apply``) sees and
  writes the applications of the membership's party;
- the styrgrupp sees decisions and utilisation (granted, claimed, paid), not drafts or the
  beredning;
- the insatsansvarig of an intervention reports deviations and claims its money, as does an
  applicant of the intervention's owner party.

Everything else is outside scope: the selectors leave it out, so views answer 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samsyn.applications.models import Application, ApplicationStatus
from samsyn.core.models import Membership, User
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import interventions_visible_to
from samsyn.core.selectors.scoping import forbund_ids_for


def _active_memberships(user: User) -> QuerySet[Membership]:
    if not user.is_authenticated or not user.is_active:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True, forbund__isnull=False)


def staff_forbund_ids(user: User) -> QuerySet[Any]:
    """Förbund whose applications the user prepares and decides (förbundsadministratör)."""
    return forbund_ids_for(user, Role.FORBUNDSADMIN)


def decision_reader_forbund_ids(user: User) -> QuerySet[Any]:
    """Förbund whose decisions and utilisation the user reads: its staff and styrgrupp."""
    return forbund_ids_for(user, Role.FORBUNDSADMIN, Role.STYRGRUPP)


def applicant_memberships(user: User) -> QuerySet[Membership]:
    """The user's memberships with the "sökande" right; each names its party."""
    return _active_memberships(user).filter(may_apply=True, party__isnull=False)


def applications_visible_to(user: User) -> QuerySet[Application]:
    """Applications the user may open: all of the förbund for its staff, the party's own for
    an applicant, and decided ones for the styrgrupp."""
    applicant = applicant_memberships(user)
    return Application.objects.filter(
        Q(forbund_id__in=staff_forbund_ids(user))
        | Q(
            forbund_id__in=applicant.values("forbund_id"),
            applicant_party_id__in=applicant.values("party_id"),
        )
        | Q(
            forbund_id__in=forbund_ids_for(user, Role.STYRGRUPP),
            status=ApplicationStatus.DECIDED,
        )
    )


def is_staff_of(user: User, forbund_id: int) -> bool:
    return staff_forbund_ids(user).filter(forbund_id=forbund_id).exists()


def may_write_application(user: User, application: Application) -> bool:
    """Applicants of the party write their application while it is a draft or returned."""
    return (
        application.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
        and applicant_memberships(user)
        .filter(forbund_id=application.forbund_id, party_id=application.applicant_party_id)
        .exists()
    )


def claimable_interventions(user: User) -> QuerySet[Any]:
    """Interventions whose money the user may claim and whose deviations the user reports:
    the insatsansvarig's own, and those owned by a party the user applies for."""
    applicant = applicant_memberships(user)
    model = interventions_visible_to(user).model
    return model._default_manager.filter(
        Q(id__in=interventions_visible_to(user, Role.INSATSANSVARIG).values("id"))
        | Q(
            forbund_id__in=applicant.values("forbund_id"),
            owner_party_id__in=applicant.values("party_id"),
        )
    )
