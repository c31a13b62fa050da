"""The demo inventories: every registration of the demo intervention gets one, all four
tracks appear among the ended ones, and a second run creates nothing."""

from __future__ import annotations

import pytest

from samsyn.assessments.demo import seed_inventory
from samsyn.assessments.models import ProfessionalAssessment, ResourceInventory
from samsyn.core.demo_data import FORBUND_SLUG, INVENTORY_SLUG
from samsyn.core.models import Forbund
from samsyn.participants.models import Registration
from samsyn.site.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_seed_inventory_is_complete_and_idempotent() -> None:
    seed_demo()  # seeds the inventories too
    forbund = Forbund.objects.get(slug=FORBUND_SLUG)
    registrations = Registration.objects.countable().filter(intervention__slug=INVENTORY_SLUG)
    inventories = ResourceInventory.objects.filter(registration__in=registrations)
    assert inventories.count() == registrations.count() > 0
    assert ProfessionalAssessment.objects.filter(inventory__in=inventories).count() >= (
        3 * registrations.count()
    )
    tracks = set(
        inventories.filter(recommended_on__isnull=False).values_list(
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
