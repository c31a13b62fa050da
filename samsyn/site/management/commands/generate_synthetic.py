"""``manage.py generate_synthetic``: the synthetic national data set for benchmarks.

``--forbund 80 --interventions 1100 --registrations 300000`` by default (issue #16); the
bench's single intervention is ``--forbund 1 --interventions 1 --registrations 50000``.
Deterministic by ``--seed``. Everything is fictional; see docs/performance.md.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from samsyn.site.synthetic import SyntheticOptions, generate_synthetic


class Command(BaseCommand):
    help = (
        "Generate fictional förbund, interventions, staff and participants with their whole "
        "journey, at national scale by default, for benchmarks."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--forbund", type=int, default=80, help="Number of förbund.")
        parser.add_argument(
            "--interventions", type=int, default=1100, help="Number of interventions in all."
        )
        parser.add_argument(
            "--registrations", type=int, default=300_000, help="Number of registrations in all."
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random draws.")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day the data is drawn up to (YYYY-MM-DD); default today.",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args: Any, **options: Any) -> None:
        forbund, interventions = options["forbund"], options["interventions"]
        registrations = options["registrations"]
        if forbund < 1 or interventions < forbund or registrations < 0:
            raise CommandError(
                "Need at least one förbund, at least one intervention per förbund and no "
                "negative number of registrations."
            )
        settings = SyntheticOptions(
            forbund=forbund,
            interventions=interventions,
            registrations=registrations,
            seed=options["seed"],
            today=options["today"] or timezone.localdate(),
        )
        progress = (lambda message: None) if options["quiet"] else self.stdout.write
        counts = generate_synthetic(settings, progress=progress)
        if not options["quiet"]:
            for table, rows in sorted(counts.items()):
                self.stdout.write(f"{table:<45} {rows:>10}")
