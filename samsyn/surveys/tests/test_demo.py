"""The surveys demo step: the example instrument once, a second run creates nothing."""

from __future__ import annotations

import pytest

from samsyn.conftest import World
from samsyn.surveys.demo import seed_surveys
from samsyn.surveys.models import Instrument

pytestmark = pytest.mark.django_db


def test_demo_seeds_the_example_once(world: World) -> None:
    assert seed_surveys(world.forbund) == {"enkätinstrument": 1}
    assert seed_surveys(world.forbund) == {}
    assert Instrument.objects.get().key == "samsyn-exempel"
