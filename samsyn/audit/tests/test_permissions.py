"""Only a granskare reaches the log review, and only for their own förbund."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samsyn.audit.models import AuditAction, AuditEvent, LogReview
from samsyn.audit.tests.helpers import make_event
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory, UserFactory

NOT_GRANSKARE = [
    "admin",
    "insatsansvarig",
    "coach",
    "handlaggare",
    "styrgrupp",
    "outsider",
    "nobody",
]
LIST_PAGES = ["audit:event_list", "audit:event_export", "audit:review_list", "audit:review_create"]


@pytest.fixture
def review(world) -> LogReview:
    event = make_event(forbund=world.forbund, actor=world["coach"])
    review = LogReview.objects.create(
        forbund=world.forbund, reviewer=world["granskare"], sample_size=1
    )
    review.events.set([event])
    return review


def all_urls(review: LogReview) -> list[str]:
    return [reverse(name) for name in LIST_PAGES] + [
        reverse("audit:review_detail", args=[review.pk])
    ]


@pytest.mark.parametrize("persona", NOT_GRANSKARE)
def test_everyone_but_granskare_gets_404_on_every_page(as_persona, persona, review) -> None:
    client = as_persona(persona)
    for url in all_urls(review):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("persona", NOT_GRANSKARE)
def test_everyone_but_granskare_cannot_post(as_persona, persona, review) -> None:
    client = as_persona(persona)
    created = client.post(reverse("audit:review_create"), {"sample_size": "5"})
    updated = client.post(
        reverse("audit:review_detail", args=[review.pk]),
        {"findings": "x", "deviations_found": "nej", "completed": "on", "version": "1"},
    )
    assert created.status_code == 404
    assert updated.status_code == 404
    assert LogReview.objects.count() == 1
    review.refresh_from_db()
    assert review.completed_at is None and review.findings == ""
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_granskare_reaches_every_page(as_persona, review) -> None:
    client = as_persona("granskare")
    for url in all_urls(review):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_log_in(client, review) -> None:
    for url in all_urls(review):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("core:login")), url


def test_granskare_of_another_forbund_gets_404_for_the_review(client, world, review) -> None:
    from samsyn.conftest import login_verified

    other = UserFactory(username="annan-granskare")
    MembershipFactory(user=other, forbund=world.other_forbund, role=Role.GRANSKARE)
    login_verified(client, User.objects.get(username="annan-granskare"))
    url = reverse("audit:review_detail", args=[review.pk])
    assert client.get(url).status_code == 404
    posted = client.post(
        url, {"findings": "x", "deviations_found": "ja", "completed": "on", "version": "1"}
    )
    assert posted.status_code == 404
    review.refresh_from_db()
    assert review.completed_at is None
    # Their own list shows the page but not the other förbund's review.
    listing = client.get(reverse("audit:review_list"))
    assert listing.status_code == 200
    assert reverse("audit:review_detail", args=[review.pk]) not in listing.content.decode()


def test_inactive_granskare_membership_gives_404(client, world) -> None:
    from samsyn.conftest import login_verified

    former = UserFactory(username="tidigare-granskare")
    MembershipFactory(user=former, forbund=world.forbund, role=Role.GRANSKARE, is_active=False)
    login_verified(client, User.objects.get(username="tidigare-granskare"))
    assert client.get(reverse("audit:event_list")).status_code == 404


def test_unknown_review_is_404(as_persona) -> None:
    client = as_persona("granskare")
    assert client.get(reverse("audit:review_detail", args=[999999])).status_code == 404
    huge = reverse("audit:review_detail", args=[10**30])
    assert client.get(huge).status_code == 404


def test_navigation_shows_the_log_only_to_granskare(as_persona) -> None:
    url = reverse("audit:event_list")
    assert url in as_persona("granskare").get(reverse("core:start")).content.decode()
    assert url not in as_persona("styrgrupp").get(reverse("core:start")).content.decode()
