"""Retention (gallring) of participants' personal data, per förbund (docs/data-lifecycle.md).

Run nightly from cron, e.g.::

    15 2 * * * cd /srv/samsyn && .venv/bin/python manage.py apply_retention

``--dry-run`` lists what would be cleared and changes nothing. Each förbund's deleted rows
kept for undo whose restore period is over are removed too (``deleted_records_purge``,
docs/deleting.md).
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.core.models import RESTORE_DAYS, Forbund
from samsyn.core.services.deleted import deleted_records_purge
from samsyn.participants.services.retention import (
    RetentionPlan,
    retention_execute,
    retention_plan,
)


def _parse_day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            _("Ogiltigt datum %(text)s: skriv ÅÅÅÅ-MM-DD. Ingenting gallrades.") % {"text": text}
        ) from error


class Command(BaseCommand):
    help = (
        "Gallrar identitet, fritext, dokument och kontaktuppgifter i akter vars sista "
        "anteckning är äldre än förbundets gallringsfrist. Statistiken påverkas inte."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--forbund", help="Bara förbundet med detta kortnamn.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Lista bara vad som skulle gallras; ändra ingenting.",
        )
        parser.add_argument(
            "--today",
            help="Räkna fristerna från detta datum (ÅÅÅÅ-MM-DD) i stället för dagens.",
        )

    def handle(
        self, *args: Any, forbund: str | None, dry_run: bool, today: str | None, **options: Any
    ) -> None:
        forbunds = Forbund.objects.order_by("name")
        if forbund:
            forbunds = forbunds.filter(slug=forbund)
            if not forbunds.exists():
                raise CommandError(
                    _("Inget förbund har kortnamnet %(slug)s. Ingenting gallrades.")
                    % {"slug": forbund}
                )
        day = _parse_day(today) if today else timezone.localdate()
        now = (
            timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
            if today
            else timezone.now()
        )
        for each in forbunds:
            purged = deleted_records_purge(now=now, forbund=each, dry_run=dry_run)
            if dry_run:
                self._write_plan(retention_plan(forbund=each, today=day))
                self._write_purged(purged, dry_run=True)
                continue
            result = retention_execute(forbund=each, today=day)
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "%(forbund)s: %(registrations)d inskrivningar, %(referrals)d anvisningar "
                        "och %(persons)d identiteter gallrade."
                    )
                    % {
                        "forbund": each.name,
                        "registrations": result.registrations,
                        "referrals": result.referrals,
                        "persons": result.persons,
                    }
                )
            )
            self._write_purged(purged, dry_run=False)

    def _write_purged(self, count: int, *, dry_run: bool) -> None:
        values = {"count": count, "days": RESTORE_DAYS}
        if dry_run:
            text = _("%(count)d borttagna uppgifter äldre än %(days)d dagar skulle tas bort.")
        else:
            text = _("%(count)d borttagna uppgifter äldre än %(days)d dagar togs bort.")
        self.stdout.write("  " + text % values)

    def _write_plan(self, plan: RetentionPlan) -> None:
        self.stdout.write(
            _(
                "Provkörning för %(forbund)s: inskrivningar med sista anteckning före "
                "%(registrations)s, anvisningar före %(referrals)s. Ingenting ändrades."
            )
            % {
                "forbund": plan.forbund.name,
                "registrations": plan.registration_cutoff.isoformat(),
                "referrals": plan.referral_cutoff.isoformat(),
            }
        )
        for item in plan.registrations:
            line = _(
                "Inskrivning %(code)s (%(intervention)s): avslutad %(end)s, sista anteckning "
                "%(last)s"
            )
            values = {
                "code": item.pseudonym,
                "intervention": item.intervention,
                "end": item.end_date.isoformat(),
                "last": item.last_entry.isoformat(),
            }
            self.stdout.write("  " + line % values)
        for referral in plan.referrals:
            line = _("Anvisning %(code)s (%(intervention)s): %(status)s %(day)s")
            values = {
                "code": referral.pseudonym,
                "intervention": referral.intervention,
                "status": referral.status,
                "day": referral.basis.isoformat(),
            }
            self.stdout.write("  " + line % values)
        for pseudonym in plan.persons:
            self.stdout.write("  " + _("Identitet %(code)s") % {"code": pseudonym})
        if plan.is_empty:
            self.stdout.write("  " + _("Inget att gallra."))
            return
        for cleared in plan.cleared_items:
            self.stdout.write("  - " + cleared)
