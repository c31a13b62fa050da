"""Remove deleted rows kept for undo once their restore period is over (docs/deleting.md).

``apply_retention`` runs the same purge every night; this command runs it alone::

    python manage.py purge_deleted_records [--dry-run]
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samsyn.core.models import RESTORE_DAYS
from samsyn.core.services.deleted import deleted_records_purge


class Command(BaseCommand):
    help = "Tar bort sparade borttagna uppgifter som är äldre än ångerfristen."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Räkna bara hur många som skulle tas bort; ändra ingenting.",
        )

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        count = deleted_records_purge(dry_run=dry_run)
        values = {"count": count, "days": RESTORE_DAYS}
        if dry_run:
            message = _(
                "Provkörning: %(count)d borttagna uppgifter äldre än %(days)d dagar skulle tas "
                "bort. Ingenting ändrades."
            )
            self.stdout.write(message % values)
            return
        message = _("%(count)d borttagna uppgifter äldre än %(days)d dagar togs bort.")
        self.stdout.write(self.style.SUCCESS(message % values))
