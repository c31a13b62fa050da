"""Fidelity: total and band, scale versions, reviews, scores, actions (services)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from samsyn.audit.models import AuditEvent
from samsyn.core.versioning import StaleEditError
from samsyn.ips.fidelity_scale_data import DEFAULT_ITEMS
from samsyn.ips.models.fidelity import FidelityAction, FidelityScale, FidelityScore
from samsyn.ips.selectors.fidelity import Band, band_for, result_of, review_scores
from samsyn.ips.services.fidelity import (
    ActionFields,
    ItemFields,
    ReviewFields,
    ScoreFields,
    fidelity_action_create,
    fidelity_action_update,
    fidelity_item_update,
    fidelity_review_complete,
    fidelity_review_update,
    fidelity_scale_ensure,
    fidelity_scores_set,
)
from samsyn.ips.tests.fidelity_setup import make_ips, make_review, score_all


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (25, Band.NOT_IPS),
        (73, Band.NOT_IPS),
        (74, Band.FAIR),
        (99, Band.FAIR),
        (100, Band.GOOD),
        (114, Band.GOOD),
        (115, Band.EXEMPLARY),
        (125, Band.EXEMPLARY),
    ],
)
def test_band_edges(world, total, band):
    assert band_for(total) is band
    review = make_review(world["admin"], make_ips(world.intervention))
    score_all(review, total)
    result = result_of(FidelityScore.objects.filter(review=review))
    assert result.total == total
    assert result.band is band


def test_incomplete_review_has_no_total(world):
    review = make_review(world["admin"], make_ips(world.intervention))
    score_all(review, 100)
    FidelityScore.objects.filter(review=review, item__number=25).update(score=None)
    result = result_of(FidelityScore.objects.filter(review=review))
    assert result.scored == 24
    assert result.total is None and result.band is None


def test_default_scale_copied_once(world):
    scale = fidelity_scale_ensure(forbund=world.forbund)
    again = fidelity_scale_ensure(forbund=world.forbund)
    assert scale.pk == again.pk and scale.version == 1
    items = list(scale.items.order_by("number"))
    assert [i.key for i in items] == [d.key for d in DEFAULT_ITEMS]
    assert [i.section for i in items].count("bemanning") == 3
    assert [i.section for i in items].count("organisation") == 8
    assert [i.section for i in items].count("tjanster") == 14
    assert all(set(i.anchors) == {"1", "2", "3", "4", "5"} for i in items)


def _anchors(text: str) -> dict[str, str]:
    return {str(n): f"{text} {n}" for n in range(1, 6)}


def test_edit_creates_new_version_and_old_review_keeps_texts(world):
    review = make_review(world["admin"], make_ips(world.intervention))
    score_all(review, 100)
    old_name = review_scores(review)[0].item.name
    new = fidelity_item_update(
        actor=world["admin"],
        forbund=world.forbund,
        item_key="caseload_size",
        fields=ItemFields(name="Nytt namn", anchors=_anchors("Ny text")),
        expected_version=1,
    )
    assert new.version == 2 and new.items.count() == 25
    assert new.items.get(key="caseload_size").name == "Nytt namn"
    review.refresh_from_db()
    assert review.scale.version == 1
    first = review_scores(review)[0]
    assert first.item.name == old_name and first.anchor_text == first.item.anchors[str(first.score)]
    assert make_review(world["admin"], world.intervention).scale_id == new.pk
    assert AuditEvent.objects.filter(object_type="ips.FidelityScale").exists()


def test_edit_scale_stale_and_only_admin(world):
    fields = ItemFields(name="X", anchors=_anchors("T"))
    with pytest.raises(Http404):
        fidelity_item_update(
            actor=world["insatsansvarig"],
            forbund=world.forbund,
            item_key="caseload_size",
            fields=fields,
            expected_version=1,
        )
    fidelity_item_update(
        actor=world["admin"],
        forbund=world.forbund,
        item_key="caseload_size",
        fields=fields,
        expected_version=1,
    )
    with pytest.raises(StaleEditError):
        fidelity_item_update(
            actor=world["admin"],
            forbund=world.forbund,
            item_key="caseload_size",
            fields=fields,
            expected_version=1,
        )
    with pytest.raises(ValidationError) as error:
        fidelity_item_update(
            actor=world["admin"],
            forbund=world.forbund,
            item_key="caseload_size",
            fields=ItemFields(name="", anchors={}),
            expected_version=2,
        )
    assert "name" in error.value.message_dict and "anchor_1" in error.value.message_dict
    assert FidelityScale.objects.filter(forbund=world.forbund).count() == 2


def test_create_review_is_audited_and_scoped(world):
    make_ips(world.intervention)
    review = make_review(world["insatsansvarig"], world.intervention)
    assert review.scores.count() == 25
    assert AuditEvent.objects.filter(object_type="ips.FidelityReview", action="create").exists()
    for name in ("coach", "handlaggare", "styrgrupp", "granskare", "outsider"):
        with pytest.raises(Http404):
            make_review(world[name], world.intervention)


def test_create_review_validates(world):
    make_ips(world.intervention)
    fields = ReviewFields(reviewed_on=None, kind="okänd", reviewers=" ")
    from samsyn.ips.services.fidelity import fidelity_review_create

    with pytest.raises(ValidationError) as error:
        fidelity_review_create(actor=world["admin"], intervention=world.intervention, fields=fields)
    assert set(error.value.message_dict) == {"reviewed_on", "kind", "reviewers"}


def test_scores_set_validation_stale_and_audit(world):
    review = make_review(world["admin"], make_ips(world.intervention))
    bad = [ScoreFields("caseload_size", 6), ScoreFields("disclosure", 3, ("telepati",))]
    with pytest.raises(ValidationError) as error:
        fidelity_scores_set(actor=world["admin"], review=review, scores=bad, expected_version=1)
    assert "caseload_size.score" in error.value.message_dict
    assert "disclosure.evidence_sources" in error.value.message_dict
    assert not FidelityScore.objects.filter(review=review, score__isnull=False).exists()
    good = [ScoreFields("caseload_size", 4, ("mis", "intervju"), "Bra")]
    fidelity_scores_set(actor=world["admin"], review=review, scores=good, expected_version=1)
    row = FidelityScore.objects.get(review=review, item__key="caseload_size")
    assert (row.score, row.evidence_sources, row.comment) == (4, ["mis", "intervju"], "Bra")
    with pytest.raises(StaleEditError):
        fidelity_scores_set(actor=world["admin"], review=review, scores=good, expected_version=1)
    assert AuditEvent.objects.filter(object_type="ips.FidelityReview", action="update").exists()


def test_complete_requires_all_scored_then_locks(world):
    review = make_review(world["admin"], make_ips(world.intervention))
    with pytest.raises(ValidationError):
        fidelity_review_complete(actor=world["admin"], review=review, expected_version=1)
    score_all(review, 90)
    fidelity_review_complete(actor=world["admin"], review=review, expected_version=1)
    assert review.status == "klar"
    with pytest.raises(ValidationError):
        fidelity_scores_set(
            actor=world["admin"], review=review, scores=[], expected_version=review.version
        )
    fields = ReviewFields(reviewed_on=review.reviewed_on, kind="extern", reviewers="X")
    with pytest.raises(ValidationError):
        fidelity_review_update(
            actor=world["admin"], review=review, fields=fields, expected_version=review.version
        )


def test_action_plan_for_weak_items(world):
    review = make_review(world["admin"], make_ips(world.intervention))
    score_all(review, 100)  # the last items get 1 point
    weak_key = review_scores(review)[-1].item.key
    strong_key = review_scores(review)[0].item.key
    due = datetime.date(2026, 6, 1)
    with pytest.raises(ValidationError):
        fidelity_action_create(
            actor=world["admin"],
            review=review,
            fields=ActionFields(strong_key, "Gör något", "Chef", due),
        )
    action = fidelity_action_create(
        actor=world["insatsansvarig"],
        review=review,
        fields=ActionFields(weak_key, "Fler arbetsgivarbesök", "Teamledare", due),
    )
    fidelity_action_update(
        actor=world["admin"],
        action=action,
        fields=ActionFields(weak_key, "Fler besök", "Teamledare", due, "klar"),
        expected_version=1,
    )
    assert FidelityAction.objects.get().status == "klar"
    with pytest.raises(StaleEditError):
        fidelity_action_update(
            actor=world["admin"],
            action=action,
            fields=ActionFields(weak_key, "Igen", "X", due),
            expected_version=1,
        )
    assert AuditEvent.objects.filter(object_type="ips.FidelityAction").count() == 2
