"""Who sees which participant: the rules of samsyn/participants/selectors/scoping.py, role by role.

The handläggare's timeline is the heart of it: before consent, during, after withdrawal and
after expiry; a handläggare of another party and a user of another förbund see nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.participants.models import Registration
from samsyn.participants.selectors.referrals import referral_get
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.selectors.scoping import (
    consents_visible_to,
    persons_visible_to,
    referrals_visible_to,
    registrations_visible_to,
)
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.participants.tests.intake_setup import (
    consent_for,
    days,
    referral_of,
    registered,
)

REFUSED = "Åtkomst nekad: utanför behörighet eller samtycke"
NO_IDENTITIES = ["admin", "styrgrupp", "granskare", "outsider", "nobody"]


def _visible(registration: Registration, user) -> bool:
    return registrations_visible_to(user).filter(pk=registration.pk).exists()


def _refused_events(registration: Registration) -> int:
    return AuditEvent.objects.filter(
        object_type="participants.Registration",
        object_id=str(registration.pk),
        detail=REFUSED,
    ).count()


@pytest.fixture
def consented(world: World) -> Registration:
    """A person referred by the handläggare (kommun), registered with the kommun's consent."""
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.kommun, world.fk])
    return registered(referral, consent=consent, coach=world["coach"])


# --- Coach and insatsansvarig ---------------------------------------------------------------


def test_coach_sees_own_caseload_only(world: World) -> None:
    own = RegistrationFactory(intervention=world.intervention, coach=world["coach"])
    colleague = UserFactory()
    MembershipFactory(user=colleague, forbund=world.forbund, role=Role.COACH)
    others = RegistrationFactory(intervention=world.intervention, coach=colleague)
    unassigned = RegistrationFactory(intervention=world.intervention, coach=None)
    coach = world["coach"]
    assert _visible(own, coach)
    assert not _visible(others, coach)
    assert not _visible(unassigned, coach)
    with pytest.raises(Http404):
        registration_get(actor=coach, registration_id=others.pk)
    assert _refused_events(others) == 1


def test_coach_sees_the_teams_caseload_when_the_intervention_shares_it(world: World) -> None:
    colleague = UserFactory()
    others = RegistrationFactory(intervention=world.intervention, coach=colleague)
    world.intervention.coaches_share_caseload = True
    world.intervention.save()
    assert _visible(others, world["coach"])


def test_coach_never_sees_another_intervention(world: World) -> None:
    from samsyn.core.tests.factories import InterventionFactory

    elsewhere = InterventionFactory(forbund=world.forbund, owner_party=world.kommun)
    registration = RegistrationFactory(intervention=elsewhere, coach=world["coach"])
    # The coach persona's membership names world.intervention only.
    assert not _visible(registration, world["coach"])
    assert not _visible(registration, world["insatsansvarig"])


def test_insatsansvarig_sees_the_whole_intervention(world: World) -> None:
    registrations = [
        RegistrationFactory(intervention=world.intervention, coach=None),
        RegistrationFactory(intervention=world.intervention, coach=world["coach"]),
    ]
    lead = world["insatsansvarig"]
    assert all(_visible(registration, lead) for registration in registrations)
    assert registration_get(actor=lead, registration_id=registrations[0].pk)


@pytest.mark.parametrize("persona", NO_IDENTITIES)
def test_roles_without_identities_get_404(world: World, persona: str, consented) -> None:
    user = world[persona]
    assert not _visible(consented, user)
    assert not referrals_visible_to(user).exists()
    assert not persons_visible_to(user).exists()
    assert not consents_visible_to(user).exists()
    with pytest.raises(Http404):
        registration_get(actor=user, registration_id=consented.pk)
    with pytest.raises(Http404):
        referral_get(actor=user, referral_id=consented.referral_id)


@pytest.mark.parametrize("persona", NO_IDENTITIES)
def test_roles_without_identities_get_404_on_the_referral_page(
    as_persona: Callable[[str], Client], persona: str, consented: Registration
) -> None:
    url = reverse("participants:referral_detail", args=[consented.referral_id])
    response = as_persona(persona).get(url)
    assert response.status_code == 404
    assert "Kim" not in response.content.decode()


# --- The handläggare before, during and after consent ---------------------------------------


def test_handlaggare_before_consent_sees_the_pending_referral_only(
    world: World, as_persona: Callable[[str], Client]
) -> None:
    referral = referral_of(world)
    client = as_persona("handlaggare")
    assert (
        client.get(reverse("participants:referral_detail", args=[referral.pk])).status_code == 200
    )
    # Registered without consent (anonymous): the handläggare sees neither.
    registration = registered(referral, consent=None, coach=world["coach"])
    assert not _visible(registration, world["handlaggare"])
    with pytest.raises(Http404):
        registration_get(actor=world["handlaggare"], registration_id=registration.pk)
    response = client.get(reverse("participants:referral_detail", args=[referral.pk]))
    assert response.status_code == 404
    assert _refused_events(registration) == 1


def test_handlaggare_during_consent_sees_the_registration(
    world: World, as_persona: Callable[[str], Client], consented: Registration
) -> None:
    user = world["handlaggare"]
    assert _visible(consented, user)
    assert registration_get(actor=user, registration_id=consented.pk) == consented
    url = reverse("participants:referral_detail", args=[consented.referral_id])
    assert as_persona("handlaggare").get(url).status_code == 200


def test_handlaggare_after_withdrawal_gets_404_and_the_attempt_is_logged(
    world: World, as_persona: Callable[[str], Client], consented: Registration
) -> None:
    consent = consented.consent
    assert consent is not None
    consent.withdrawn_on = days(0)
    consent.save()
    user = world["handlaggare"]
    assert not _visible(consented, user)
    with pytest.raises(Http404):
        registration_get(actor=user, registration_id=consented.pk)
    event = AuditEvent.objects.get(
        object_type="participants.Registration", object_id=str(consented.pk), detail=REFUSED
    )
    assert event.actor == user
    assert event.participant_ref == consented.person.pseudonym
    assert event.intervention_id == world.intervention.pk
    url = reverse("participants:referral_detail", args=[consented.referral_id])
    assert as_persona("handlaggare").get(url).status_code == 404
    assert AuditEvent.objects.filter(
        object_type="participants.Referral", object_id=str(consented.referral_id), detail=REFUSED
    ).exists()


def test_withdrawal_dated_tomorrow_still_shows_today(world: World, consented: Registration) -> None:
    consent = consented.consent
    assert consent is not None
    consent.withdrawn_on = days(1)
    consent.save()
    assert _visible(consented, world["handlaggare"])
    assert not registrations_visible_to(world["handlaggare"], today=days(1)).exists()


def test_handlaggare_after_expiry_gets_404_and_the_attempt_is_logged(
    world: World, consented: Registration
) -> None:
    consent = consented.consent
    assert consent is not None
    consent.valid_to = days(-1)
    consent.save()
    with pytest.raises(Http404):
        registration_get(actor=world["handlaggare"], registration_id=consented.pk)
    assert _refused_events(consented) == 1


def test_consent_not_yet_valid_hides_the_registration(
    world: World, consented: Registration
) -> None:
    consent = consented.consent
    assert consent is not None
    consent.valid_from = days(1)
    consent.save()
    assert not _visible(consented, world["handlaggare"])


def test_consent_not_covering_the_handlaggares_party_hides_the_registration(
    world: World,
) -> None:
    referral = referral_of(world)
    consent = consent_for(referral, parties=[world.fk, world.af])
    registration = registered(referral, consent=consent)
    assert not _visible(registration, world["handlaggare"])


def test_handlaggare_of_another_party_gets_404(world: World, consented: Registration) -> None:
    colleague = UserFactory(username="fk-handlaggare")
    MembershipFactory(user=colleague, forbund=world.forbund, role=Role.HANDLAGGARE, party=world.fk)
    # The consent covers FK, but this handläggare did not refer the person.
    assert not _visible(consented, colleague)
    assert not referrals_visible_to(colleague).exists()
    with pytest.raises(Http404):
        registration_get(actor=colleague, registration_id=consented.pk)
    assert _refused_events(consented) == 1


def test_handlaggare_sees_only_what_it_referred_for_the_covered_party(world: World) -> None:
    """A handläggare for two parties referred for FK; a consent covering only its kommun
    does not open the FK referral."""
    user = world["handlaggare"]
    MembershipFactory(user=user, forbund=world.forbund, role=Role.HANDLAGGARE, party=world.fk)
    referral = referral_of(world, party=world.fk)
    consent = consent_for(referral, parties=[world.kommun])
    registration = registered(referral, consent=consent)
    assert not _visible(registration, user)
    consent.parties.add(world.fk)
    assert _visible(registration, user)


def test_user_of_another_forbund_gets_404(world: World, consented: Registration) -> None:
    stranger = UserFactory(username="annan-handlaggare")
    MembershipFactory(
        user=stranger, forbund=world.other_forbund, role=Role.HANDLAGGARE, party=world.other_party
    )
    for user in (stranger, world["outsider"]):
        assert not _visible(consented, user)
        with pytest.raises(Http404):
            registration_get(actor=user, registration_id=consented.pk)
    assert _refused_events(consented) == 2


def test_inactive_membership_sees_nothing(world: World, consented: Registration) -> None:
    world["handlaggare"].memberships.update(is_active=False)
    world["coach"].memberships.update(is_active=False)
    assert not _visible(consented, world["handlaggare"])
    assert not _visible(consented, world["coach"])


# --- Referrals and consents ---------------------------------------------------------------


def test_coach_sees_pending_referrals_but_not_others_registered_ones(world: World) -> None:
    pending = referral_of(world)
    colleague = UserFactory()
    MembershipFactory(user=colleague, forbund=world.forbund, role=Role.COACH)
    in_other_caseload = registered(referral_of(world), consent=None, coach=colleague)
    mine = registered(referral_of(world), consent=None, coach=world["coach"])
    visible = set(referrals_visible_to(world["coach"]).values_list("id", flat=True))
    assert pending.pk in visible
    assert mine.referral_id in visible
    assert in_other_caseload.referral_id not in visible
    lead_visible = set(referrals_visible_to(world["insatsansvarig"]).values_list("id", flat=True))
    assert {pending.pk, mine.referral_id, in_other_caseload.referral_id} <= lead_visible


def test_consents_are_for_the_interventions_staff(world: World, consented: Registration) -> None:
    assert consented.consent_id is not None
    assert consents_visible_to(world["insatsansvarig"]).filter(pk=consented.consent_id).exists()
    assert consents_visible_to(world["coach"]).filter(pk=consented.consent_id).exists()
    # The handläggare sees the registration, but not the consent record or its form.
    assert not consents_visible_to(world["handlaggare"]).exists()
    colleague = UserFactory()
    MembershipFactory(user=colleague, forbund=world.forbund, role=Role.COACH)
    assert not consents_visible_to(colleague).exists()
