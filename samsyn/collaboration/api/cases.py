"""Cases discussed in the JSON API (/api/v1/collaboration/…). The same selectors and
services as the pages: 404 outside the team, 422 with Swedish field errors, 409 for a stale
``version``, names only where the identity rule allows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from samsyn.collaboration.api import case_schemas as s
from samsyn.collaboration.selectors import cases as selectors
from samsyn.collaboration.selectors.cases import ShownCase, ShownDiscussion
from samsyn.collaboration.services import cases as services
from samsyn.participants.api.common import ObjectId, actor_of
from samsyn.participants.api.schemas import ErrorOut, InvalidOut

router = Router(tags=["Samverkan: ärenden"])
READ_ERRORS = {404: ErrorOut}
WRITE_ERRORS = {404: ErrorOut, 409: ErrorOut, 422: InvalidOut}


def _name(shown: ShownCase) -> str | None:
    person = shown.case.person
    return person.display_name if shown.identified and person is not None else None


def _case_out(shown: ShownCase) -> s.CaseOut:
    case = shown.case
    return s.CaseOut(
        id=case.pk,
        team_id=case.team_id,
        code=case.code,
        summary=case.summary,
        identified=shown.identified,
        name=_name(shown),
        first_raised=shown.first_raised or case.raised_at.date,
        meetings_discussed=shown.meetings_discussed,
        has_referral=case.referral_id is not None,
        is_closed=case.is_closed,
    )


def _discussion_out(item: ShownDiscussion) -> s.DiscussionOut:
    discussion = item.discussion
    return s.DiscussionOut(
        id=discussion.pk,
        meeting_id=discussion.meeting_id,
        meeting_date=discussion.meeting.date,
        case_id=discussion.case_id,
        code=discussion.case.code,
        identified=item.shown.identified,
        name=_name(item.shown),
        notes=discussion.notes,
        version=discussion.version,
        frozen=item.frozen,
    )


@router.get(
    "/collaboration/teams/{team_id}/cases",
    response={200: list[s.CaseOut], **READ_ERRORS},
    summary="Teamets ärenden",
)
def case_list(request: HttpRequest, team_id: ObjectId) -> list[s.CaseOut]:
    user = actor_of(request)
    team = selectors.case_team_get(actor=user, team_id=team_id)
    return [_case_out(row) for row in selectors.case_list(actor=user, team=team)]


@router.get(
    "/collaboration/cases/{case_id}",
    response={200: s.CaseDetailOut, **READ_ERRORS},
    summary="Ett ärende med dess diskussioner över tid",
)
def case_get(request: HttpRequest, case_id: ObjectId) -> s.CaseDetailOut:
    user = actor_of(request)
    case = selectors.case_get(actor=user, case_id=case_id)
    page = selectors.case_page(actor=user, case=case)
    shown = ShownCase(
        case=case,
        identified=page.shown.identified,
        meetings_discussed=len(page.discussions),
        first_raised=case.raised_at.date,
    )
    return s.CaseDetailOut(
        case=_case_out(shown), discussions=[_discussion_out(d) for d in page.discussions]
    )


@router.get(
    "/collaboration/meetings/{meeting_id}/cases",
    response={200: list[s.DiscussionOut], **READ_ERRORS},
    summary="Ärendena vid ett möte, med anteckningar",
)
def meeting_cases(request: HttpRequest, meeting_id: ObjectId) -> list[s.DiscussionOut]:
    user = actor_of(request)
    meeting = selectors.case_meeting_get(actor=user, meeting_id=meeting_id)
    return [_discussion_out(item) for item in selectors.meeting_cases(actor=user, meeting=meeting)]


@router.post(
    "/collaboration/meetings/{meeting_id}/cases",
    response={201: s.DiscussionOut, **WRITE_ERRORS},
    summary="Ta upp ett ärende vid ett möte",
)
def case_create(
    request: HttpRequest, meeting_id: ObjectId, payload: s.CaseIn
) -> Status[s.DiscussionOut]:
    user = actor_of(request)
    meeting = selectors.case_meeting_get(actor=user, meeting_id=meeting_id)
    case = person = None
    if payload.case_id is not None:
        case = selectors.cases_visible_to(user).filter(pk=payload.case_id).first()
        if case is None:
            raise ValidationError({"case_id": _("Välj ett ärende i mötets team.")})
    if payload.person_id is not None:
        chosen = selectors.person_choices(actor=user, team=meeting.team, audit=False)
        person = next((p for p in chosen if p.pk == payload.person_id), None)
        if person is None:
            raise ValidationError({"person_id": _("Välj en deltagare som du har tillgång till.")})
    discussion = services.case_add_to_meeting(
        actor=user, meeting=meeting, case=case, person=person, summary=payload.summary
    )
    item = selectors.discussions_shown(actor=user, discussions=[discussion])[0]
    return Status(201, _discussion_out(item))


@router.put(
    "/collaboration/discussions/{discussion_id}/notes",
    response={200: s.DiscussionOut, **WRITE_ERRORS},
    summary="Skriv anteckningarna om ett ärende vid ett möte",
)
def notes_update(
    request: HttpRequest, discussion_id: ObjectId, payload: s.NotesIn
) -> s.DiscussionOut:
    user = actor_of(request)
    discussion = selectors.discussion_get(actor=user, discussion_id=discussion_id)
    services.case_notes_update(
        actor=user, discussion=discussion, notes=payload.notes, expected_version=payload.version
    )
    item = selectors.discussions_shown(actor=user, discussions=[discussion])[0]
    return _discussion_out(item)
