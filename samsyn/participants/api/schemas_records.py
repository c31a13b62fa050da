"""Request and response bodies of the journal notes, indicator ratings, consents and the
undoing of an exit (the rest are in schemas.py, whose conventions hold here too)."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from samsyn.participants.api.schemas import Day, Id, In, LongText, NamedOut, Version

Score = Annotated[int, Field(ge=1, le=5, description="1 (low) to 5 (high).")]


class NoteOut(Schema):
    id: int
    written_at: datetime.datetime
    author: str
    text: str


class NoteIn(In):
    text: LongText


class ScoreOut(Schema):
    indicator: NamedOut
    score: int


class MeasurementOut(Schema):
    rated_on: datetime.date
    mean: float
    scores: list[ScoreOut]


class ScoreIn(In):
    indicator: Id
    score: Score


class MeasurementIn(In):
    rated_on: Day
    scores: Annotated[list[ScoreIn], Field(max_length=100)] = Field(
        description="One score for every indicator of the intervention."
    )


class ConsentOut(Schema):
    id: int
    version: int
    parties: list[NamedOut]
    valid_from: datetime.date
    valid_to: datetime.date | None
    withdrawn_on: datetime.date | None
    active: bool
    has_document: bool


class WithdrawalIn(In):
    version: Version
    withdrawn_on: Day


class VersionIn(In):
    version: Version
