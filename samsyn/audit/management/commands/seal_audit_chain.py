"""Link logged events into the hash chain.

Events are linked right after the transaction that logged them commits; this command links
whatever that missed (run it from cron, e.g. every ten minutes, and once with ``--all`` after
upgrading to a version with the chain, to link the events logged before).
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from samsyn.audit.services.chain import audit_chain_seal


class Command(BaseCommand):
    help = "Länkar in logghändelser som ännu saknar länk i loggens hashkedja."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Sök igenom hela loggen, inte bara det senaste dygnet (efter uppgradering).",
        )

    def handle(self, *args: Any, everything: bool, **options: Any) -> None:
        sealed = audit_chain_seal(everything=everything)
        message = ngettext(
            "%(count)d händelse länkades in i kedjan.",
            "%(count)d händelser länkades in i kedjan.",
            sealed,
        )
        self.stdout.write(message % {"count": sealed})
