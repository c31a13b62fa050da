"""Who may see which participants. Every participant selector starts here.

- insatsansvarig: every registration of the interventions their membership reaches;
- coach: their own caseload, or the whole intervention's where it shares caseloads;
- handläggare of party X: the people they referred themselves (for X), and only while the
  registration's consent covers X and is active (not before, not after withdrawal or expiry);
  a registration without consent is anonymous and seen by the intervention's staff only;
- förbundsadministratör, styrgrupp, granskare: no identities at all (aggregates elsewhere).

Anything outside the returned querysets is answered with 404 by views and the API.
"""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samsyn.core.models import Membership, User
from samsyn.core.roles import Role
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import Consent, Person, Referral, Registration
from samsyn.participants.models.registration import RegistrationQuerySet

# What a list of registrations never shows of a person: left out of its query (``defer``) so a
# page of 50 rows does not decrypt 150 values nobody sees. Lists show the name and the code.
PERSON_FIELDS_NOT_LISTED = ("person__personnummer", "person__phone", "person__email")


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def active_consents(*, today: datetime.date | None = None) -> QuerySet[Consent]:
    day = _today(today)
    return Consent.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
    )


def _handlaggare_memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=user, is_active=True, role=Role.HANDLAGGARE, party__isnull=False
    )


@dataclass
class _Reach:
    """Where a user's memberships of one role reach (as ``interventions_visible_to`` reads
    them): the interventions they name, and the förbund of those that name none."""

    intervention_ids: set[int] = field(default_factory=set)
    forbund_ids: set[int] = field(default_factory=set)
    # Of ``intervention_ids``, those whose coaches share the caseload.
    shared_ids: set[int] = field(default_factory=set)


@dataclass
class _Scope:
    """The ways a user sees registrations: ``direct`` conditions test only the registration's
    own columns (literal intervention ids, the coach); ``joined`` ones need another table
    (a whole förbund's interventions, a referral and its consent)."""

    direct: list[Q] = field(default_factory=list)
    joined: list[Q] = field(default_factory=list)

    def add(self, reach: _Reach, *, shared: bool = False, **also: Any) -> None:
        named = reach.shared_ids if shared else reach.intervention_ids
        if named:
            self.direct.append(Q(intervention_id__in=sorted(named), **also))
        if reach.forbund_ids:
            flag = {"intervention__coaches_share_caseload": True} if shared else {}
            self.joined.append(
                Q(intervention__forbund_id__in=sorted(reach.forbund_ids), **flag, **also)
            )

    def branches(self) -> list[Q]:
        """The direct conditions as one (an OR of indexed columns), then each joined one."""
        direct = [reduce(operator.or_, self.direct)] if self.direct else []
        # Without any branch the scope is still a query that runs (and finds nothing), so a
        # page's number of queries does not depend on the user's roles.
        return direct + self.joined or [Q(id__isnull=True)]


def _scope_of(user: User, today: datetime.date | None) -> _Scope:
    """How the user sees registrations, from one query of its memberships."""
    rows = Membership.objects.filter(
        user=user,
        is_active=True,
        role__in=(Role.INSATSANSVARIG, Role.COACH, Role.HANDLAGGARE),
    ).values_list(
        "role", "forbund_id", "party_id", "interventions", "interventions__coaches_share_caseload"
    )
    reach: dict[str, _Reach] = {Role.INSATSANSVARIG: _Reach(), Role.COACH: _Reach()}
    referrers: set[tuple[int, int]] = set()
    for role, forbund_id, party_id, intervention_id, shared in rows:
        if role == Role.HANDLAGGARE:
            if party_id is not None:
                referrers.add((party_id, forbund_id))
        elif intervention_id is None:
            reach[role].forbund_ids.add(forbund_id)
        else:
            reach[role].intervention_ids.add(intervention_id)
            if shared:
                reach[role].shared_ids.add(intervention_id)
    scope = _Scope()
    scope.add(reach[Role.INSATSANSVARIG])
    scope.add(reach[Role.COACH], coach=user)
    scope.add(reach[Role.COACH], shared=True)
    for party_id, forbund_id in sorted(referrers):
        # The consent must cover the party the referral was made for, not just any party
        # of the handläggare's.
        covering = active_consents(today=today).filter(parties=party_id)
        scope.joined.append(
            Q(
                referral__referred_by=user,
                referral__referring_party_id=party_id,
                intervention__forbund_id=forbund_id,
                consent_id__in=covering.values("id"),
            )
        )
    return scope


def _union(branches: list[Q], column: str) -> QuerySet[Registration, dict[str, Any]]:
    first, *rest = (Registration.objects.filter(b).order_by().values(column) for b in branches)
    return first.union(*rest, all=True) if rest else first


def visible_registration_values(
    user: User, column: str, *, today: datetime.date | None = None
) -> QuerySet[Registration, dict[str, Any]]:
    """``column`` of every registration ``user`` may see (with repeats), as a subquery."""
    return _union(_scope_of(user, today).branches(), column)


def registrations_visible_to(
    user: User, *, today: datetime.date | None = None
) -> RegistrationQuerySet:
    """The registrations ``user`` may see, at the cost of what the user sees.

    The user's memberships are read first (one query) and each way of seeing a registration
    becomes a condition with literal intervention or förbund ids. Those on the registration's
    own columns are one OR, which PostgreSQL answers from the indexes (intervention, coach);
    those that need a join are each a branch of a UNION ALL. An OR of ``IN (subquery)``
    conditions, as before, can only be tested row by row: it scanned every registration in
    the database for a coach of 200 people (docs/performance.md, "Pages").
    """
    if not user.is_authenticated or not user.is_active:
        return Registration.objects.none()
    scope = _scope_of(user, today)
    branches = scope.branches()
    if not scope.joined:
        return Registration.objects.filter(branches[0])
    return Registration.objects.filter(id__in=_union(branches, "id"))


def referrals_visible_to(user: User, *, today: datetime.date | None = None) -> QuerySet[Referral]:
    """Referrals: the insatsansvarig sees all of the intervention's; a coach those not yet
    registered (to decide them) and those whose registration it sees; a handläggare its own
    until registered.

    Once a referral has led to a registration, it is seen exactly by those who see the
    registration: a handläggare only while the consent covering its party is active, a coach
    only when the person is in its caseload.
    """
    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    led = interventions_visible_to(user, Role.INSATSANSVARIG).values("id")
    coached = interventions_visible_to(user, Role.COACH).values("id")
    scope = Q(intervention_id__in=led)
    scope |= Q(intervention_id__in=coached, registration__isnull=True)
    for membership in _handlaggare_memberships(user):
        scope |= Q(
            referred_by=user,
            referring_party_id=membership.party_id,
            intervention__forbund_id=membership.forbund_id,
            registration__isnull=True,
        )
    visible_registrations = registrations_visible_to(user, today=today).values("id")
    scope |= Q(registration__id__in=visible_registrations)
    return Referral.objects.filter(id__in=Referral.objects.filter(scope).values("id"))


def persons_visible_to(user: User, *, today: datetime.date | None = None) -> QuerySet[Person]:
    registrations = registrations_visible_to(user, today=today).values("person_id")
    referrals = referrals_visible_to(user, today=today).values("person_id")
    return Person.objects.filter(Q(id__in=registrations) | Q(id__in=referrals))


def consents_visible_to(user: User, *, today: datetime.date | None = None) -> QuerySet[Consent]:
    """Consents are handled by the intervention's staff: an insatsansvarig or coach sees the
    consents of the people whose referral or registration in that intervention it sees.

    A handläggare never sees the consent records (nor the signed form) themselves.
    """
    if not user.is_authenticated or not user.is_active:
        return Consent.objects.none()
    staff = interventions_visible_to(user, Role.INSATSANSVARIG, Role.COACH).values("id")
    same = {"person_id": OuterRef("person_id"), "intervention_id": OuterRef("intervention_id")}
    registrations = registrations_visible_to(user, today=today).filter(**same)
    referrals = referrals_visible_to(user, today=today).filter(**same)
    return Consent.objects.filter(intervention_id__in=staff).filter(
        Q(Exists(registrations)) | Q(Exists(referrals))
    )
