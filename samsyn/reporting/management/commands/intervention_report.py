"""python manage.py intervention_report SLUG --from YYYY-MM-DD --to YYYY-MM-DD
[--format json|xlsx|pdf|docx] [--output FILE] [--for-styrgrupp]

``json`` (the default) prints (or writes to ``--output``) the metrics a report of the
intervention lists (the metric registry's that apply to its methods,
``report_metrics`` in samsyn/reporting/selectors/content.py) for one intervention and period::

    {"intervention": SLUG, "from": "...", "to": "...",
     "metrics": {ID: {"kvinna": v, "man": v, "total": v}, ...}}

Counts are integers, shares numbers between 0 and 1, an undefined share ``null``.

``xlsx``, ``pdf`` and ``docx`` write the whole report content
(samsyn/reporting/selectors/content.py) as the same documents a period report is downloaded
as, without narrative; they need ``--output FILE`` (``--output -`` writes the bytes to
standard output).

The command is for the operator, so the figures are exact by default. ``--for-styrgrupp``
hides small numbers as in the steering group's reports (in JSON the hidden cells become the
texts "< 5" / "dolt"). Every run leaves an export event in the audit log.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.audit.services.events import audit_record
from samsyn.interventions.models import Intervention
from samsyn.reporting.documents import DocumentFormat, render_bytes
from samsyn.reporting.selectors.content import report_content, report_metric_values
from samsyn.stats.periods import Period

# The JSON document of the command (``--format json``): the metrics of one intervention and
# period, by id, each ``{"kvinna", "man", "total"}``.
ReportData = TypedDict(
    "ReportData",
    {"intervention": str, "from": str, "to": str, "metrics": Mapping[str, Mapping[str, object]]},
)

SYSTEM_ACTOR = "system:intervention_report"
FORMATS = ("json", *(document_format.value for document_format in DocumentFormat))
STDOUT = "-"


class Command(BaseCommand):
    help = (
        "Skriver ut en insats nyckeltal för en period (kvinna, man, totalt) som JSON, "
        "eller hela rapporten som XLSX, PDF eller DOCX."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", metavar="SLUG", help="insatsens kortnamn")
        parser.add_argument(
            "--from", dest="date_from", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens början"
        )
        parser.add_argument(
            "--to", dest="date_to", required=True, metavar="ÅÅÅÅ-MM-DD", help="periodens slut"
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="utdataformat")
        parser.add_argument(
            "--output", metavar="FIL", help="skriv till filen i stället (- för standard ut)"
        )
        parser.add_argument(
            "--for-styrgrupp",
            action="store_true",
            help="dölj små antal som i styrgruppens rapporter (annars exakta tal)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        document_format = options["format"]
        output = options.get("output")
        if document_format != "json" and not output:
            raise CommandError(
                _("Formatet %(format)s kräver --output FIL (eller --output - för standard ut).")
                % {"format": document_format}
            )
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
        suppress = bool(options["for_styrgrupp"])
        if document_format == "json":
            text = json.dumps(
                report_data(intervention, period, suppress=suppress), ensure_ascii=False, indent=2
            )
            self._write_text(text, output)
        else:
            content = report_content(
                intervention,
                period,
                suppress=suppress,
                limit=intervention.forbund.small_count_limit,
            )
            data = render_bytes(DocumentFormat(document_format), content, None)
            self._write_bytes(data, str(output))
        audience = " styrgrupp" if suppress else ""
        audit_record(
            actor=None,
            actor_username=SYSTEM_ACTOR,
            action=AuditAction.EXPORT,
            intervention=intervention,
            detail=(
                f"intervention_report {document_format}{audience} "
                f"{period.start.isoformat()}–{period.end.isoformat()}"
            ),
        )

    def _write_text(self, text: str, output: str | None) -> None:
        if not output or output == STDOUT:
            self.stdout.write(text)
            return
        try:
            Path(output).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(_("Filen kan inte skrivas: %(error)s") % {"error": error}) from None

    def _write_bytes(self, data: bytes, output: str) -> None:
        if output == STDOUT:
            # Binary output goes to the byte stream under the text wrapper.
            stream = getattr(self.stdout._out, "buffer", None) or sys.stdout.buffer
            stream.write(data)
            stream.flush()
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(_("Filen kan inte skrivas: %(error)s") % {"error": error}) from None


def report_data(
    intervention: Intervention, period: Period, *, suppress: bool = False
) -> ReportData:
    """The JSON document of the issue for ``intervention`` and ``period``."""
    metrics: Mapping[str, Mapping[str, object]]
    if suppress:
        content = report_content(
            intervention, period, suppress=True, limit=intervention.forbund.small_count_limit
        )
        metrics = {metric["id"]: metric["values"] for metric in content["metrics"]}
    else:
        metrics = report_metric_values(intervention, period)[1]
    return {
        "intervention": intervention.slug,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "metrics": metrics,
    }
