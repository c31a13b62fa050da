"""Suggestions both ways: employers for a participant (both matches rank above one, no
profile gives a message) and participants for an employer (only those the actor may see,
each shown one audited), in a constant number of queries."""

from __future__ import annotations

import pytest
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.conftest import World
from samsyn.core.tests.factories import UserFactory
from samsyn.ips.models import CareerProfile
from samsyn.ips.selectors.suggestions import suggestions_for_employer, suggestions_for_participant
from samsyn.ips.tests.employer_setup import HAGFORS, KARLSTAD, ips_world, make_employer
from samsyn.participants.tests.factories import RegistrationFactory

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db


def profile(
    world: World, industries: list[str], areas: list[str], coach: object = None
) -> CareerProfile:
    registration = RegistrationFactory(
        intervention=world.intervention, coach=coach or world["coach"]
    )
    return CareerProfile.objects.create(
        registration=registration,
        preferred_industries=industries,
        preferred_municipalities=areas,
    )


def test_employers_for_participant_ranked(ips_world: World) -> None:
    both = make_employer(ips_world, 1, name="Båda AB", sni_section="G", municipality_code=KARLSTAD)
    industry = make_employer(
        ips_world, 2, name="Bransch AB", sni_section="G", municipality_code=HAGFORS
    )
    area = make_employer(ips_world, 3, name="Ort AB", sni_section="C", municipality_code=KARLSTAD)
    make_employer(ips_world, 4, name="Ingen AB", sni_section="C", municipality_code=HAGFORS)
    wanted = profile(ips_world, ["G"], [KARLSTAD])
    result = suggestions_for_participant(
        actor=ips_world["coach"], registration_id=wanted.registration_id
    )
    assert result.suggestions[0].employer == both
    assert {s.employer for s in result.suggestions[1:]} == {industry, area}
    assert [s.score for s in result.suggestions] == [2, 1, 1]


def test_no_profile_message(ips_world: World) -> None:
    registration = RegistrationFactory(
        intervention=ips_world.intervention, coach=ips_world["coach"]
    )
    result = suggestions_for_participant(actor=ips_world["coach"], registration_id=registration.pk)
    assert not result.has_profile and result.suggestions == []


def test_participant_outside_scope_404(ips_world: World) -> None:
    wanted = profile(ips_world, ["G"], [], coach=UserFactory())
    with pytest.raises(Http404):
        suggestions_for_participant(
            actor=ips_world["coach"], registration_id=wanted.registration_id
        )


def test_participants_for_employer_scoped_and_audited(ips_world: World) -> None:
    employer = make_employer(ips_world, 1, sni_section="G", municipality_code=KARLSTAD)
    best = profile(ips_world, ["G"], [KARLSTAD])
    one = profile(ips_world, [], [KARLSTAD])
    profile(ips_world, ["C"], [HAGFORS])  # does not fit
    profile(ips_world, ["G"], [KARLSTAD], coach=UserFactory())  # not the coach's
    found = suggestions_for_employer(actor=ips_world["coach"], employer_id=employer.pk)
    assert [s.registration.pk for s in found] == [best.registration_id, one.registration_id]
    refs = set(
        AuditEvent.objects.filter(detail__startswith="Föreslagen").values_list(
            "participant_ref", flat=True
        )
    )
    assert refs == {best.registration.person.pseudonym, one.registration.person.pseudonym}
    assert suggestions_for_employer(actor=ips_world["admin"], employer_id=employer.pk) == []


def test_constant_queries(ips_world: World, assert_query_count) -> None:
    employer = make_employer(ips_world, 1, sni_section="G", municipality_code=KARLSTAD)
    wanted = profile(ips_world, ["G"], [KARLSTAD])
    for serial in range(2, 4):
        make_employer(ips_world, serial, sni_section="G")
    with assert_query_count(16):
        suggestions_for_employer(actor=ips_world["coach"], employer_id=employer.pk)
        suggestions_for_participant(
            actor=ips_world["coach"], registration_id=wanted.registration_id
        )
    for serial in range(4, 20):
        make_employer(ips_world, serial, sni_section="G")
        profile(ips_world, ["G"], [])
    with assert_query_count(16):
        suggestions_for_employer(actor=ips_world["coach"], employer_id=employer.pk)
        suggestions_for_participant(
            actor=ips_world["coach"], registration_id=wanted.registration_id
        )
