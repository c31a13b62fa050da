"""The demo cases: anonymous and identified cases, one that became a referral, one shown
with its name to the coach; a second run creates nothing."""

from __future__ import annotations

import pytest

from samsyn.collaboration.demo_cases import CONSENTED_AGENDA, IPS_TEAM, TRISAM, seed_cases
from samsyn.collaboration.models import CaseDiscussion, TeamCase
from samsyn.collaboration.selectors.cases import IdentityFacts
from samsyn.core.demo_data import FORBUND_SLUG
from samsyn.core.models import Forbund, User
from samsyn.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_cases() -> None:
    seed_demo()
    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    trisam = TeamCase.objects.filter(team__name=TRISAM)
    assert trisam.filter(person__isnull=True).count() == 2
    assert trisam.filter(person__isnull=True, referral__isnull=False).count() == 1
    assert trisam.filter(person__isnull=False).exists()
    ips = TeamCase.objects.get(team__name=IPS_TEAM, number=1)
    # The extra meeting its consent covers; the ordinary meetings around it have the whole team
    # (one of them may fall after it, depending on today's date).
    discussion = (
        CaseDiscussion.objects.filter(case=ips, meeting__agenda=CONSENTED_AGENDA)
        .select_related("meeting")
        .last()
    )
    assert discussion is not None
    facts = IdentityFacts(
        viewer=User.objects.get(username="coach"), cases=[ips], meetings=[discussion.meeting]
    )
    assert facts.identified(ips, discussion.meeting)
    before = (TeamCase.objects.count(), CaseDiscussion.objects.count())
    assert not sum(seed_cases(forbund).values())
    assert (TeamCase.objects.count(), CaseDiscussion.objects.count()) == before
