"""The rule of ``case_shown_identified``, exhaustively, and the facts it is fed from the
database (viewer may/may not see × consent covers all/some parties present × withdrawn)."""

from __future__ import annotations

import datetime
import itertools

import pytest

from samsyn.collaboration.models import Attendance, TeamCase
from samsyn.collaboration.selectors.cases import (
    IdentityFacts,
    case_shown_identified,
    parties_present_at,
)
from samsyn.collaboration.tests.case_setup import case_world, make_meeting
from samsyn.conftest import World
from samsyn.participants.tests.factories import ConsentFactory

KOMMUN, FK, AF = 1, 2, 3


@pytest.mark.parametrize(
    ("has_person", "may_see", "present", "consents", "expected"),
    [
        # every combination that must stay anonymous ...
        *[
            (has, see, present, consents, False)
            for has, see in itertools.product((True, False), repeat=2)
            if not (has and see)
            for present, consents in (
                (frozenset({KOMMUN}), [frozenset({KOMMUN})]),
                (frozenset({KOMMUN, FK}), [frozenset({KOMMUN, FK, AF})]),
            )
        ],
        # may see, consent covers some parties present only
        (True, True, frozenset({KOMMUN, FK}), [frozenset({KOMMUN})], False),
        # two consents that only together cover the parties: not added together
        (True, True, frozenset({KOMMUN, FK}), [frozenset({KOMMUN}), frozenset({FK})], False),
        # no active consent (withdrawn or expired consents are not passed in)
        (True, True, frozenset({KOMMUN}), [], False),
        # nobody known to be present
        (True, True, frozenset(), [frozenset({KOMMUN})], False),
        # may see, one consent covers every party present (exactly, or more)
        (True, True, frozenset({KOMMUN, FK}), [frozenset({KOMMUN, FK})], True),
        (True, True, frozenset({KOMMUN}), [frozenset({AF}), frozenset({KOMMUN, AF})], True),
    ],
)
def test_rule(has_person, may_see, present, consents, expected) -> None:
    assert (
        case_shown_identified(
            has_person=has_person,
            viewer_may_see_person=may_see,
            parties_present=present,
            consented_parties=consents,
        )
        is expected
    )


def _identified(world: World, viewer: str, case: TeamCase, meeting) -> bool:
    return IdentityFacts(viewer=world[viewer], cases=[case], meetings=[meeting]).identified(
        case, meeting
    )


@pytest.mark.parametrize(
    ("viewer", "absent_party_present", "withdrawn", "expected"),
    [
        (
            viewer,
            af_present,
            withdrawn,
            viewer in ("coach", "handlaggare") and not af_present and not withdrawn,
        )
        for viewer in ("coach", "handlaggare", "admin", "granskare")
        for af_present in (False, True)
        for withdrawn in (False, True)
    ],
)
def test_matrix_from_the_database(
    world: World, viewer: str, absent_party_present: bool, withdrawn: bool, expected: bool
) -> None:
    """The consent covers kommun and FK. AF present → not all parties covered. A withdrawn
    consent covers nobody, even at a meeting held before the withdrawal."""
    cases = case_world(world)
    if absent_party_present:
        Attendance.objects.create(meeting=cases.meeting, party=world.af, present=True)
    if withdrawn:
        consent = cases.registration.consent
        assert consent is not None
        consent.withdrawn_on = datetime.date(2026, 4, 1)
        consent.save(update_fields=["withdrawn_on"])
    assert _identified(world, viewer, cases.identified, cases.meeting) is expected


def test_anonymous_case_is_never_identified(world: World) -> None:
    cases = case_world(world)
    assert not _identified(world, "coach", cases.anonymous, cases.meeting)


def test_consent_not_yet_valid_at_the_meeting(world: World) -> None:
    cases = case_world(world)
    early = make_meeting(world, cases.team, datetime.date(2026, 1, 10))
    assert not _identified(world, "coach", cases.identified, early)


def test_another_consent_covering_all_parties_identifies(world: World) -> None:
    cases = case_world(world)
    Attendance.objects.create(meeting=cases.meeting, party=world.af, present=True)
    ConsentFactory(
        person=cases.identified.person,
        intervention=world.intervention,
        valid_from=datetime.date(2026, 2, 1),
        parties=[world.kommun, world.fk, world.af],
    )
    assert _identified(world, "coach", cases.identified, cases.meeting)


def test_parties_present_before_attendance_are_the_seats(world: World) -> None:
    cases = case_world(world)
    planned = make_meeting(
        world, cases.team, datetime.date(2026, 5, 5), status="planerat", present=()
    )
    absent = make_meeting(
        world, cases.team, datetime.date(2026, 5, 6), present=(world.kommun,), absent=(world.fk,)
    )
    present = parties_present_at([planned, absent])
    assert present[planned.pk] == {world.kommun.pk, world.fk.pk}
    assert present[absent.pk] == {world.kommun.pk}


def test_facts_take_constant_queries(world: World, django_assert_num_queries) -> None:
    """Three for the viewer's scope (participants' scoping reads the memberships), one for
    who is visible, one for attendance, one for the consents — with 2 cases or 12."""
    cases = case_world(world)
    few = [cases.identified, cases.anonymous]
    with django_assert_num_queries(6):
        IdentityFacts(viewer=world["coach"], cases=few, meetings=[cases.meeting])
    many = few + [
        TeamCase.objects.create(team=cases.team, number=n, raised_at=cases.meeting)
        for n in range(3, 13)
    ]
    with django_assert_num_queries(6):
        IdentityFacts(viewer=world["coach"], cases=many, meetings=[cases.meeting])
