"""Demo part of the surveys app: Samsyn's example instrument, shipped to every förbund.
Idempotent: a second run finds the instrument and creates nothing. Surveys and answers for
the demo förbund come with the answering and results parts of issue #13."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from samsyn.core.models import Forbund
from samsyn.surveys.models import Instrument
from samsyn.surveys.services.instruments import example_instrument_load


@transaction.atomic
def seed_surveys(forbund: Forbund) -> Counter[str]:
    """The example instrument (shipped, so not the förbund's own); ``forbund`` is the demo
    förbund the later survey steps will use."""
    existed = Instrument.objects.filter(forbund=None).exists()
    example_instrument_load(actor=None)
    return Counter() if existed else Counter({"enkätinstrument": 1})
