"""Request and answer bodies of the collaboration API (cases discussed)."""

from __future__ import annotations

import datetime

from ninja import Schema

from samsyn.participants.api.schemas import Id, In, LongText, ShortText, Version


class CaseOut(Schema):
    id: int
    team_id: int
    code: str
    summary: str
    # The person's name only where the identity rule allows it (docs/collaboration-cases.md).
    identified: bool
    name: str | None
    first_raised: datetime.date
    meetings_discussed: int
    has_referral: bool
    is_closed: bool


class DiscussionOut(Schema):
    id: int
    meeting_id: int
    meeting_date: datetime.date
    case_id: int
    code: str
    identified: bool
    name: str | None
    notes: str
    version: int
    frozen: bool


class CaseDetailOut(Schema):
    case: CaseOut
    discussions: list[DiscussionOut]


class CaseIn(In):
    """Exactly one way to name the case: ``case_id`` (continue one of the team's cases),
    ``person_id`` (a participant the caller may see) or only ``summary`` (a new case without
    identity)."""

    case_id: Id | None = None
    person_id: Id | None = None
    summary: ShortText = ""


class NotesIn(In):
    notes: LongText
    version: Version
