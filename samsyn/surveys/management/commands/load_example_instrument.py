"""``manage.py load_example_instrument``: Samsyn's own example instrument, shipped to every
förbund (not the NNS wording). Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samsyn.surveys.services.instruments import example_instrument_load


class Command(BaseCommand):
    help = "Läser in Samsyns exempelinstrument (inte NNS formuleringar). Kan köras flera gånger."

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = example_instrument_load(actor=None)
        self.stdout.write(f"{instrument.name}, version {instrument.version} (id {instrument.pk})")
