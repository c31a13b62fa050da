"""Storing an import: every row or nothing, without duplicating people or registrations.

The rows are read twice and never held all at once, so memory stays at one batch whatever
the size of the file (docs/import.md, "Performance"):

1. every row is checked (``check_rows``): all errors and warnings of the file, with in-file
   duplicates found by the database (``FileKeys``); nothing is written when any row is wrong;
2. the rows are read again, a batch at a time planned against the database (skip, new
   person, known person: ``Planner``) and written (``BatchWriter``), inside one savepoint
   that is rolled back when planning finds a conflict with the database (an overlapping
   registration), so nothing is kept then either.

``rows`` must therefore be re-iterable: a list, or the lazy rows of ``parse_file``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samsyn.core.integrity import breaks_unique_rule, broken_rule
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention, Orientation
from samsyn.interventions.scoping import interventions_visible_to
from samsyn.participants.importing.parsing import ImportRow, RowError
from samsyn.participants.importing.planning import Planner, SkippedRow, anonymous_registrations
from samsyn.participants.importing.storing import BATCH, BatchWriter
from samsyn.participants.importing.validation import (
    CleanRow,
    ImportContext,
    RowWarning,
    check_rows,
    clean_rows,
)
from samsyn.participants.models import Person
from samsyn.participants.services.codes import is_code_clash

SYSTEM_ACTOR = "system:import_participants"
# A fresh set of codes is drawn when a concurrent registration took one of them between
# the look-up and the insert; losing that race three times in a row does not happen.
CODE_RACE_RETRIES = 3

__all__ = ["SYSTEM_ACTOR", "ImportResult", "SkippedRow", "import_registrations"]


@dataclass
class ImportResult:
    imported: int = 0
    persons_created: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def interventions_importable_by(user: User) -> QuerySet[Intervention]:
    """Individinriktade interventions the user may import into: as their insatsansvarig, or
    as förbundsadministratör of their förbund."""
    return interventions_visible_to(user, Role.INSATSANSVARIG, Role.FORBUNDSADMIN).filter(
        orientation=Orientation.INDIVIDINRIKTAD
    )


def _check_allowed(actor: User | None, intervention: Intervention) -> None:
    if actor is not None:
        reachable = interventions_visible_to(actor, Role.INSATSANSVARIG, Role.FORBUNDSADMIN)
        if not reachable.filter(pk=intervention.pk).exists():
            raise Http404
    if not intervention.is_individual:
        raise ValidationError(
            _(
                "Insatsen %(name)s är strukturövergripande och har inga inskrivningar. "
                "Bara individinriktade insatser kan ta emot en import."
            )
            % {"name": intervention.name},
            code="orientation",
        )


@transaction.atomic
def import_registrations(
    *,
    actor: User | None,
    intervention: Intervention,
    rows: Iterable[ImportRow],
    today: datetime.date | None = None,
    actor_username: str = SYSTEM_ACTOR,
) -> ImportResult:
    """Check every row, then store them all, or nothing if any row has an error.

    ``actor`` is None when the import runs from the command line; the audit log then names
    ``actor_username``. Raises Http404 when ``actor`` may not import into ``intervention``
    and ValidationError when the intervention cannot take registrations or the database
    refuses the rows.
    """
    if iter(rows) is rows:
        raise TypeError("rows must be re-iterable (a list or parse_file's rows)")
    _check_allowed(actor, intervention)
    context = ImportContext.for_intervention(intervention, today=today)
    checked = check_rows(rows, context)
    result = ImportResult(errors=checked.errors, warnings=checked.warnings)
    if result.errors:
        return result
    planner, stored = _store_with_fresh_codes(
        intervention,
        rows,
        context,
        anonymous_registrations(intervention),
        actor=actor,
        actor_username=actor_username,
    )
    result.errors = planner.errors
    result.skipped = planner.skipped
    if result.ok:
        result.imported = stored
        result.persons_created = planner.persons_created
    return result


class _Refused(Exception):
    """Planning found rows that conflict with the database: undo what was written."""

    def __init__(self, planner: Planner) -> None:
        super().__init__("import refused")
        self.planner = planner


def _store_with_fresh_codes(
    intervention: Intervention,
    rows: Iterable[ImportRow],
    context: ImportContext,
    anonymous: Counter[tuple[object, ...]],
    *,
    actor: User | None,
    actor_username: str,
) -> tuple[Planner, int]:
    """Plan and write in one savepoint; redraw the codes if a concurrent registration took
    one of them meanwhile. Any other broken database rule is named, and nothing is kept."""
    for attempt in range(CODE_RACE_RETRIES):
        try:
            with transaction.atomic():
                return _plan_and_store(
                    intervention,
                    rows,
                    context,
                    anonymous,
                    actor=actor,
                    actor_username=actor_username,
                )
        except _Refused as refused:
            return refused.planner, 0
        except IntegrityError as error:
            if is_code_clash(error) and attempt + 1 < CODE_RACE_RETRIES:
                continue
            raise ValidationError(_integrity_message(error), code="integrity") from None
    raise AssertionError("unreachable: the last attempt returns or raises")


def _plan_and_store(
    intervention: Intervention,
    rows: Iterable[ImportRow],
    context: ImportContext,
    anonymous: Counter[tuple[object, ...]],
    *,
    actor: User | None,
    actor_username: str,
) -> tuple[Planner, int]:
    planner = Planner(intervention, anonymous)
    writer = BatchWriter(intervention, actor=actor, actor_username=actor_username)
    # Every batch is written, even after a conflict, so that later batches are planned
    # against all earlier rows and every conflict is reported; the savepoint is then undone.
    for batch in _batches(clean_rows(rows, context)):
        writer.write(planner.plan(batch))
    if planner.errors:
        raise _Refused(planner)
    writer.finish()
    return planner, writer.stored


def _batches(rows: Iterator[CleanRow]) -> Iterator[list[CleanRow]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _integrity_message(error: IntegrityError) -> str:
    if breaks_unique_rule(
        error,
        name="person_unique_personnummer",
        table=Person._meta.db_table,
        columns=("forbund_id", "personnummer_index"),
    ):
        # Only another import or registration of the same personnummer can do this.
        return _(
            "Någon annan registrerade samtidigt några av filens personer i samma förbund. "
            "Inget sparades; försök igen."
        )
    if is_code_clash(error):
        return _(
            "Det gick inte att ge alla nya deltagare en ledig kod. Inget sparades; försök igen."
        )
    return _(
        "Databasen godtog inte importen (regeln %(rule)s bröts). Inget sparades. "
        "Kontakta förvaltningen med regelns namn."
    ) % {"rule": broken_rule(error) or _("okänd")}
