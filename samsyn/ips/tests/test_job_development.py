"""Job development figures against hand counts: face-to-face contacts per coach per ISO week
(week edges, only face-to-face counts), days to the first employer contact, the bank's size
over time and its growth (Landskrona's 30 → 42 reads "+40 %"), suppression and query counts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from samsyn.conftest import World
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory
from samsyn.ips.models import Employer, EmployerContact
from samsyn.ips.selectors import job_development as jd
from samsyn.ips.tests.employer_setup import ips_world, orgnr
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.stats.periods import Period

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db
D = datetime.date


def employer(
    world: World, serial: int, added: datetime.date, removed: datetime.date | None = None
) -> Employer:
    return Employer.objects.create(
        forbund=world.forbund,
        organisationsnummer=orgnr(serial),
        name=f"AB {serial}",
        sni_section="C",
        municipality_code="1780",
        added_on=added,
        removed_on=removed,
    )


def log(
    world: World,
    emp: Employer,
    day: datetime.date,
    kind: str = "besok",
    coach: str = "coach",
    registration=None,
) -> None:
    EmployerContact.objects.create(
        employer=emp,
        coach=world[coach] if isinstance(coach, str) else coach,
        intervention=world.intervention,
        registration=registration,
        contacted_on=day,
        kind=kind,
        purpose="Besök",
    )


def test_iso_weeks_and_labels() -> None:
    assert jd.iso_monday(D(2025, 1, 5)) == D(2024, 12, 30)
    assert jd.week_label(D(2024, 12, 30)) == "v. 1 2025"
    assert jd.last_weeks(D(2025, 1, 8), 3) == [D(2024, 12, 23), D(2024, 12, 30), D(2025, 1, 6)]


def test_contacts_per_week_hand_count(ips_world: World) -> None:
    emp = employer(ips_world, 1, D(2024, 1, 1))
    # Week 52 of 2024 ends on Sunday 29 December; week 1 of 2025 runs 30 Dec – 5 Jan.
    log(ips_world, emp, D(2024, 12, 29))
    for day in (
        D(2024, 12, 30),
        D(2024, 12, 31),
        D(2025, 1, 2),
        D(2025, 1, 3),
        D(2025, 1, 4),
        D(2025, 1, 5),
    ):
        log(ips_world, emp, day)
    log(ips_world, emp, D(2025, 1, 2), kind="telefon")  # not face to face
    log(ips_world, emp, D(2025, 1, 3), kind="digitalt")
    log(ips_world, emp, D(2025, 1, 6))  # week 2
    weeks = [D(2024, 12, 23), D(2024, 12, 30), D(2025, 1, 6)]
    rows = jd.contacts_per_week(ips_world.intervention, weeks)
    by_coach = {row.coach.username: row for row in rows}
    assert by_coach["coach"].counts == [1, 6, 1]
    assert [status for _count, status in by_coach["coach"].cells] == [
        "under målet",
        "når målet",
        "under målet",
    ]
    assert by_coach["coach"].weeks_reached == 1


def test_coach_without_contacts_is_listed_with_zeros(ips_world: World) -> None:
    colleague = UserFactory(username="kollega")
    MembershipFactory(
        user=colleague,
        forbund=ips_world.forbund,
        role=Role.COACH,
        interventions=[ips_world.intervention],
    )
    rows = jd.contacts_per_week(ips_world.intervention, [D(2025, 1, 6)])
    assert {row.coach.username: row.counts for row in rows} == {"coach": [0], "kollega": [0]}
    assert rows[0].cells[0][1] == "inga besök"


def test_contacts_per_week_queries_constant(ips_world: World, assert_query_count) -> None:
    emp = employer(ips_world, 1, D(2024, 1, 1))
    weeks = jd.last_weeks(D(2025, 2, 10), 8)
    log(ips_world, emp, D(2025, 1, 1))
    with assert_query_count(2):
        assert sum(jd.contacts_per_week(ips_world.intervention, weeks)[0].counts) == 1
    for offset in range(1, 40):
        log(ips_world, emp, D(2025, 1, 1) + datetime.timedelta(days=offset))
    with assert_query_count(2):
        assert sum(jd.contacts_per_week(ips_world.intervention, weeks)[0].counts) == 40


def test_days_to_first_contact(ips_world: World) -> None:
    emp = employer(ips_world, 1, D(2024, 1, 1))
    fast = RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 1))
    slow = RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 1))
    RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 2))  # waits
    RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 3, 20))  # too new
    log(ips_world, emp, D(2024, 12, 1), registration=fast)  # before the start: ignored
    log(ips_world, emp, D(2025, 1, 31), kind="telefon", registration=fast)  # phone: not counted
    log(ips_world, emp, D(2025, 2, 5), registration=fast)  # face-to-face, day 35
    log(ips_world, emp, D(2025, 3, 3), registration=slow)  # day 61
    figures = jd.first_contact_figures(
        ips_world.intervention, Period(D(2025, 1, 1), D(2025, 3, 31)), today=D(2025, 4, 1)
    )
    assert figures.started == 4
    assert figures.with_contact == 2
    assert figures.known == 3  # two with a contact, one waiting more than 30 days
    assert figures.within_target == 0  # the phone call on day 30 is not a face-to-face contact
    # every started registration counts: 35, 61, and the waiting ones up to today (89, 12)
    assert figures.median_days == 48.0
    assert figures.average_days == pytest.approx(197 / 4)
    assert figures.share_within_target == 0


def test_bank_size_and_growth_plus_40_percent(ips_world: World) -> None:
    for serial in range(30):
        employer(ips_world, serial, D(2024, 1, 1))
    for serial in range(30, 44):
        employer(ips_world, serial, D(2024, 6, 15))
    employer(ips_world, 50, D(2024, 1, 1), removed=D(2024, 3, 1))  # gone before the end
    employer(ips_world, 51, D(2024, 1, 1), removed=D(2024, 12, 31))  # removed on the day
    employer(ips_world, 52, D(2024, 1, 2))
    # On 2024-01-01: 30 + the two later removed = 32. Make it 30 by removing two of those.
    Employer.objects.filter(organisationsnummer__in=[orgnr(30), orgnr(31)]).update(
        added_on=D(2024, 12, 31)
    )
    Employer.objects.filter(organisationsnummer__in=[orgnr(50), orgnr(51)]).update(
        added_on=D(2024, 1, 2)
    )
    growth = jd.bank_growth(ips_world.forbund.pk, Period(D(2024, 1, 1), D(2024, 12, 31)))
    assert growth.first == 30
    # 30 + 12 (added mid-June) + 2 (added on the last day) + 1 (52) − 0 (50 and 51 removed)
    assert growth.last == 45
    assert jd.growth_text(jd.growth_percent(30, 42)) == "+40 %"
    assert jd.growth_percent(30, 42) == Decimal("40.0")
    assert jd.growth_text(jd.growth_percent(40, 35)) == "−12,5 %"
    assert jd.growth_text(jd.growth_percent(0, 3)) == "—"
    assert growth.points[0].day == D(2024, 1, 1) and growth.points[-1].day == D(2024, 12, 31)
    assert len(growth.points) == 13


def test_bank_sizes_one_query(ips_world: World, django_assert_num_queries) -> None:
    for serial in range(5):
        employer(ips_world, serial, D(2024, 1, 1) + datetime.timedelta(days=serial * 40))
    days = [month.end for month in Period(D(2024, 1, 1), D(2024, 12, 31)).months()]
    with django_assert_num_queries(1):
        sizes = jd.bank_sizes(ips_world.forbund.pk, days)
    assert sizes[0] == 1 and sizes[-1] == 5


def test_summary_suppressed_and_exact(ips_world: World) -> None:
    emp = employer(ips_world, 1, D(2024, 1, 1))
    registration = RegistrationFactory(
        intervention=ips_world.intervention, start_date=D(2025, 1, 1)
    )
    log(ips_world, emp, D(2025, 1, 10), registration=registration)
    period = Period(D(2025, 1, 1), D(2025, 3, 31))
    exact = jd.job_development_summary(ips_world.intervention, period, suppress=False)
    assert exact["first_contact"]["within_30_days"] == 1
    assert exact["first_contact"]["median_days"] == 9.0
    assert exact["first_contact"]["average_days"] == 9.0
    assert exact["face_to_face_contacts"] == 1
    assert exact["bank"]["growth_text"] == "±0 %"
    hidden = jd.job_development_summary(ips_world.intervention, period, suppress=True)
    assert hidden["first_contact"]["within_30_days"] == "< 5"
    # A median, a mean and a share over too few are derived figures, not counts ("< 5").
    assert hidden["first_contact"]["median_days"] == "för få för att visa"
    assert hidden["first_contact"]["average_days"] == "för få för att visa"
    assert hidden["first_contact"]["share_within_30_days"] == "för få för att visa"
