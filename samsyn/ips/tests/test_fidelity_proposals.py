"""Proposed scores from hand-made data (docs/ips-fidelity.md gives the rules)."""

from __future__ import annotations

import datetime

from samsyn.core.tests.factories import UserFactory
from samsyn.ips.models.employers import Employer, EmployerContact
from samsyn.ips.models.fidelity import FidelityScore
from samsyn.ips.selectors import fidelity_proposals as fp
from samsyn.ips.selectors.fidelity_proposals import (
    fidelity_proposals,
    score_at_least,
    score_at_most,
)
from samsyn.ips.tests.fidelity_setup import make_ips, make_review
from samsyn.participants.models import FollowUpMeeting, WorkStart
from samsyn.participants.tests.factories import PersonFactory, RegistrationFactory

ON = datetime.date(2026, 3, 2)


def test_score_limits():
    limits = (20, 30, 40, 50)
    assert [score_at_most(v, limits) for v in (20, 21, 30, 31, 40, 41, 50, 51)] == [
        5,
        4,
        4,
        3,
        3,
        2,
        2,
        1,
    ]
    assert [score_at_least(v, (6, 5, 4, 3)) for v in (6, 5.9, 5, 4, 3, 2.9)] == [5, 4, 4, 3, 2, 1]


def _meeting(registration, day):
    FollowUpMeeting.objects.create(
        registration=registration, held_on=day, next_due=day + datetime.timedelta(days=56)
    )


def _registration(world, coach, start, end=None):
    person = PersonFactory(forbund=world.forbund)
    return RegistrationFactory(
        intervention=world.intervention, person=person, coach=coach, start_date=start, end_date=end
    )


def test_proposals_from_known_data(world, assert_query_count):
    make_ips(world.intervention)
    coach_a, coach_b = world["coach"], UserFactory(username="coach-b")
    # Caseload: 3 active (one ended before the day, one starts after it): 3 / 2 = 1.5 → 5.
    first = _registration(world, coach_a, datetime.date(2026, 1, 1))
    second = _registration(world, coach_a, datetime.date(2026, 2, 1))
    third = _registration(world, coach_b, datetime.date(2026, 2, 20))
    _registration(world, coach_b, datetime.date(2025, 1, 1), datetime.date(2025, 6, 1))
    _registration(world, coach_b, datetime.date(2026, 4, 1))
    for registration in (first, second, third):
        _meeting(registration, ON - datetime.timedelta(days=2))
    employer = Employer.objects.create(
        forbund=world.forbund,
        organisationsnummer="556036-0793",
        name="Volvo",
        sni_section="C",
        municipality_code="1780",
        added_on=datetime.date(2025, 1, 1),
    )
    # 40 face-to-face contacts in the four weeks before: 40 / 2 coaches / 4 = 5 → 4.
    day = datetime.date(2026, 2, 2)
    for n in range(40):
        EmployerContact.objects.create(
            employer=employer,
            coach=coach_a if n % 2 else coach_b,
            intervention=world.intervention,
            contacted_on=day + datetime.timedelta(days=n % 28),
            kind="besok",
            purpose="Jobbutveckling",
            registration=first if n == 0 else None,
        )
    # A phone contact and one on the day itself do not count as face-to-face before it.
    EmployerContact.objects.create(
        employer=employer,
        coach=coach_a,
        intervention=world.intervention,
        contacted_on=ON - datetime.timedelta(days=3),
        kind="telefon",
        purpose="x",
        registration=second,
    )
    # Days to first contact (registrations started in the last 12 months): first 2026-01-01 →
    # 2026-02-02 = 32 days; second → 2026-02-27 = 26 days; third none → 10 days up to ON;
    # the one starting after ON → -30 … excluded (start after ON). Median 26 → 5.
    # Job starts in the year: 4 jobs, 3 competitive (75 % → 3); competitive employers
    # "Volvo", "volvo ", "Ikea": 2 distinct of 3 = 66.7 % → 4.
    for employer_name, competitive in (
        ("Volvo", True),
        ("volvo ", True),
        ("Ikea", True),
        ("Samhall", False),
    ):
        WorkStart.objects.create(
            registration=first,
            kind="arbete",
            form="osubventionerad",
            employer=employer_name,
            start_date=datetime.date(2026, 2, 15),
            competitive=competitive,
        )
    with assert_query_count(4):
        proposals = fidelity_proposals(world.intervention, ON)
    assert proposals["caseload_size"].score == 5
    assert "1,5 per coach" in proposals["caseload_size"].evidence
    assert proposals["job_development_frequency"].score == 4
    assert proposals["rapid_job_search"].score == 5
    assert "I genomsnitt 23,7 dagar" in proposals["rapid_job_search"].evidence
    assert "2 utan möte" in proposals["rapid_job_search"].evidence
    assert proposals["competitive_jobs"].score == 3
    assert proposals["diversity_employers"].score == 3
    assert proposals["diversity_job_types"].score is None


def test_no_data_gives_no_proposal(world):
    proposals = fidelity_proposals(make_ips(world.intervention), ON)
    assert all(p.score is None for p in proposals.values())
    assert all(p.evidence for p in proposals.values())


def test_review_stores_proposals_beside_scores(world):
    make_ips(world.intervention)
    for _n in range(25):
        _meeting(_registration(world, world["coach"], datetime.date(2026, 1, 1)), ON)
    _registration(world, world["coach"], datetime.date(2026, 1, 1))  # dormant: not counted
    review = make_review(world["admin"], world.intervention, ON)
    row = FidelityScore.objects.get(review=review, item__key="caseload_size")
    assert (row.proposed_score, row.score) == (4, None)
    assert "25 aktiva" in row.proposed_evidence


def test_published_anchors():
    """The limits are the published scale's (docs/ips-fidelity.md), not Samsyn's old ones."""
    caseload = [score_at_most(v, fp.CASELOAD_LIMITS) for v in (20, 21, 25, 26, 30, 31, 40, 41)]
    assert caseload == [5, 4, 4, 3, 3, 2, 2, 1]
    days = [score_at_most(v, fp.RAPID_SEARCH_LIMITS) for v in (30, 31, 60, 61, 150, 151, 270, 271)]
    assert days == [5, 4, 4, 3, 3, 2, 2, 1]
    contacts = [score_at_least(v, fp.CONTACT_LIMITS) for v in (6, 5, 4, 3, 2, 1.9)]
    assert contacts == [5, 4, 3, 2, 2, 1]
    diversity = [score_at_least(v, fp.DIVERSITY_LIMITS) for v in (85, 84, 73, 72, 60, 59, 50, 49)]
    assert diversity == [5, 4, 4, 3, 3, 2, 2, 1]
    competitive = [score_at_least(v, fp.COMPETITIVE_LIMITS) for v in (95, 94, 85, 75, 64, 63)]
    assert competitive == [5, 4, 4, 3, 2, 1]


def test_caseload_of_26_scores_3(world):
    make_ips(world.intervention)
    for _n in range(26):
        _meeting(_registration(world, world["coach"], datetime.date(2026, 1, 1)), ON)
    proposal = fidelity_proposals(world.intervention, ON)["caseload_size"]
    assert proposal.score == 3  # 26–30 per specialist; Samsyn's old limits gave 4


def test_rapid_search_counts_face_to_face_only_and_uses_published_days(world):
    make_ips(world.intervention)
    registration = _registration(world, world["coach"], datetime.date(2025, 11, 22))
    employer = Employer.objects.create(
        forbund=world.forbund,
        organisationsnummer="556036-0793",
        name="Volvo",
        sni_section="C",
        municipality_code="1780",
        added_on=datetime.date(2025, 1, 1),
    )
    EmployerContact.objects.create(
        employer=employer,
        coach=world["coach"],
        intervention=world.intervention,
        contacted_on=datetime.date(2025, 11, 25),
        kind="telefon",
        purpose="x",
        registration=registration,
    )
    proposal = fidelity_proposals(world.intervention, ON)["rapid_job_search"]
    # no face-to-face contact: 100 days up to ON, 61–150 → 3 (the old 91–120 gave 2; counting
    # the phone call would have given 3 days and 5)
    assert proposal.score == 3
    assert "I genomsnitt 100,0 dagar" in proposal.evidence


def test_caseload_counts_the_active_caseload_only(world):
    """The same population as the IPS outcomes: a registration without a contact in the 28
    days before the review date is dormant and not in the caseload."""
    make_ips(world.intervention)
    for _n in range(20):
        _meeting(_registration(world, world["coach"], datetime.date(2026, 1, 1)), ON)
    for _n in range(6):
        dormant = _registration(world, world["coach"], datetime.date(2026, 1, 1))
        _meeting(dormant, ON - datetime.timedelta(days=28))  # just outside the window
    proposal = fidelity_proposals(world.intervention, ON)["caseload_size"]
    assert proposal.score == 5  # 20 active; counting the dormant ones gave 26 → 3
    assert "20 aktiva inskrivningar" in proposal.evidence
