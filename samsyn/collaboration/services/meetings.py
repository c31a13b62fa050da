"""Planning a team's meetings one at a time or as a series, changing them, and the
decisions taken at them.

Only the team's coordinator (or the förbundsadministratör) writes; a member who may read the
meeting gets 403, everyone else 404. A date more than a year from today is questioned: the
caller must confirm it (``confirm_date``), since it is more often a typing error than a plan.
Once the minutes are approved the meeting is frozen and every write here is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samsyn.audit.models import AuditAction
from samsyn.collaboration.models import Meeting, MeetingDecision, MeetingKind, MeetingStatus
from samsyn.collaboration.services._common import (
    Errors,
    audit_write,
    locked_meeting,
    raise_if,
    require_coordinator,
    require_not_frozen,
    too_long,
)
from samsyn.collaboration.services.deleted import remember_decision
from samsyn.core.models import Team, User
from samsyn.core.versioning import save_versioned

FAR_DAYS = 365
MAX_SERIES = 60
MAX_EVERY_WEEKS = 52
MEETING_FIELDS = ["date", "start_time", "place", "link", "kind", "status", "agenda"]


@dataclass(frozen=True)
class MeetingFields:
    date: datetime.date
    start_time: datetime.time | None = None
    place: str = ""
    link: str = ""
    kind: str = MeetingKind.ORDINARY
    status: str = MeetingStatus.PLANNED
    agenda: str = ""


@dataclass(frozen=True)
class SeriesFields:
    """Either every ``every_weeks`` weeks from ``first`` until ``until``, or hand-picked
    ``dates``. Time, place, link and agenda are the same for every meeting."""

    first: datetime.date | None = None
    until: datetime.date | None = None
    every_weeks: int | None = None
    dates: tuple[datetime.date, ...] = ()
    start_time: datetime.time | None = None
    place: str = ""
    link: str = ""
    agenda: str = ""


def far_date_error(day: datetime.date, *, confirmed: bool) -> Errors:
    """Questions a date more than a year before or after today, unless confirmed."""
    if confirmed or abs((day - timezone.localdate()).days) <= FAR_DAYS:
        return {}
    return {
        "confirm_date": [
            _(
                "Datumet %(date)s ligger mer än ett år från i dag. Stämmer det? Kryssa i "
                "rutan och spara igen för att bekräfta."
            )
            % {"date": day.isoformat()}
        ]
    }


def _place_errors(place: str, link: str, agenda: str) -> Errors:
    errors: Errors = {}
    too_long(place, 200, "place", errors)
    too_long(agenda, 10_000, "agenda", errors)
    if link:
        try:
            URLValidator(schemes=["https"])(link)
        except ValidationError:
            errors["link"] = [_("Ange länken som en fullständig adress som börjar med https://.")]
        too_long(link, 200, "link", errors)
    return errors


def _meeting_errors(fields: MeetingFields, *, confirmed: bool) -> Errors:
    errors = _place_errors(fields.place, fields.link, fields.agenda)
    if fields.kind not in MeetingKind.values:
        errors["kind"] = [_("Välj ordinarie eller extra möte.")]
    if fields.status not in MeetingStatus.values:
        errors["status"] = [_("Välj planerat, genomfört eller inställt.")]
    elif fields.status == MeetingStatus.HELD and fields.date > timezone.localdate():
        errors["status"] = [_("Ett möte kan inte vara genomfört innan dagen det hålls.")]
    if not errors:
        errors.update(far_date_error(fields.date, confirmed=confirmed))
    return errors


def _values(fields: MeetingFields) -> dict[str, object]:
    return {
        "date": fields.date,
        "start_time": fields.start_time,
        "place": fields.place.strip(),
        "link": fields.link.strip(),
        "kind": fields.kind,
        "status": fields.status,
        "agenda": fields.agenda.strip(),
    }


@transaction.atomic
def meeting_plan(
    *, actor: User, team: Team, fields: MeetingFields, confirm_date: bool = False
) -> Meeting:
    """Plan (or record afterwards) one meeting of the team."""
    require_coordinator(actor, team)
    raise_if(_meeting_errors(fields, confirmed=confirm_date))
    meeting = Meeting.objects.create(team=team, created_by=actor, **_values(fields))
    audit_write(actor, AuditAction.CREATE, team, meeting, f"Möte planerat {meeting.date}")
    return meeting


def _series_dates(series: SeriesFields) -> tuple[list[datetime.date], Errors]:
    if series.dates:
        return sorted(set(series.dates)), {}
    if series.first is None or series.until is None or not series.every_weeks:
        return [], {
            "every_weeks": [
                _(
                    "Ange första datum, sista datum och antal veckor mellan mötena, eller välj "
                    "datumen ett och ett."
                )
            ]
        }
    if not 1 <= series.every_weeks <= MAX_EVERY_WEEKS:
        return [], {"every_weeks": [_("Ange mellan 1 och 52 veckor mellan mötena.")]}
    if series.until < series.first:
        return [], {"until": [_("Sista datum kan inte vara före första datum.")]}
    step = datetime.timedelta(weeks=series.every_weeks)
    dates: list[datetime.date] = []
    day = series.first
    while day <= series.until and len(dates) <= MAX_SERIES:
        dates.append(day)
        day += step
    return dates, {}


@transaction.atomic
def meeting_series_plan(
    *, actor: User, team: Team, series: SeriesFields, confirm_date: bool = False
) -> list[Meeting]:
    """Plan ordinary meetings ahead on a cadence or on hand-picked dates, sharing a series
    number so the team can see them as one plan."""
    require_coordinator(actor, team)
    dates, errors = _series_dates(series)
    errors.update(_place_errors(series.place, series.link, series.agenda))
    if not errors and len(dates) > MAX_SERIES:
        errors["until"] = [_("En serie kan ha högst %(n)s möten.") % {"n": MAX_SERIES}]
    if not errors:
        for day in (dates[0], dates[-1]):
            errors.update(far_date_error(day, confirmed=confirm_date))
    raise_if(errors)
    Team.objects.select_for_update().filter(pk=team.pk).first()
    number = (Meeting.objects.filter(team=team).aggregate(n=Max("series"))["n"] or 0) + 1
    common = MeetingFields(
        date=dates[0],
        start_time=series.start_time,
        place=series.place,
        link=series.link,
        agenda=series.agenda,
    )
    values = _values(common)
    values.pop("date")
    meetings = [
        Meeting.objects.create(team=team, date=day, series=number, created_by=actor, **values)
        for day in dates
    ]
    audit_write(
        actor,
        AuditAction.CREATE,
        team,
        meetings[0],
        f"Mötesserie {number} planerad: {len(meetings)} möten {dates[0]}–{dates[-1]}",
    )
    return meetings


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting_id: int,
    expected_version: int,
    fields: MeetingFields,
    confirm_date: bool = False,
) -> Meeting:
    meeting = locked_meeting(actor, meeting_id)
    require_not_frozen(meeting)
    confirmed = confirm_date or fields.date == meeting.date
    raise_if(_meeting_errors(fields, confirmed=confirmed))
    for name, value in _values(fields).items():
        setattr(meeting, name, value)
    save_versioned(meeting, expected_version=expected_version, fields=MEETING_FIELDS)
    audit_write(actor, AuditAction.UPDATE, meeting.team, meeting, "Möte ändrat")
    return meeting


@transaction.atomic
def decision_add(*, actor: User, meeting_id: int, text: str) -> MeetingDecision:
    meeting = locked_meeting(actor, meeting_id)
    require_not_frozen(meeting)
    text = text.strip()
    errors: Errors = {}
    if not text:
        errors["text"] = [_("Skriv vad mötet beslutade.")]
    too_long(text, 4000, "text", errors)
    raise_if(errors)
    order = (meeting.decisions.aggregate(n=Max("order"))["n"] or 0) + 1
    decision = MeetingDecision.objects.create(meeting=meeting, text=text, order=order)
    audit_write(actor, AuditAction.CREATE, meeting.team, decision, f"Beslut vid möte {meeting.pk}")
    return decision


@transaction.atomic
def decision_remove(*, actor: User, meeting_id: int, decision_id: int) -> None:
    meeting = locked_meeting(actor, meeting_id)
    require_not_frozen(meeting)
    decision = meeting.decisions.filter(pk=decision_id).first()
    if decision is None:
        raise ValidationError(_("Beslutet finns inte längre."), code="gone")
    audit_write(
        actor, AuditAction.DELETE, meeting.team, decision, f"Beslut borttaget, möte {meeting.pk}"
    )
    remember_decision(actor=actor, meeting=meeting, decision=decision)
    decision.delete()
