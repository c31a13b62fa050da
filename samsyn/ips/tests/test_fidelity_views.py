"""Fidelity pages and API: every persona on every page and endpoint, the score sheet, the PDF
and the query count of the list."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samsyn.audit.models import AuditEvent
from samsyn.ips.models.fidelity import FidelityAction, FidelityReview, FidelityScore
from samsyn.ips.services.fidelity import (
    ActionFields,
    current_scale,
    fidelity_action_create,
    fidelity_review_complete,
)
from samsyn.ips.tests.fidelity_setup import REVIEW_DAY, make_ips, make_review, score_all
from samsyn.participants.tests.api_setup import as_api_fixture  # noqa: F401
from samsyn.testing.stale import assert_stale_round_trip

PERSONAS = (
    "admin",
    "insatsansvarig",
    "coach",
    "handlaggare",
    "styrgrupp",
    "granskare",
    "outsider",
    "nobody",
)
MANAGERS = {"admin", "insatsansvarig"}
VIEWERS = MANAGERS | {"coach"}
COMPLETED_VIEWERS = VIEWERS | {"styrgrupp"}


@pytest.fixture
def review(world):
    make_ips(world.intervention)
    return make_review(world["admin"], world.intervention)


def _pages(review):
    pk, ipk = review.pk, review.intervention_id
    return {
        "list": (reverse("ips:fidelity_list", args=[ipk]), COMPLETED_VIEWERS),
        "create": (reverse("ips:fidelity_create", args=[ipk]), MANAGERS),
        "detail": (reverse("ips:fidelity_detail", args=[pk]), VIEWERS),
        "edit": (reverse("ips:fidelity_edit", args=[pk]), MANAGERS),
        "scores": (reverse("ips:fidelity_scores", args=[pk]), MANAGERS),
        "pdf": (reverse("ips:fidelity_pdf", args=[pk]), VIEWERS),
        "action": (reverse("ips:fidelity_action_create", args=[pk]), MANAGERS),
        # The outsider administers another förbund: it sees (and edits) its own scale.
        "scale": (reverse("ips:fidelity_scale"), {"admin", "outsider"}),
        "item": (reverse("ips:fidelity_scale_item", args=["caseload_size"]), {"admin", "outsider"}),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_for_every_persona(world, review, as_persona, persona):
    client = as_persona(persona)
    for name, (url, allowed) in _pages(review).items():
        status = client.get(url).status_code
        assert status == (200 if persona in allowed else 404), (name, persona, status)


def test_styrgrupp_sees_completed_review_only(world, review, as_persona):
    url = reverse("ips:fidelity_detail", args=[review.pk])
    assert as_persona("styrgrupp").get(url).status_code == 404
    score_all(review, 104)
    fidelity_review_complete(actor=world["admin"], review=review, expected_version=1)
    page = as_persona("styrgrupp").get(url)
    assert page.status_code == 200 and "104 av 125 (Bra)" in page.content.decode()
    listing = as_persona("styrgrupp").get(
        reverse("ips:fidelity_list", args=[world.intervention.pk])
    )
    assert "fidelity-trend" in listing.content.decode()


def test_anonymous_redirected(client, review):
    for url, _allowed in _pages(review).values():
        assert client.get(url).status_code == 302


def test_non_ips_intervention_404(world, as_persona):
    assert (
        as_persona("admin")
        .get(reverse("ips:fidelity_list", args=[world.intervention.pk]))
        .status_code
        == 404
    )


def test_score_sheet_saves_and_refuses_stale(world, review, as_persona):
    url = reverse("ips:fidelity_scores", args=[review.pk])
    client = as_persona("insatsansvarig")
    data = {
        "version": 1,
        "score_caseload_size": "4",
        "evidence_caseload_size": ["mis"],
        "comment_caseload_size": "Ok",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    row = FidelityScore.objects.get(review=review, item__key="caseload_size")
    assert (row.score, row.evidence_sources) == (4, ["mis"])
    stale = client.post(url, {**data, "score_caseload_size": "2"})
    assert "Poäng för punkt 1" in stale.content.decode()
    bad = client.post(url, {"version": 2, "score_caseload_size": "9"})
    assert bad.status_code == 200
    assert FidelityScore.objects.get(pk=row.pk).score == 4
    detail = client.get(reverse("ips:fidelity_detail", args=[review.pk])).content.decode()
    assert "1 av 25 bedömda" in detail


def _stale_case(world, review, form):
    """URL, posted data, field and saved-value reader of one fidelity form."""
    base = {"version": "1"}
    if form == "edit":
        data = {**base, "reviewed_on": "2026-03-02", "kind": "intern", "reviewers": "Anna"}
        url = reverse("ips:fidelity_edit", args=[review.pk])
        return url, data, "summary", lambda: FidelityReview.objects.get(pk=review.pk).summary
    if form == "scores":
        url = reverse("ips:fidelity_scores", args=[review.pk])
        row = FidelityScore.objects.get(review=review, item__key="caseload_size")
        return (
            url,
            base,
            "comment_caseload_size",
            lambda: FidelityScore.objects.get(pk=row.pk).comment,
        )
    if form == "action":
        score_all(review, 25)
        fields = ActionFields(
            item_key="caseload_size", action="Färre deltagare", owner="Chefen", due_on=REVIEW_DAY
        )
        action = fidelity_action_create(actor=world["admin"], review=review, fields=fields)
        url = reverse("ips:fidelity_action_edit", args=[review.pk, action.pk])
        data = {**base, "item_key": "caseload_size", "action": "Färre", "due_on": "2026-04-01"}
        data["status"] = "oppen"
        return url, data, "owner", lambda: FidelityAction.objects.get(pk=action.pk).owner
    scale = current_scale(world.forbund)
    item = scale.items.get(key="caseload_size")
    anchors = {f"anchor_{n}": text for n, text in item.anchors.items()}
    url = reverse("ips:fidelity_scale_item", args=["caseload_size"])
    data = {**base, "version": str(scale.version), "name": item.name, **anchors}

    def saved_description():
        return current_scale(world.forbund).items.get(key="caseload_size").description

    return url, data, "description", saved_description


@pytest.mark.parametrize("form", ["edit", "scores", "action", "item"])
def test_stale_save_shows_both_versions(world, review, as_persona, form):
    url, data, field, current = _stale_case(world, review, form)
    saver = "admin" if form == "item" else "insatsansvarig"
    assert_stale_round_trip(
        saver=as_persona(saver),
        client=as_persona("admin"),
        url=url,
        data=data,
        field=field,
        theirs="Deras text",
        mine="Min text",
        saver_name=world[saver].get_full_name(),
        current=current,
    )


@pytest.mark.parametrize("persona", ["coach", "styrgrupp", "outsider"])
def test_stale_save_shows_nothing_to_who_may_not_change_it(world, review, as_persona, persona):
    url, data, field, _current = _stale_case(world, review, "edit")
    assert as_persona("admin").post(url, {**data, field: "Hemligt"}).status_code == 302
    response = as_persona(persona).post(url, {**data, field: "Mitt"})
    assert response.status_code == 404
    assert "Hemligt" not in response.content.decode()


def test_create_page_creates_review(world, as_persona):
    make_ips(world.intervention)
    url = reverse("ips:fidelity_create", args=[world.intervention.pk])
    response = as_persona("admin").post(
        url, {"reviewed_on": "2026-03-01", "kind": "extern", "reviewers": "A"}
    )
    assert response.status_code == 302
    bad = as_persona("admin").post(url, {"reviewed_on": "inte-ett-datum", "kind": "x"})
    assert bad.status_code == 200


def test_pdf_contains_total_and_is_audited(world, review, as_persona):
    score_all(review, 104)
    response = as_persona("coach").get(reverse("ips:fidelity_pdf", args=[review.pk]))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "104 av 125" in text and "Bra" in text
    assert AuditEvent.objects.filter(action="export", object_type="ips.FidelityReview").exists()


def test_list_query_count_constant(world, as_persona, assert_query_count):
    make_ips(world.intervention)
    client = as_persona("admin")
    url = reverse("ips:fidelity_list", args=[world.intervention.pk])
    for n in range(2):
        score_all(make_review(world["admin"], world.intervention), 90 + n)
    with assert_query_count(11):
        client.get(url)
    for n in range(9):
        score_all(make_review(world["admin"], world.intervention), 100 + n)
    with assert_query_count(11):
        client.get(url)


# --- API -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_reads_for_every_persona(world, review, as_api, persona):
    if persona == "nobody":
        return  # an account without a role has no token to use (no TOTP role); see below
    api = as_api(persona)
    listing = api.get(f"/ips/interventions/{world.intervention.pk}/fidelity-reviews")
    detail = api.get(f"/ips/fidelity-reviews/{review.pk}")
    assert listing.status_code == (200 if persona in COMPLETED_VIEWERS else 404)
    assert detail.status_code == (200 if persona in VIEWERS else 404)
    if persona == "styrgrupp":
        assert listing.json() == []


def test_api_detail_shape(world, review, as_api):
    score_all(review, 100)
    body = as_api("coach").get(f"/ips/fidelity-reviews/{review.pk}").json()
    assert (body["total"], body["band"], body["band_name"]) == (100, "bra", "Bra")
    assert len(body["scores"]) == 25 and body["scores"][0]["item_key"] == "caseload_size"


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_post_scores_permissions(world, review, as_api, persona):
    if persona == "nobody":
        return
    body = {"version": 1, "scores": [{"item_key": "disclosure", "score": 3}]}
    response = as_api(persona).post(f"/ips/fidelity-reviews/{review.pk}/scores", body)
    assert response.status_code == (200 if persona in MANAGERS else 404)


def test_api_post_scores_422_in_swedish(world, review, as_api):
    api = as_api("admin")
    path = f"/ips/fidelity-reviews/{review.pk}/scores"
    response = api.post(path, {"version": 1, "scores": [{"item_key": "disclosure", "score": 6}]})
    assert response.status_code == 422
    assert "från 1 till 5" in str(response.json())
    response = api.post(
        path,
        {
            "version": 1,
            "scores": [{"item_key": "disclosure", "score": 3, "evidence_sources": ["rykte"]}],
        },
    )
    assert response.status_code == 422 and "Okänt underlag" in str(response.json())
    ok = api.post(
        path,
        {
            "version": 1,
            "scores": [{"item_key": "disclosure", "score": 3, "evidence_sources": ["observation"]}],
        },
    )
    assert ok.status_code == 200 and ok.json()["scored"] == 1
