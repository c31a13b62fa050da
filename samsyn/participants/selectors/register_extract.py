"""The register extract (registerutdrag, GDPR Art. 15): everything the förbund holds about a
person, found by personnummer through the blind index, and who has read or changed it.

Only a förbundsadministratör of the förbund may ask; anyone else gets a 404. Nothing of
another förbund is ever included: the person row, every record and every log event are
filtered by the förbund. The service (services/register_extract.py) logs the request and
the delivery (docs/data-lifecycle.md)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils import timezone

from samsyn.audit.models import AuditEvent
from samsyn.core.models import Forbund, User
from samsyn.core.personnummer import Personnummer, personnummer_blind_index
from samsyn.core.roles import Role
from samsyn.core.selectors.scoping import forbunds_administered_by
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    Consent,
    ConsentRecipient,
    ErasureRequest,
    FollowUpMeeting,
    IndicatorRating,
    JournalNote,
    ParticipantContact,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Referral,
    Registration,
    RegistrationIncome,
    StepRecord,
    SubGoal,
    WorkStart,
    WorkWishCheck,
)
from samsyn.participants.personal_data import (
    ExtractRecord,
    ExtractSection,
    record_of,
    registered_holders,
    section_of,
)


@dataclass(frozen=True)
class AccessLogRow:
    occurred_at: datetime.datetime
    who: str
    role: str
    action: str
    intervention: str
    detail: str

    def as_json(self) -> dict[str, str]:
        return {
            "occurred_at": self.occurred_at.isoformat(),
            "who": self.who,
            "role": self.role,
            "action": self.action,
            "intervention": self.intervention,
            "detail": self.detail,
        }


@dataclass
class RegisterExtract:
    forbund: Forbund
    produced_at: datetime.datetime
    person: Person | None
    identity: ExtractRecord | None = None
    sections: list[ExtractSection] = field(default_factory=list)
    access_log: list[AccessLogRow] = field(default_factory=list)

    @property
    def pseudonym(self) -> str:
        return self.person.pseudonym if self.person is not None else ""

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "forbund": self.forbund.name,
            "produced_at": self.produced_at.isoformat(),
            "found": self.person is not None,
            "person": self.identity.as_json() if self.identity is not None else None,
            "sections": [section.as_json() for section in self.sections if section.records],
            "access_log": [row.as_json() for row in self.access_log],
        }


def administered_forbund_get(*, actor: User, forbund_id: int | None = None) -> Forbund:
    """A förbund ``actor`` administers (the only one, or the one asked for); 404 otherwise."""
    forbunds = forbunds_administered_by(actor).order_by("name")
    if forbund_id is not None:
        forbunds = forbunds.filter(pk=forbund_id)
    forbund = forbunds.first()
    if forbund is None:
        raise Http404
    return forbund


def administered_forbund_choices(*, actor: User) -> list[Forbund]:
    forbunds = list(forbunds_administered_by(actor).order_by("name"))
    if not forbunds:
        raise Http404
    return forbunds


def person_by_personnummer(*, forbund: Forbund, personnummer: Personnummer) -> Person | None:
    index = personnummer_blind_index(personnummer)
    return Person.objects.filter(forbund=forbund, personnummer_index=index).first()


def register_extract_build(*, forbund: Forbund, person: Person | None) -> RegisterExtract:
    """Everything held about ``person`` in ``forbund`` (the caller has checked the actor)."""
    extract = RegisterExtract(forbund=forbund, produced_at=timezone.now(), person=person)
    if person is None:
        return extract
    assert person.forbund_id == forbund.pk
    extract.identity = record_of(person, title="Person")
    registrations = list(
        Registration.objects.filter(person=person, intervention__forbund=forbund)
        .select_related(
            "intervention", "referral", "consent", "referring_party", "coach", "current_phase"
        )
        .order_by("start_date", "id")
    )
    ids = [registration.pk for registration in registrations]
    by_registration = {"registration_id__in": ids}
    referrals = Referral.objects.filter(person=person, intervention__forbund=forbund)
    consents = Consent.objects.filter(person=person, intervention__forbund=forbund)
    extract.sections = [
        section_of(
            "referrals",
            "Anvisningar",
            list(
                referrals.select_related(
                    "intervention",
                    "referring_party",
                    "referred_by",
                    "team",
                    "decided_by",
                    "warnings_acknowledged_by",
                ).order_by("referred_on", "id")
            ),
        ),
        section_of(
            "consents",
            "Samtycken",
            list(consents.select_related("intervention", "recorded_by").order_by("valid_from")),
        ),
        section_of(
            "consent_recipients",
            "Mottagare i samtycken",
            list(ConsentRecipient.objects.filter(consent__in=consents).select_related("consent")),
        ),
        section_of("registrations", "Inskrivningar", registrations),
        section_of(
            "incomes",
            "Försörjning",
            list(
                RegistrationIncome.objects.filter(**by_registration).select_related("registration")
            ),
        ),
        *_journey_sections(ids),
    ]
    for holder in registered_holders():
        extract.sections.extend(holder.extract(ids))
    extract.sections.append(
        section_of(
            "erasure_requests",
            "Begäranden om radering",
            list(
                ErasureRequest.objects.filter(person=person).select_related(
                    "forbund", "person", "requested_by", "decided_by"
                )
            ),
        )
    )
    extract.access_log = _access_log(forbund, person)
    return extract


def _journey_sections(ids: list[int]) -> list[ExtractSection]:
    by_registration = {"registration_id__in": ids}
    registration = ("registration",)
    return [
        section_of(
            "action_plans",
            "Handlingsplaner",
            list(ActionPlan.objects.filter(**by_registration).select_related(*registration)),
        ),
        section_of(
            "sub_goals",
            "Delmål",
            list(
                SubGoal.objects.filter(plan__registration_id__in=ids).select_related(
                    "plan", "responsible_party"
                )
            ),
        ),
        section_of(
            "phase_changes",
            "Faser",
            list(
                PhaseChange.objects.filter(**by_registration).select_related(
                    "registration", "phase", "recorded_by"
                )
            ),
        ),
        section_of(
            "activities",
            "Aktiviteter",
            list(
                Activity.objects.filter(**by_registration).select_related(
                    "registration", "activity_type", "recorded_by"
                )
            ),
        ),
        section_of(
            "step_records",
            "Steg",
            list(
                StepRecord.objects.filter(**by_registration).select_related(
                    "registration", "step", "recorded_by"
                )
            ),
        ),
        section_of(
            "indicator_ratings",
            "Skattningar",
            list(
                IndicatorRating.objects.filter(**by_registration).select_related(
                    "registration", "indicator"
                )
            ),
        ),
        section_of(
            "follow_up_meetings",
            "Uppföljningsmöten",
            list(
                FollowUpMeeting.objects.filter(**by_registration).select_related(
                    "registration", "recorded_by"
                )
            ),
        ),
        section_of(
            "journal_notes",
            "Journalanteckningar",
            list(
                JournalNote.objects.filter(**by_registration).select_related(
                    "registration", "author"
                )
            ),
        ),
        section_of(
            "work_starts",
            "Arbets- och studiestarter",
            list(WorkStart.objects.filter(**by_registration).select_related(*registration)),
        ),
        section_of(
            "post_exit_follow_ups",
            "Uppföljning efter avslut",
            list(PostExitFollowUp.objects.filter(**by_registration).select_related(*registration)),
        ),
        section_of(
            "contacts",
            "Kontakter om deltagaren",
            list(
                ParticipantContact.objects.filter(**by_registration).select_related(
                    "registration", "party", "recorded_by"
                )
            ),
        ),
        section_of(
            "work_wish_checks",
            "Årlig fråga om arbete",
            list(
                WorkWishCheck.objects.filter(**by_registration).select_related(
                    "registration", "recorded_by"
                )
            ),
        ),
    ]


def _access_log(forbund: Forbund, person: Person) -> list[AccessLogRow]:
    """Who has read or changed the person's records: the log's events naming the code."""
    events = (
        AuditEvent.objects.filter(forbund=forbund, participant_ref=person.pseudonym)
        .select_related("actor", "intervention")
        .order_by("occurred_at", "id")
    )
    roles = dict(Role.choices)
    return [
        AccessLogRow(
            occurred_at=event.occurred_at,
            who=(event.actor.get_full_name() or event.actor_username)
            if event.actor is not None
            else event.actor_username,
            role=str(roles.get(event.role, event.role)),
            action=event.get_action_display(),
            intervention=str(event.intervention) if event.intervention_id else "",
            detail=event.detail,
        )
        for event in events
    ]
