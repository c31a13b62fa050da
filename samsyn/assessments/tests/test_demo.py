"""The demo inventories: every registration of the demo intervention gets one, all four
tracks appear among the ended ones, and a second run creates nothing."""

from __future__ import annotations

import pytest

from samsyn.core.demo_data import FORBUND_SLUG, INVENTORY_SLUG, seed_demo
from samsyn.core.models import Forbund
from samsyn.participants.models import Registration

from ..demo import seed_inventory
from ..models import ResourceInventory

pytestmark = pytest.mark.django_db


def test_seed_inventory_is_complete_and_idempotent() -> None:
    seed_demo()
    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    created = seed_inventory(forbund)
    registrations = Registration.objects.countable().filter(intervention__slug=INVENTORY_SLUG)
    assert created["resursinventeringar"] == registrations.count() > 0
    assert created["professionsbedömningar"] >= 3 * registrations.count()
    tracks = set(
        ResourceInventory.objects.filter(recommended_on__isnull=False).values_list(
            "registration__recommendation", flat=True
        )
    )
    assert tracks == {
        "arbetsforberedande",
        "aktivitet",
        "fortsatt_rehabilitering",
        "sjukersattning",
    }
    assert not sum(seed_inventory(forbund).values())
