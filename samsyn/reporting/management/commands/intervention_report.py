"""python manage.py intervention_report SLUG --from YYYY-MM-DD --to YYYY-MM-DD --format json

Prints (or writes to ``--output``) every metric of samsyn/reporting/metrics.py for one
intervention and period as JSON::

    {"intervention": SLUG, "from": "...", "to": "...",
     "metrics": {ID: {"kvinna": v, "man": v, "total": v}, ...}}

Counts are integers, shares numbers between 0 and 1, an undefined share ``null``. Only the
``json`` format exists so far (xlsx/pdf/docx come with the period reports). Every run leaves
an export event in the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services import audit_record
from samsyn.interventions.models import Intervention
from samsyn.reporting.metrics import evaluate
from samsyn.reporting.periods import Period

SYSTEM_ACTOR = "system:intervention_report"
FORMATS = ("json",)


class Command(BaseCommand):
    help = "Skriver ut en insats nyckeltal för en period (kvinna, man, totalt) som JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", metavar="SLUG", help="insatsens kortnamn")
        parser.add_argument(
            "--from", dest="date_from", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens början"
        )
        parser.add_argument(
            "--to", dest="date_to", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens slut"
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="utdataformat")
        parser.add_argument("--output", metavar="FIL", help="skriv till filen i stället")

    def handle(self, *args: Any, **options: Any) -> None:
        intervention = (
            Intervention.objects.select_related("forbund").filter(slug=options["slug"]).first()
        )
        if intervention is None:
            raise CommandError(
                _("Det finns ingen insats med kortnamnet %(slug)s.") % {"slug": options["slug"]}
            )
        try:
            period = Period.parse(options["date_from"], options["date_to"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        text = json.dumps(report_data(intervention, period), ensure_ascii=False, indent=2)
        self._write(text, options.get("output"))
        audit_record(
            actor=None,
            actor_username=SYSTEM_ACTOR,
            action=AuditAction.EXPORT,
            intervention=intervention,
            detail=f"intervention_report json {period.start.isoformat()}–{period.end.isoformat()}",
        )

    def _write(self, text: str, output: str | None) -> None:
        if not output:
            self.stdout.write(text)
            return
        try:
            Path(output).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(_("Filen kan inte skrivas: %(error)s") % {"error": error}) from None


def report_data(intervention: Intervention, period: Period) -> dict[str, Any]:
    """The JSON document of the issue for ``intervention`` and ``period``."""
    return {
        "intervention": intervention.slug,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "metrics": evaluate(intervention, period),
    }
