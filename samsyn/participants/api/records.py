"""Journal notes, indicator ratings (one measurement: a date and a score per indicator) of a
registration."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from samsyn.audit.models import AuditAction
from samsyn.participants.api import schemas as s
from samsyn.participants.api.common import (
    ObjectId,
    actor_of,
    fields_renamed,
    invalid,
    writable_registration,
)
from samsyn.participants.models import IndicatorRating, JournalNote
from samsyn.participants.selectors.journey import indicator_ratings_of, journal_notes_of
from samsyn.participants.selectors.registrations import registration_get
from samsyn.participants.selectors.timeline import audit_notes_listed, user_name
from samsyn.participants.services.journey_access import audit_journey, can_write_journey
from samsyn.participants.services.notes import journal_note_create
from samsyn.participants.services.progression import indicator_ratings_create, indicators_for

router = Router(tags=["deltagarens väg"])


def notes_hidden_message() -> str:
    return _("Journalanteckningar visas bara för insatsansvarig och deltagarens coach.")


def _note_out(note: JournalNote) -> s.NoteOut:
    return s.NoteOut(
        id=note.pk, written_at=note.written_at, author=user_name(note.author), text=note.text
    )


@router.get(
    "/registrations/{registration_id}/notes",
    response={200: list[s.NoteOut], 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Journalanteckningar",
    description="Newest first. As on the participant page, only for those who may write the "
    "journey (the insatsansvarig and the participant's coach); a handläggare gets 403. "
    "Every call is logged: one view event per note read, naming the note.",
)
def note_list(request: HttpRequest, registration_id: ObjectId) -> list[s.NoteOut]:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    if not can_write_journey(actor=actor, registration=registration):
        raise PermissionDenied(notes_hidden_message())
    notes = journal_notes_of(registration=registration)
    if notes:
        audit_notes_listed(actor=actor, registration=registration, notes=notes, via=" (API)")
    else:
        # An empty answer is logged too: the caller looked.
        audit_journey(
            actor=actor,
            registration=registration,
            action=AuditAction.VIEW,
            detail="Visade journalanteckningar (0 st) (API)",
        )
    return [_note_out(note) for note in notes]


@router.post(
    "/registrations/{registration_id}/notes",
    response={201: s.NoteOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Skriv en journalanteckning",
    description="Notes are never edited: a correction is a new note. For the insatsansvarig "
    "and the participant's coach.",
)
def note_create(
    request: HttpRequest, registration_id: ObjectId, payload: s.NoteIn
) -> Status[s.NoteOut]:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    note = journal_note_create(actor=actor, registration=registration, text=payload.text)
    return Status(201, _note_out(note))


def _measurements(ratings: Iterable[IndicatorRating]) -> list[s.MeasurementOut]:
    """Ratings (ordered by date) grouped into measurements, newest first."""
    by_day: dict[datetime.date, list[s.IndicatorScoreOut]] = {}
    for rating in ratings:
        indicator = s.NamedOut(id=rating.indicator_id, name=rating.indicator.name)
        by_day.setdefault(rating.rated_on, []).append(
            s.IndicatorScoreOut(indicator=indicator, score=rating.score)
        )
    return [
        s.MeasurementOut(
            rated_on=day,
            mean=round(sum(score.score for score in scores) / len(scores), 2),
            scores=scores,
        )
        for day, scores in sorted(by_day.items(), reverse=True)
    ]


@router.get(
    "/registrations/{registration_id}/indicator-ratings",
    response={200: list[s.MeasurementOut], 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Skattningar av progressionsindikatorer",
    description="One item per measurement (date), newest first, with the score of every "
    "indicator and their mean. Logged as a view of the participant. For everyone who may "
    "see the registration.",
)
def rating_list(request: HttpRequest, registration_id: ObjectId) -> list[s.MeasurementOut]:
    actor = actor_of(request)
    registration = registration_get(actor=actor, registration_id=registration_id, audit=False)
    audit_journey(
        actor=actor,
        registration=registration,
        action=AuditAction.VIEW,
        obj=registration,
        detail="Skattningar visade (API)",
    )
    return _measurements(indicator_ratings_of(registration=registration))


@router.post(
    "/registrations/{registration_id}/indicator-ratings",
    response={201: s.MeasurementOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.InvalidOut},
    summary="Registrera en skattning",
    description="Every indicator of the intervention is rated together (1–5) on one date: "
    "one measurement per date. For the insatsansvarig and the participant's coach.",
)
def rating_create(
    request: HttpRequest, registration_id: ObjectId, payload: s.MeasurementIn
) -> Status[s.MeasurementOut]:
    actor = actor_of(request)
    registration = writable_registration(actor=actor, registration_id=registration_id)
    scores = {item.indicator: item.score for item in payload.scores}
    if len(scores) != len(payload.scores):
        raise invalid("scores", _("Varje indikator får skattas en gång."))
    names = {f"indicator_{indicator.pk}": "scores" for indicator in indicators_for(registration)}
    try:
        with fields_renamed(names):
            ratings = indicator_ratings_create(
                actor=actor, registration=registration, rated_on=payload.rated_on, scores=scores
            )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"scores": error.messages}) from error
    return Status(201, _measurements(ratings)[0])
