"""python manage.py import_participants FILE --intervention SLUG

Imports registrations from a CSV (UTF-8, ';' or ',') or XLSX file, all or nothing. Errors
are printed as ``rad N: kolumn: meddelande`` (the header is row 1) and the command exits
with status 1 without storing anything; warnings as ``rad N: varning: …``. See docs/import.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samsyn.core.models import User
from samsyn.interventions.models import Intervention
from samsyn.participants.importing.parsing import ImportFileError, parse_file
from samsyn.participants.importing.service import ImportResult, import_registrations


class Command(BaseCommand):
    help = "Importerar inskrivningar från en CSV- eller XLSX-fil till en insats (allt eller inget)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV- (UTF-8) eller XLSX-fil med en rad per inskrivning")
        parser.add_argument(
            "--intervention", required=True, metavar="SLUG", help="insatsens kortnamn"
        )
        parser.add_argument(
            "--user",
            metavar="ANVÄNDARNAMN",
            help="den som gör importen (insatsansvarig eller förbundsadministratör); "
            "utan den loggas importen som systemets",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        intervention = Intervention.objects.filter(slug=options["intervention"]).first()
        if intervention is None:
            raise CommandError(
                _("Det finns ingen insats med kortnamnet %(slug)s.")
                % {"slug": options["intervention"]}
            )
        actor = self._actor(options.get("user"))
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(_("Filen kan inte läsas: %(error)s") % {"error": error}) from None
        try:
            parsed = parse_file(data, max_bytes=None)
        except ImportFileError as error:
            self._fail(error.lines())
        try:
            result = import_registrations(actor=actor, intervention=intervention, rows=parsed.rows)
        except Http404:
            raise CommandError(
                _("Användaren får inte importera till insatsen %(name)s.")
                % {"name": intervention.name}
            ) from None
        except ValidationError as error:
            self._fail(error.messages)
        self._report(result, verbosity=options["verbosity"])

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(
                _("Det finns ingen aktiv användare %(username)s.") % {"username": username}
            )
        return actor

    def _fail(self, lines: list[str]) -> NoReturn:
        for line in lines:
            self.stderr.write(line)
        raise CommandError(_("Inget importerades: %(count)d fel.") % {"count": len(lines)})

    def _report(self, result: ImportResult, *, verbosity: int) -> None:
        if verbosity >= 1:
            for warning in result.warnings:
                self.stdout.write(str(warning))
        if not result.ok:
            self._fail([str(error) for error in result.errors])
        if verbosity >= 1:
            for skipped in result.skipped:
                self.stdout.write(str(skipped))
        self.stdout.write(summary(result))


def summary(result: ImportResult) -> str:
    """``Importerade 3 inskrivningar (2 nya personer); 1 rad var redan importerad.``"""
    imported = ngettext(
        "Importerade %(count)d inskrivning", "Importerade %(count)d inskrivningar", result.imported
    ) % {"count": result.imported}
    persons = ngettext("%(count)d ny person", "%(count)d nya personer", result.persons_created) % {
        "count": result.persons_created
    }
    skipped = ngettext(
        "%(count)d rad var redan importerad",
        "%(count)d rader var redan importerade",
        len(result.skipped),
    ) % {"count": len(result.skipped)}
    return f"{imported} ({persons}); {skipped}."
