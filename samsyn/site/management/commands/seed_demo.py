"""``manage.py seed_demo``: load the fictional Samordningsförbundet Exempeldalen.

Safe to run again and again (``make run`` does so on every start): what exists is kept and
only what is missing is created. Refused with DEBUG off unless ``--force``, because the demo
users have passwords printed in the README.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samsyn.core.demo_data import DEMO_USERS, FORBUND_NAME, DemoSeedConflict, SeedSummary
from samsyn.site.demo import seed_demo

# Labels for the summary, in the order they are printed.
_KINDS = {
    "forbund": gettext_lazy("förbund"),
    "parties": gettext_lazy("parter"),
    "interventions": gettext_lazy("insatser"),
    "capacities": gettext_lazy("kommuner med platser"),
    "users": gettext_lazy("demoanvändare"),
    "colleagues": gettext_lazy("kollegor utan inloggning"),
    "memberships": gettext_lazy("roller"),
    "teams": gettext_lazy("team"),
    "team_members": gettext_lazy("teammedlemmar"),
    "participants": gettext_lazy("demodeltagare"),
}


class Command(BaseCommand):
    help = (
        "Load the fictional Samordningsförbundet Exempeldalen with one demo user per role "
        "and fictional participants at every stage of the journey."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo passwords are public: only for test servers).",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "seed_demo körs bara med DEBUG=1: demoanvändarnas lösenord är offentliga. "
                    "Använd --force om du verkligen vill lägga in demodata här."
                )
            )
        try:
            summary = seed_demo()
        except DemoSeedConflict as exc:
            raise CommandError(str(exc)) from exc
        self._print_summary(summary)

    def _print_summary(self, summary: SeedSummary) -> None:
        counts = ", ".join(
            _("%(total)d %(label)s (nya: %(created)d)")
            % {"total": summary.total[kind], "label": label, "created": summary.created[kind]}
            for kind, label in _KINDS.items()
        )
        self.stdout.write(f"{FORBUND_NAME}: {counts}.")
        if summary.passwords_reset:
            self.stdout.write(
                _("Återställda demokonton: %(users)s.")
                % {"users": ", ".join(summary.passwords_reset)}
            )
        if summary.completed:
            self.stdout.write(
                _("Kompletterat från en äldre demodata: %(items)s.")
                % {"items": ", ".join(summary.completed)}
            )
        if not summary.changed_anything:
            self.stdout.write(_("Demodatan fanns redan; inget ändrades."))
        usernames = ", ".join(spec.username for spec in DEMO_USERS)
        self.stdout.write(
            _("Demoanvändare: %(users)s. Lösenorden står i README.md.") % {"users": usernames}
        )
        if not settings.SAMSYN_DEMO:
            self.stdout.write(
                self.style.WARNING(
                    _(
                        "SAMSYN_DEMO är av: demoanvändarna måste aktivera "
                        "tvåfaktorsinloggning som alla andra."
                    )
                )
            )
