"""Check the log's hash chain and report the first broken link (exit status 1 if broken).

Run it from cron (nightly) and before a log review; a break means the log was changed past the
application: an event removed, changed or inserted, or events left unlinked.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.audit.services.chain import ChainBreak, audit_chain_verify

_REASONS = {
    "order": gettext_lazy(
        "länken följer inte på den föregående (en länk har tagits bort eller lagts till)"
    ),
    "missing": gettext_lazy("händelsen som länken pekar på finns inte längre (borttagen)"),
    "changed": gettext_lazy("händelsen har ändrats efter att den länkades in"),
    "unsealed": gettext_lazy(
        "händelsen är äldre än ett dygn men saknar länk (inlagd förbi applikationen, eller "
        "så har kedjan inte länkats sedan uppgraderingen: kör seal_audit_chain --all)"
    ),
}


def describe(broken: ChainBreak) -> str:
    return _("Första brutna länken: länk %(link)s, händelse %(event)s: %(reason)s.") % {
        "link": broken.link_id if broken.link_id is not None else "–",
        "event": broken.event_id if broken.event_id is not None else "–",
        "reason": _REASONS[broken.reason],
    }


class Command(BaseCommand):
    help = "Kontrollerar loggens hashkedja och visar den första brutna länken."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if report.first_break is not None:
            raise CommandError(describe(report.first_break))
        message = _(
            "Kedjan är hel: %(links)d länkar kontrollerade; %(unsealed)d nya händelser väntar "
            "på att länkas in."
        ) % {"links": report.links_checked, "unsealed": report.unsealed_events}
        self.stdout.write(self.style.SUCCESS(message))
