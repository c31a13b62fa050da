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

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samsyn.core.models import Membership, User
from samsyn.core.roles import Role
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.models import Consent, Person, Referral, Registration
from samsyn.participants.models.registration import RegistrationQuerySet


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


def registrations_visible_to(
    user: User, *, today: datetime.date | None = None
) -> RegistrationQuerySet:
    if not user.is_authenticated or not user.is_active:
        return Registration.objects.none()
    led = interventions_visible_to(user, Role.INSATSANSVARIG).values("id")
    coached = interventions_visible_to(user, Role.COACH)
    scope = Q(intervention_id__in=led)
    scope |= Q(intervention_id__in=coached.values("id"), coach=user)
    scope |= Q(intervention_id__in=coached.filter(coaches_share_caseload=True).values("id"))
    for membership in _handlaggare_memberships(user):
        # The consent must cover the party the referral was made for, not just any party
        # of the handläggare's.
        covering = active_consents(today=today).filter(parties=membership.party_id)
        scope |= Q(
            referral__referred_by=user,
            referral__referring_party_id=membership.party_id,
            intervention__forbund_id=membership.forbund_id,
            consent_id__in=covering.values("id"),
        )
    return Registration.objects.filter(id__in=Registration.objects.filter(scope).values("id"))


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
