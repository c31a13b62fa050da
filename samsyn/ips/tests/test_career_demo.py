"""Demo career profiles: created for the first IPS participants, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from samsyn.conftest import World
from samsyn.core.demo_data import IPS_SLUG
from samsyn.ips import ssyk
from samsyn.ips.demo_career import seed_career
from samsyn.ips.models import BenefitsCounselling, CareerProfile
from samsyn.ips.services.career import CareerProfileInput, _validate_profile
from samsyn.participants.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_valid(world: World) -> None:
    world.intervention.slug = IPS_SLUG
    world.intervention.methods = ["ips"]
    world.intervention.save()
    for _ in range(4):
        RegistrationFactory(intervention=world.intervention, coach=world["coach"])
    created = seed_career(world.forbund)
    assert created == {"career_profiles": 3, "benefits_counselling": 3}
    assert seed_career(world.forbund) == {}
    for profile in CareerProfile.objects.all():
        assert all(ssyk.is_valid(code) for code in profile.preferred_occupations)
        fields = {name: getattr(profile, name) for name in CareerProfileInput.__dataclass_fields__}
        _validate_profile(CareerProfileInput(**fields))
    today = timezone.localdate()
    assert not BenefitsCounselling.objects.filter(offered_on__gt=today).exists()
    assert BenefitsCounselling.objects.filter(given_on__isnull=False).count() == 2


def test_seed_without_the_ips_intervention(world: World) -> None:
    assert seed_career(world.forbund) == {}
