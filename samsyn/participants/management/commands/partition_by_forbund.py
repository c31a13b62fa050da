"""Partition the largest tables of the participants' journeys by förbund, on PostgreSQL
(docs/performance.md, "Beyond one machine").

    python manage.py partition_by_forbund --plan                 # print the DDL (any database)
    python manage.py partition_by_forbund --apply                # HASH into 8 partitions
    python manage.py partition_by_forbund --apply --scheme list  # one partition per förbund

Run it in a maintenance window: each table is locked while its rows are copied. It refuses
while any row's förbund differs from its registration's.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from samsyn.core.db.partitioning import (
    NotPartitionable,
    Scheme,
    TablePlan,
    apply_plans,
    table_plan,
)
from samsyn.core.models import Forbund
from samsyn.participants.models.partitioned import forbund_copies_mismatched, partitioned_models


def plans(*, scheme: Scheme, modulus: int) -> list[TablePlan]:
    forbund_ids: list[int] = []
    if scheme == "list":
        forbund_ids = list(Forbund.objects.order_by("pk").values_list("pk", flat=True))
    return [
        table_plan(model, scheme=scheme, modulus=modulus, forbund_ids=forbund_ids)
        for model in partitioned_models()
    ]


class Command(BaseCommand):
    help = (
        "Partitionerar aktiviteter, stegförflyttningar och skattningar per förbund "
        "(PostgreSQL). --plan skriver ut SQL-satserna, --apply kör dem."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--plan", action="store_true")
        action.add_argument("--apply", action="store_true")
        parser.add_argument("--scheme", choices=["hash", "list"], default="hash")
        parser.add_argument("--partitions", type=int, default=8)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            table_plans = plans(scheme=options["scheme"], modulus=options["partitions"])
        except NotPartitionable as error:
            raise CommandError(str(error)) from error
        if options["plan"]:
            for plan in table_plans:
                self.stdout.write(f"-- {plan.table}\n")
                self.stdout.write("".join(f"{statement};\n" for statement in plan.statements))
            return
        wrong = {label: count for label, count in forbund_copies_mismatched().items() if count}
        if wrong:
            raise CommandError(
                _("Förbundet skiljer sig från inskrivningens i %(rows)s. Ingenting ändrades.")
                % {"rows": ", ".join(f"{label}: {count}" for label, count in wrong.items())}
            )
        try:
            done = apply_plans(connections[options["database"]], table_plans)
        except NotPartitionable as error:
            raise CommandError(
                _("Partitionering kräver PostgreSQL. Ingenting ändrades.")
            ) from error
        self.stdout.write(_("Partitionerade: %(tables)s") % {"tables": ", ".join(done) or "–"})
