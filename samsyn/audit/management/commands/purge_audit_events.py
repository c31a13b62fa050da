"""Remove access-log events older than the retention period (at least five years).

Run from cron, e.g. yearly: ``python manage.py purge_audit_events --older-than-years 5``.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samsyn.audit.services.retention import MINIMUM_RETENTION_YEARS, audit_events_purge


class Command(BaseCommand):
    help = (
        "Gallrar logghändelser som är äldre än det angivna antalet år (minst "
        f"{MINIMUM_RETENTION_YEARS}). Tabellens skydd mot ändringar lyfts bara under "
        "borttagningen, i samma transaktion."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--older-than-years",
            type=int,
            required=True,
            help=f"Ta bort händelser äldre än så många år (minst {MINIMUM_RETENTION_YEARS}).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Räkna bara vad som skulle tas bort; ändra ingenting.",
        )

    def handle(self, *args: Any, older_than_years: int, dry_run: bool, **options: Any) -> None:
        if older_than_years < MINIMUM_RETENTION_YEARS:
            raise CommandError(
                _(
                    "Loggen ska sparas i minst %(minimum)d år; --older-than-years %(years)d "
                    "vägras. Ingenting togs bort."
                )
                % {"minimum": MINIMUM_RETENTION_YEARS, "years": older_than_years}
            )
        try:
            result = audit_events_purge(older_than_years=older_than_years, dry_run=dry_run)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        numbers = {
            "events": result.events,
            "cutoff": f"{result.cutoff:%Y-%m-%d %H:%M} UTC",
            "links": result.review_links,
        }
        if dry_run:
            message = _(
                "Provkörning: %(events)d händelser före %(cutoff)s skulle tas bort, liksom "
                "%(links)d kopplingar från stickprov till dem. Ingenting ändrades."
            )
            self.stdout.write(message % numbers)
            return
        message = _(
            "%(events)d händelser före %(cutoff)s och %(links)d kopplingar från stickprov "
            "till dem togs bort. Skyddet mot ändringar är återställt."
        )
        self.stdout.write(self.style.SUCCESS(message % numbers))
