"""Stickprov: drawing a random sample, documenting the check, and what cannot be changed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samsyn.audit.models import AuditAction, AuditEvent, LogReview
from samsyn.audit.tests.helpers import make_event
from samsyn.core.roles import Role
from samsyn.core.tests.factories import MembershipFactory
from samsyn.core.versioning import STALE_EDIT_MESSAGE
from samsyn.testing.stale import StaleForm, check_stale_save, check_stale_save_hidden

pytestmark = pytest.mark.django_db


def draw(client, **data):
    return client.post(reverse("audit:review_create"), data)


def test_sample_is_drawn_from_the_filtered_events(as_persona, world) -> None:
    views = [make_event(forbund=world.forbund, action=AuditAction.VIEW) for _ in range(8)]
    make_event(forbund=world.forbund, action=AuditAction.UPDATE)
    make_event(forbund=world.other_forbund, action=AuditAction.VIEW)
    client = as_persona("granskare")

    with CaptureQueriesContext(connection) as queries:
        response = draw(client, sample_size="5", action="view", date_from="2000-01-01")

    review = LogReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("audit:review_detail", args=[review.pk])
    sampled = set(review.events.values_list("id", flat=True))
    assert len(sampled) == 5 == review.sample_size
    assert sampled <= {event.pk for event in views}
    assert review.forbund == world.forbund and review.reviewer == world["granskare"]
    assert review.criteria["action"] == "view"
    assert review.criteria["date_from"] == "2000-01-01"
    assert review.criteria["requested_size"] == 5
    assert review.criteria["population"] == 8
    assert any("ORDER BY RAND" in q["sql"].upper() for q in queries.captured_queries)
    logged = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="audit.LogReview")
    assert logged.actor == world["granskare"] and logged.forbund == world.forbund
    assert logged.object_id == str(review.pk)


def test_sample_larger_than_the_population_takes_all(as_persona, world) -> None:
    make_event(forbund=world.forbund, participant_ref="D-1")
    make_event(forbund=world.forbund, participant_ref="D-1")
    draw(as_persona("granskare"), sample_size="200", participant="D-1")
    review = LogReview.objects.get()
    assert review.sample_size == 2 and review.events.count() == 2


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("0", "minst 1 händelse"),
        ("201", "högst 200 händelser"),
        ("tio", "Ange antalet som ett heltal."),
        ("", "Ange hur många händelser"),
    ],
)
def test_bad_sample_size_is_refused(as_persona, world, size, message) -> None:
    make_event(forbund=world.forbund)
    response = draw(as_persona("granskare"), sample_size=size)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LogReview.objects.exists()


def test_empty_population_is_refused(as_persona, world) -> None:
    response = draw(as_persona("granskare"), sample_size="10", participant="finns-inte")
    assert "Inga händelser matchar urvalet" in response.content.decode()
    assert not LogReview.objects.exists()


def test_bad_filters_in_a_sample_request_are_refused(as_persona, world) -> None:
    make_event(forbund=world.forbund)
    response = draw(as_persona("granskare"), sample_size="10", date_from="2026-13-01")
    assert response.status_code == 200
    assert "Filtren innehåller fel" in response.content.decode()
    assert not LogReview.objects.exists()


def test_create_page_shows_the_criteria_and_matching_count(as_persona, world) -> None:
    make_event(forbund=world.forbund, intervention=world.intervention)
    response = as_persona("granskare").get(
        reverse("audit:review_create"), {"intervention": world.intervention.pk}
    )
    html = response.content.decode()
    assert "Testinsatsen" in html
    assert "1 händelse matchar urvalet." in html


def test_granskare_of_two_forbund_chooses_the_forbund(as_persona, world) -> None:
    MembershipFactory(user=world["granskare"], forbund=world.other_forbund, role=Role.GRANSKARE)
    make_event(forbund=world.forbund, participant_ref="D-HÄR")
    theirs = make_event(forbund=world.other_forbund, participant_ref="D-DÄR")
    client = as_persona("granskare")
    page = client.get(reverse("audit:event_list")).content.decode()
    assert 'name="forbund"' in page
    missing = draw(client, sample_size="5")
    assert "Välj vilket förbund stickprovet gäller." in missing.content.decode()
    assert not LogReview.objects.exists()
    draw(client, sample_size="5", forbund=str(world.other_forbund.pk), action="view")
    review = LogReview.objects.get()
    assert review.forbund == world.other_forbund
    assert list(review.events.all()) == [theirs]


def test_single_forbund_is_used_without_asking(as_persona, world) -> None:
    make_event(forbund=world.forbund)
    client = as_persona("granskare")
    assert 'name="forbund"' not in client.get(reverse("audit:event_list")).content.decode()
    # A forged choice of another förbund is ignored: only the granskare's own is ever used.
    draw(client, sample_size="5", forbund=str(world.other_forbund.pk))
    assert LogReview.objects.get().forbund == world.forbund


@pytest.fixture
def review(world) -> LogReview:
    events = [make_event(forbund=world.forbund, participant_ref=f"D-{n}") for n in range(3)]
    review = LogReview.objects.create(
        forbund=world.forbund, reviewer=world["granskare"], sample_size=3, criteria={}
    )
    review.events.set(events)
    return review


def post_review(client, review: LogReview, **data):
    defaults = {"findings": "", "deviations_found": "nej", "version": str(review.version)}
    return client.post(reverse("audit:review_detail", args=[review.pk]), {**defaults, **data})


def test_detail_shows_the_sampled_events(as_persona, review) -> None:
    html = as_persona("granskare").get(reverse("audit:review_detail", args=[review.pk]))
    html = html.content.decode()
    for n in range(3):
        assert f"D-{n}" in html
    assert "Granskning genomförd" in html
    assert 'name="version" value="1"' in html


def test_saving_findings_keeps_the_review_open(as_persona, world, review) -> None:
    response = post_review(
        as_persona("granskare"), review, findings="Halvvägs", deviations_found="ja"
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.findings == "Halvvägs" and review.deviations_found is True
    assert review.completed_at is None and review.version == 2
    logged = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="audit.LogReview")
    assert logged.actor == world["granskare"] and "avvikelser" in logged.detail


def test_completing_the_review(as_persona, world, review) -> None:
    client = as_persona("granskare")
    post_review(client, review, findings="Alla åtkomster hade stöd i uppdraget.", completed="on")
    review.refresh_from_db()
    assert review.completed_at is not None
    assert review.completed_by == world["granskare"]
    assert review.deviations_found is False
    page = client.get(reverse("audit:review_detail", args=[review.pk])).content.decode()
    assert "Alla åtkomster hade stöd i uppdraget." in page
    assert "<textarea" not in page
    listing = client.get(reverse("audit:review_list")).content.decode()
    assert "Genomförd" in listing


def test_completing_needs_findings(as_persona, review) -> None:
    response = post_review(as_persona("granskare"), review, findings="  ", completed="on")
    assert "Beskriv vad granskningen visade" in response.content.decode()
    review.refresh_from_db()
    assert review.completed_at is None and review.version == 1


def test_completed_review_cannot_be_edited(as_persona, review) -> None:
    client = as_persona("granskare")
    post_review(client, review, findings="Klart", completed="on")
    review.refresh_from_db()
    response = post_review(client, review, findings="Omskrivet", deviations_found="ja")
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.findings == "Klart" and review.deviations_found is False
    page = client.get(response["Location"]).content.decode()
    assert "kan inte längre ändras" in page


def _stale_review_form(review: LogReview) -> StaleForm:
    return StaleForm(
        url=reverse("audit:review_detail", args=[review.pk]),
        data=lambda text, version: {
            "findings": text,
            "deviations_found": "nej",
            "version": str(version),
        },
        saved_text=lambda: LogReview.objects.get(pk=review.pk).findings,
        version=review.version,
    )


def test_stale_save_shows_both_versions_and_keeps_the_text(as_persona, world, review) -> None:
    form = _stale_review_form(review)
    check_stale_save(form, as_persona("granskare"), as_persona("granskare"), world["granskare"])
    review.refresh_from_db()
    assert review.completed_at is None and review.version == 3


def test_stale_completion_writes_nothing(as_persona, review) -> None:
    client = as_persona("granskare")
    post_review(client, review, findings="Först")
    response = post_review(client, review, findings="Sent", completed="on")  # version 1 again
    assert "Någon annan har sparat under tiden" in response.content.decode()
    review.refresh_from_db()
    assert review.findings == "Först" and review.completed_at is None and review.version == 2


@pytest.mark.parametrize("persona", ["admin", "coach", "styrgrupp", "outsider", "nobody"])
def test_stale_save_shows_nothing_to_others(as_persona, review, persona) -> None:
    form = _stale_review_form(review)
    assert check_stale_save_hidden(form, as_persona("granskare"), as_persona(persona)) == 404


@pytest.mark.parametrize("version", ["", "x", "0"])
def test_garbled_version_is_treated_as_stale(as_persona, review, version) -> None:
    response = post_review(as_persona("granskare"), review, findings="X", version=version)
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    review.refresh_from_db()
    assert review.findings == ""


def test_review_list_query_count_does_not_grow(as_persona, world, assert_query_count) -> None:
    client = as_persona("granskare")
    url = reverse("audit:review_list")

    def add_reviews(count: int) -> None:
        for _ in range(count):
            LogReview.objects.create(
                forbund=world.forbund, reviewer=world["granskare"], sample_size=1
            )

    add_reviews(2)
    client.get(url)
    with assert_query_count(11):
        client.get(url)
    add_reviews(30)
    with assert_query_count(11):
        response = client.get(url)
    assert response.content.decode().count("Pågående") == 32
