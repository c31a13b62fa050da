"""Checking import rows: each row becomes a clean record or a list of Swedish errors.

Validation reads nothing but the intervention and its förbund's parties (loaded once), so
10 000 rows are checked in memory. Matching against people and registrations already in
the database is the service's job.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.core.kommuner import municipality_code_for
from samsyn.core.models import Party, PartyKind
from samsyn.core.personnummer import Personnummer, parse_personnummer, personnummer_blind_index
from samsyn.interventions.models import Intervention
from samsyn.participants.importing.keys import FileKeys
from samsyn.participants.importing.parsing import ImportRow, RowError
from samsyn.participants.models import (
    EducationLevel,
    ExitReason,
    Gender,
    IncomeSource,
    Occupation,
    Outcome,
    Recommendation,
)
from samsyn.participants.services.eligibility import EligibilityFacts, eligibility_warnings
from samsyn.participants.services.exit import outcome_contradiction

EXIT_COLUMNS = (
    "avslutsorsak",
    "utfall",
    "sysselsattning_efter",
    "forsorjning_efter",
    "stegforflyttning",
    "rekommendation",
)
NAME_MAX_LENGTH = 100
YES_NO = {"ja": True, "nej": False}
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}$")
_SHOWN_VALUE_LENGTH = 40


@dataclass(frozen=True)
class RowWarning:
    """Something worth knowing that does not stop the import: ``rad N: varning: …``."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"rad {self.row}: varning: {self.message}"


@dataclass(frozen=True)
class CleanRow:
    """A valid row, in the model's terms."""

    number: int
    personnummer: Personnummer | None
    blind_index: str
    first_name: str
    last_name: str
    gender: str
    birth_year: int | None
    municipality_code: str
    referring_party_id: int | None
    start_date: datetime.date
    income_before: tuple[str, ...]
    occupation_before: str
    education_level: str
    end_date: datetime.date | None
    exit_reason: str
    outcome: str
    occupation_after: str
    income_after: tuple[str, ...]
    step_forward: bool | None
    recommendation: str

    @property
    def is_anonymous(self) -> bool:
        return self.personnummer is None

    @property
    def anonymous_signature(self) -> tuple[object, ...]:
        """What recognises an anonymous registration on a re-import (see docs/import.md).

        Only what an import sets and the journey never changes: a later exit recorded in
        the app must not make the same row look new.
        """
        return (self.start_date, self.gender, self.birth_year)


@dataclass(frozen=True)
class ImportContext:
    intervention: Intervention
    today: datetime.date
    parties_by_kind: dict[str, list[Party]]

    @classmethod
    def for_intervention(
        cls, intervention: Intervention, *, today: datetime.date | None = None
    ) -> ImportContext:
        parties: dict[str, list[Party]] = {}
        for party in sorted(
            Party.objects.filter(forbund_id=intervention.forbund_id),
            key=lambda p: (not p.is_active, p.name, p.pk),
        ):
            parties.setdefault(party.kind, []).append(party)
        return cls(
            intervention=intervention,
            today=today or timezone.localdate(),
            parties_by_kind=parties,
        )

    def referring_party(self, kind: str, municipality_code: str) -> Party | None:
        """The förbund's party of ``kind``; for a kommun, the person's own if it is a member."""
        parties = self.parties_by_kind.get(kind, [])
        if kind == PartyKind.KOMMUN and municipality_code:
            for party in parties:
                if party.municipality_code == municipality_code:
                    return party
        return parties[0] if parties else None


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN_VALUE_LENGTH else value[:_SHOWN_VALUE_LENGTH] + "…"


class _Cells:
    """Reads the cells of one row, collecting an error per bad cell."""

    def __init__(self, row: ImportRow) -> None:
        self.row = row
        self.errors: list[RowError] = []
        self.warnings: list[RowWarning] = []

    def text(self, column: str) -> str:
        return self.row.get(column).strip()

    def error(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row.number, column, message))

    def warn(self, message: str) -> None:
        self.warnings.append(RowWarning(self.row.number, message))

    def _unknown(self, column: str, value: str, allowed: Sequence[str]) -> None:
        self.error(
            column,
            _('Okänt värde "%(value)s". Tillåtna värden: %(allowed)s.')
            % {"value": _shown(value), "allowed": ", ".join(allowed)},
        )

    def choice(self, column: str, choices: type[models.TextChoices]) -> str:
        value = self.text(column).lower()
        if value and value not in choices.values:
            self._unknown(column, value, choices.values)
            return ""
        return value

    def choices(self, column: str, choices: type[models.TextChoices]) -> tuple[str, ...]:
        """Several codes separated by ``|``; repeated codes count once."""
        found: list[str] = []
        for part in self.text(column).lower().split("|"):
            value = part.strip()
            if not value:
                continue
            if value not in choices.values:
                self._unknown(column, value, choices.values)
            elif value not in found:
                found.append(value)
        return tuple(found)

    def date(self, column: str) -> datetime.date | None:
        value = self.text(column)
        if not value:
            return None
        if not _DATE.match(value):
            self.error(column, _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-01."))
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(column, _("Datumet finns inte."))
            return None

    def yes_no(self, column: str) -> bool | None:
        value = self.text(column).lower()
        if value and value not in YES_NO:
            self._unknown(column, value, list(YES_NO))
            return None
        return YES_NO.get(value)


@dataclass(frozen=True)
class _Identity:
    personnummer: Personnummer | None
    first_name: str
    last_name: str
    gender: str
    birth_year: int | None
    municipality_code: str


def _personnummer(cells: _Cells, today: datetime.date) -> Personnummer | None:
    text = cells.text("personnummer")
    if not text:
        return None
    try:
        return parse_personnummer(text, today=today)
    except ValidationError as error:
        cells.error("personnummer", " ".join(error.messages))
        return None


def _names(cells: _Cells, *, anonymous: bool) -> tuple[str, str]:
    for column in ("fornamn", "efternamn"):
        value = cells.text(column)
        if value and anonymous:
            cells.error(
                column,
                _(
                    "Namn får inte anges för en anonym inskrivning (utan personnummer): "
                    "inga uppgifter som identifierar personen sparas. Lämna fältet tomt "
                    "eller ange personnumret."
                ),
            )
        elif len(value) > NAME_MAX_LENGTH:
            cells.error(column, _("Högst %(max)d tecken.") % {"max": NAME_MAX_LENGTH})
    return cells.text("fornamn"), cells.text("efternamn")


def _birth_year(cells: _Cells, pnr: Personnummer | None, today: datetime.date) -> int | None:
    value = cells.text("fodelsear")
    if not value:
        return pnr.birth_year if pnr else None
    if not _YEAR.match(value) or not 1900 <= int(value) <= today.year:
        cells.error("fodelsear", _("Ange födelseåret med fyra siffror, till exempel 1985."))
        return None
    if pnr is not None and int(value) != pnr.birth_year:
        cells.error("fodelsear", _("Födelseåret stämmer inte med personnumret."))
        return None
    return int(value)


def _municipality(cells: _Cells, *, anonymous: bool) -> str:
    value = cells.text("kommun")
    if not value:
        return ""
    code = municipality_code_for(value)
    if code is None:
        cells.error(
            "kommun",
            _(
                'Okänd kommun "%(value)s". Ange kommunens namn eller fyrsiffriga kommunkod, '
                "till exempel Karlstad eller 1780."
            )
            % {"value": _shown(value)},
        )
        return ""
    if anonymous:
        cells.warn(_("Kommunen sparas inte för en anonym inskrivning (utan personnummer)."))
    return code


def _identity(cells: _Cells, today: datetime.date) -> _Identity:
    pnr = _personnummer(cells, today)
    anonymous = not cells.text("personnummer")
    first_name, last_name = _names(cells, anonymous=anonymous)
    gender = cells.choice("kon", Gender)
    if not gender and cells.text("kon") == "":
        if pnr is not None:
            # The legal gender digit; a value written in the file wins over it.
            gender = pnr.legal_gender
        elif anonymous:
            cells.error("kon", _("Ange kön (kvinna eller man) när personnummer saknas."))
    return _Identity(
        personnummer=pnr,
        first_name=first_name,
        last_name=last_name,
        gender=gender,
        birth_year=_birth_year(cells, pnr, today),
        municipality_code=_municipality(cells, anonymous=anonymous),
    )


def _referring_party(cells: _Cells, context: ImportContext, municipality_code: str) -> int | None:
    kind = cells.choice("remitterande_part", PartyKind)
    if not kind:
        return None
    party = context.referring_party(kind, municipality_code)
    if party is None:
        cells.error(
            "remitterande_part",
            _("Förbundet har ingen part av typen %(kind)s.") % {"kind": PartyKind(kind).label},
        )
        return None
    return party.pk


def _start_date(cells: _Cells, today: datetime.date) -> datetime.date | None:
    if not cells.text("startdatum"):
        cells.error("startdatum", _("Ska fyllas i."))
        return None
    start = cells.date("startdatum")
    if start is not None and start > today:
        cells.error("startdatum", _("Startdatum ligger i framtiden."))
        return None
    return start


@dataclass(frozen=True)
class _Exit:
    end_date: datetime.date | None
    exit_reason: str
    outcome: str
    occupation_after: str
    income_after: tuple[str, ...]
    step_forward: bool | None
    recommendation: str


def _exit(cells: _Cells, context: ImportContext, start: datetime.date | None) -> _Exit:
    end = cells.date("slutdatum")
    result = _Exit(
        end_date=end,
        exit_reason=cells.choice("avslutsorsak", ExitReason),
        outcome=cells.choice("utfall", Outcome),
        occupation_after=cells.choice("sysselsattning_efter", Occupation),
        income_after=cells.choices("forsorjning_efter", IncomeSource),
        step_forward=cells.yes_no("stegforflyttning"),
        recommendation=cells.choice("rekommendation", Recommendation),
    )
    if not cells.text("slutdatum"):
        for column in EXIT_COLUMNS:
            if cells.text(column):
                cells.error(column, _("Kan bara anges när slutdatum är ifyllt."))
    elif end is not None:
        if start is not None and end < start:
            cells.error("slutdatum", _("Slutdatum ligger före startdatum."))
        if end > context.today:
            cells.error("slutdatum", _("Slutdatum ligger i framtiden."))
        if not cells.text("avslutsorsak"):
            cells.error("avslutsorsak", _("Ska fyllas i när slutdatum är ifyllt."))
    contradiction = outcome_contradiction(
        outcome=result.outcome, occupation_after=result.occupation_after
    )
    if contradiction:
        cells.error("utfall", contradiction)
    if cells.text("rekommendation") and not context.intervention.uses_resursinventering:
        cells.error(
            "rekommendation",
            _("Insatsen använder inte resursinventering, så rekommendation ska lämnas tom."),
        )
    return result


def _eligibility(
    cells: _Cells, intervention: Intervention, start: datetime.date, identity: _Identity
) -> None:
    """The intervention's rules (services/eligibility.py) warn but never stop an import."""
    if start < intervention.start_date:
        cells.warn(
            _("Startdatum ligger före insatsens start (%(date)s).")
            % {"date": intervention.start_date.isoformat()}
        )
    pnr = identity.personnummer
    facts = EligibilityFacts(
        on=start,
        birth_year=identity.birth_year,
        birth_date=pnr.birth_date if pnr else None,
        # The file does not say at how many parties the person was current: not checked.
        parties_current=intervention.min_parties_current,
    )
    for warning in eligibility_warnings(intervention=intervention, facts=facts):
        cells.warn(warning)


def validate_row(
    row: ImportRow, context: ImportContext
) -> tuple[CleanRow | None, list[RowError], list[RowWarning]]:
    """Check one row; a clean record only when the row has no error at all."""
    cells = _Cells(row)
    if row.overflow:
        cells.error(_("(hela raden)"), _("Raden har fler värden än rubrikraden har kolumner."))
    identity = _identity(cells, context.today)
    party_id = _referring_party(cells, context, identity.municipality_code)
    start = _start_date(cells, context.today)
    income_before = cells.choices("forsorjning_fore", IncomeSource)
    occupation_before = cells.choice("sysselsattning_fore", Occupation)
    education = cells.choice("utbildningsniva", EducationLevel) or EducationLevel.OKAND
    exit_ = _exit(cells, context, start)
    if cells.errors or start is None:
        return None, cells.errors, cells.warnings
    _eligibility(cells, context.intervention, start, identity)
    pnr = identity.personnummer
    anonymous = pnr is None
    clean = CleanRow(
        number=row.number,
        personnummer=pnr,
        blind_index=personnummer_blind_index(pnr) if pnr else "",
        first_name="" if anonymous else identity.first_name,
        last_name="" if anonymous else identity.last_name,
        gender=identity.gender,
        birth_year=identity.birth_year,
        municipality_code="" if anonymous else identity.municipality_code,
        referring_party_id=party_id,
        start_date=start,
        income_before=income_before,
        occupation_before=occupation_before,
        education_level=education,
        **exit_.__dict__,
    )
    return clean, cells.errors, cells.warnings


@dataclass
class CheckedFile:
    """What checking every row leaves: the problems to show, and no row."""

    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)


def check_rows(rows: Iterable[ImportRow], context: ImportContext) -> CheckedFile:
    """Check every row (all errors are reported, not just the first) and in-file duplicates,
    keeping no row: the key of each identified row goes to the database (``FileKeys``)."""
    checked = CheckedFile()
    with FileKeys() as keys:
        for row in rows:
            clean, row_errors, row_warnings = validate_row(row, context)
            checked.errors.extend(row_errors)
            checked.warnings.extend(row_warnings)
            if clean is not None and clean.blind_index:
                keys.add(clean.number, clean.blind_index, clean.start_date)
        repeated = [
            RowError(
                row,
                "startdatum",
                _("Samma personnummer och startdatum finns redan på rad %(row)d.") % {"row": first},
            )
            for row, first in keys.repeated()
        ]
    # In row order, as a reader of the file goes; a row's own errors keep their order.
    checked.errors = sorted([*checked.errors, *repeated], key=lambda error: error.row)
    return checked


def clean_rows(rows: Iterable[ImportRow], context: ImportContext) -> Iterator[CleanRow]:
    """The rows as clean records, one at a time, for a file ``check_rows`` passed."""
    for row in rows:
        clean, errors, _warnings = validate_row(row, context)
        if clean is None or errors:  # the file changed between the two readings
            raise ValueError(f"row {row.number} no longer validates")
        yield clean
