"""The demo's calls and applications: an open call, a draft and a submitted application that
passes every submission rule, the insatsansvarig with the "sökande" right; idempotent."""

from __future__ import annotations

import pytest

from samsyn.applications.demo import SUBMITTED_NAME, seed_applications
from samsyn.applications.models import Application, ApplicationStatus, Call
from samsyn.applications.selectors.applications import budget_summary
from samsyn.applications.services.calls import call_is_open
from samsyn.applications.services.submission import submission_errors
from samsyn.core.demo_data import FORBUND_SLUG
from samsyn.core.models import Forbund, Membership
from samsyn.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_applications_are_complete_and_idempotent() -> None:
    seed_demo()
    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    assert Membership.objects.filter(user__username="insatsansvarig", may_apply=True).exists()
    call = Call.objects.get(forbund=forbund)
    assert call_is_open(call)
    statuses = set(Application.objects.filter(forbund=forbund).values_list("status", flat=True))
    assert {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED} <= statuses
    submitted = Application.objects.get(name=SUBMITTED_NAME)
    assert submission_errors(submitted) == {}
    summary = budget_summary(submitted, {})
    assert summary.total is not None
    assert summary.total.total == summary.total.forbund + summary.total.in_kind
    count = Application.objects.filter(forbund=forbund).count()
    assert not sum(seed_applications(forbund).values())
    assert Application.objects.filter(forbund=forbund).count() == count
