"""The demo fidelity reviews: totals 92 and 104, an action plan, idempotent."""

from __future__ import annotations

from samsyn.core.demo_data import IPS_SLUG
from samsyn.core.tests.factories import InterventionFactory
from samsyn.ips.demo_fidelity import seed_fidelity
from samsyn.ips.models.fidelity import FidelityAction, FidelityReview
from samsyn.ips.selectors.fidelity import Access, review_rows, trend


def test_seed_fidelity_is_idempotent(world):
    intervention = InterventionFactory(forbund=world.forbund, slug=IPS_SLUG, methods=["ips"])
    first = seed_fidelity(world.forbund)
    assert first["fidelity_reviews"] == 2 and first["fidelity_actions"] >= 1
    assert not seed_fidelity(world.forbund)
    assert FidelityReview.objects.filter(intervention=intervention).count() == 2
    assert FidelityAction.objects.exists()
    totals = [point.total for point in trend(review_rows(intervention, Access.MANAGE))]
    assert totals == [92, 104]
