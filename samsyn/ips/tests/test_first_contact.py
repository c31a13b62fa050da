"""The one definition of days to the first employer contact (samsyn/ips/selectors/first_contact.py),
counted by hand and read the same way by job development and the fidelity proposals."""

from __future__ import annotations

import datetime

import pytest

from samsyn.conftest import World
from samsyn.ips.selectors import job_development as jd
from samsyn.ips.selectors.fidelity_proposals import fidelity_proposals
from samsyn.ips.selectors.first_contact import days_to_first_contact, with_first_contact
from samsyn.ips.tests.employer_setup import ips_world
from samsyn.ips.tests.test_job_development import employer, log
from samsyn.participants.models import Registration
from samsyn.participants.tests.factories import RegistrationFactory
from samsyn.stats.periods import Period

__all__ = ["ips_world"]
pytestmark = pytest.mark.django_db
D = datetime.date


def test_first_contact_is_the_earliest_face_to_face_on_or_after_the_start(
    ips_world: World,
) -> None:
    emp = employer(ips_world, 1, D(2024, 1, 1))
    early = RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 10))
    same_day = RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 10))
    none = RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 10))
    log(ips_world, emp, D(2025, 1, 5), registration=early)  # before the start: ignored
    log(ips_world, emp, D(2025, 2, 9), kind="telefon", registration=early)  # phone: ignored
    log(ips_world, emp, D(2025, 2, 20), kind="digitalt", registration=early)  # ignored
    log(ips_world, emp, D(2025, 3, 1), registration=early)  # face-to-face: day 50
    log(ips_world, emp, D(2025, 1, 10), registration=same_day)  # day 0
    log(ips_world, emp, D(2025, 1, 15), kind="telefon", registration=none)  # phone only
    log(ips_world, emp, D(2025, 1, 11))  # names no registration
    first = dict(
        with_first_contact(Registration.objects.order_by()).values_list("pk", "first_contact_on")
    )
    assert first == {early.pk: D(2025, 3, 1), same_day.pk: D(2025, 1, 10), none.pk: None}


def test_days_count_up_to_a_cut_off_without_a_contact() -> None:
    start = D(2025, 1, 10)
    assert days_to_first_contact(start, D(2025, 2, 9), until=D(2025, 6, 1)) == 30
    assert days_to_first_contact(start, None, until=D(2025, 3, 1)) == 50
    # a contact after the cut-off is not known yet on that day
    assert days_to_first_contact(start, D(2025, 4, 1), until=D(2025, 3, 1)) == 50


def test_job_development_and_fidelity_read_the_same_definition(ips_world: World) -> None:
    emp = employer(ips_world, 1, D(2024, 1, 1))
    fast = RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 1))
    RegistrationFactory(intervention=ips_world.intervention, start_date=D(2025, 1, 1))  # waits
    log(ips_world, emp, D(2024, 12, 20), registration=fast)  # before the start: ignored by both
    log(ips_world, emp, D(2025, 1, 5), kind="telefon", registration=fast)  # ignored by both
    log(ips_world, emp, D(2025, 1, 11), registration=fast)  # day 10
    figures = jd.first_contact_figures(
        ips_world.intervention, Period(D(2025, 1, 1), D(2025, 3, 1)), today=D(2025, 3, 1)
    )
    # both count the waiting registration up to the day: 10 and 59 days
    assert (figures.with_contact, figures.average_days) == (1, 34.5)
    proposal = fidelity_proposals(ips_world.intervention, D(2025, 3, 1))["rapid_job_search"]
    assert proposal.score == 4  # average 34,5: 31–60 days
    assert "I genomsnitt 34,5 dagar" in proposal.evidence
    assert "för 2 inskrivningar" in proposal.evidence
    assert "1 utan möte" in proposal.evidence
