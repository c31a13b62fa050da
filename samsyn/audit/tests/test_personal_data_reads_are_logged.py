"""Every page and API operation that returns a participant's data logs that participant.

The table in ``personal_data_urls.py`` says, for every URL name and every API operation id,
whether it returns personal data. This module

1. walks Django's URL resolver and the API's OpenAPI document and fails for any page or
   operation without a row (so a new URL must be classified before it merges);
2. requests every ``YES`` row as a persona who may see it, in a world with one participant
   of each kind the pages need, and asserts that the request wrote an audit event naming the
   participant (``participant_ref``), the way the log review's "who saw person X" finds it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from samsyn.api.urls import api
from samsyn.assessments.models import ProfessionalAssessment, ResourceInventory
from samsyn.audit.models import AuditEvent
from samsyn.audit.tests.personal_data_urls import API_OPERATIONS, NO, PAGES, WRITE, YES
from samsyn.collaboration.models import CaseDiscussion
from samsyn.collaboration.tests.case_setup import discussion_for
from samsyn.conftest import World
from samsyn.ips.models import BenefitsCounselling, CareerProfile, EmployerContact
from samsyn.ips.tests.employer_setup import make_employer
from samsyn.participants.models import (
    ActionPlan,
    Consent,
    JournalNote,
    PostExitFollowUp,
    Referral,
    Registration,
    SubGoal,
    WorkStart,
)
from samsyn.participants.tests.api_setup import ApiClient, as_api_fixture  # noqa: F401
from samsyn.participants.tests.factories import PersonFactory, ReferralFactory
from samsyn.participants.tests.intake_setup import PDF_BYTES
from samsyn.participants.tests.journey_setup import registration_for, structure_for

API_PREFIX = "/api/v1/"
ADMIN_PREFIX = "/django-admin/"


# --- 1. Every URL and operation has a row ---------------------------------------------------


def _page_names(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        part = str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _page_names(entry.url_patterns, prefix + part, inner)
        elif isinstance(entry, URLPattern):
            path = "/" + prefix + part
            if path.startswith((API_PREFIX, ADMIN_PREFIX)):
                continue
            yield f"{namespace}{entry.name}" if entry.name else path


PAGE_NAMES = sorted(set(_page_names(get_resolver().url_patterns)))


def _api_operations() -> dict[str, tuple[str, str]]:
    """operationId -> (method, path) from the API's OpenAPI document."""
    schema = api.get_openapi_schema()
    return {
        operation["operationId"]: (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }


def test_every_page_has_a_row() -> None:
    missing = [name for name in PAGE_NAMES if name not in PAGES]
    assert not missing, f"classify these pages in personal_data_urls.PAGES: {missing}"
    stale = sorted(set(PAGES) - set(PAGE_NAMES))
    assert not stale, f"rows for pages that no longer exist: {stale}"
    assert set(PAGES.values()) <= {YES, NO, WRITE}


def test_every_api_operation_has_a_row() -> None:
    operations = _api_operations()
    missing = sorted(set(operations) - set(API_OPERATIONS))
    assert not missing, f"classify these operations in personal_data_urls.API_OPERATIONS: {missing}"
    stale = sorted(set(API_OPERATIONS) - set(operations))
    assert not stale, f"rows for operations that no longer exist: {stale}"
    for operation_id, (method, _path) in operations.items():
        if API_OPERATIONS[operation_id] == YES:
            assert method == "get", f"{operation_id}: only a read can be YES"


def test_every_yes_row_has_a_request() -> None:
    assert {name for name, row in PAGES.items() if row == YES} == set(PAGE_REQUESTS)
    assert {name for name, row in API_OPERATIONS.items() if row == YES} == set(API_REQUESTS)


# --- 2. The world: one participant of each kind a page needs --------------------------------


@dataclass
class Place:
    registration: Registration  # ongoing, IPS and resursinventering, every journey record
    ended: Registration  # ended, with post-exit follow-ups
    referral: Referral  # pending (to decide)
    accepted: Referral  # accepted, not yet registered
    fresh: Registration  # ongoing, nothing recorded yet (to start a resursinventering)
    consent: Consent  # the registration's, with a signed form
    sub_goal: SubGoal
    post_exit: PostExitFollowUp
    counselling: BenefitsCounselling
    employer_id: int
    assessment_id: int
    work_start_id: int
    discussion: CaseDiscussion  # the registration's person as a team's case


@pytest.fixture
def place(world: World, settings: Any, tmp_path: Any) -> Place:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    intervention = world.intervention
    intervention.methods = ["ips", "resursinventering"]
    intervention.start_date = datetime.date(2026, 1, 1)
    intervention.save(update_fields=["methods", "start_date"])
    structure_for(world)
    # Due for a follow-up, in LSS daily activity: on every list of the coach's day.
    registration = registration_for(
        world, next_follow_up_due=timezone.localdate() - datetime.timedelta(days=3)
    )
    assert registration.referral is not None
    registration.referral.has_lss_daily_activity = True
    registration.referral.save(update_fields=["has_lss_daily_activity"])
    consent = registration.consent
    assert consent is not None
    consent.document.save("samtycke.pdf", ContentFile(PDF_BYTES), save=False)
    consent.document_type = "application/pdf"
    consent.save()
    JournalNote.objects.create(registration=registration, author=world["coach"], text="Samtal")
    plan = ActionPlan.objects.create(registration=registration, overall_goal="Arbete")
    sub_goal = SubGoal.objects.create(plan=plan, description="Praktik")
    CareerProfile.objects.create(
        registration=registration,
        interests="Matlagning",
        preferred_industries=["G"],
        preferred_municipalities=["1780"],
    )
    counselling = BenefitsCounselling.objects.create(
        registration=registration, offered_on=datetime.date(2026, 2, 10)
    )
    employer = make_employer(world)
    EmployerContact.objects.create(
        employer=employer,
        coach=world["coach"],
        intervention=intervention,
        registration=registration,
        contacted_on=timezone.localdate(),
        kind="besok",
        purpose="Praktikplats",
    )
    inventory = ResourceInventory.objects.create(
        registration=registration, started_on=datetime.date(2026, 2, 2)
    )
    assessment = ProfessionalAssessment.objects.create(
        inventory=inventory,
        profession="lakare",
        assessor="Dr Test",
        assessed_on=datetime.date(2026, 2, 3),
        findings="Nedsatt uthållighet.",
    )
    ended = registration_for(world, person=PersonFactory(forbund=world.forbund))
    ended.end_date = timezone.localdate() - datetime.timedelta(days=200)
    ended.start_date = ended.end_date - datetime.timedelta(days=100)
    ended.exit_reason = "fullfoljt"
    ended.occupation_after = "arbetar"
    ended.outcome = "arbete"
    ended.save()
    post_exit = PostExitFollowUp.objects.create(
        registration=ended, months_after=6, due_on=ended.end_date + datetime.timedelta(days=182)
    )
    referral = ReferralFactory(
        intervention=intervention,
        person=PersonFactory(forbund=world.forbund),
        referring_party=world.kommun,
        referred_by=world["handlaggare"],
        referred_on=timezone.localdate() - datetime.timedelta(days=3),
        status="pending",
    )
    accepted = ReferralFactory(
        intervention=intervention,
        person=PersonFactory(forbund=world.forbund),
        referring_party=world.kommun,
        referred_by=world["handlaggare"],
        referred_on=timezone.localdate() - datetime.timedelta(days=5),
        status="accepted",
        decided_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    fresh = registration_for(world, person=PersonFactory(forbund=world.forbund))
    work_start = WorkStart.objects.create(
        registration=registration,
        kind="arbete",
        form="osubventionerad",
        employer="Testbolaget",
        start_date=datetime.date(2026, 3, 1),
    )
    return Place(
        registration=registration,
        accepted=accepted,
        fresh=fresh,
        ended=ended,
        referral=referral,
        consent=consent,
        sub_goal=sub_goal,
        post_exit=post_exit,
        counselling=counselling,
        employer_id=employer.pk,
        assessment_id=assessment.pk,
        work_start_id=work_start.pk,
        discussion=discussion_for(world, registration),
    )


# --- 3. Each YES row, requested ----------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    persona: str
    url: Callable[[Place], str]
    # Whose data the answer shows (default: the ongoing registration's person).
    person: Callable[[Place], str] = lambda p: p.registration.person.pseudonym


def _reg(name: str, **extra: Callable[[Place], Any]) -> Callable[[Place], str]:
    def url(p: Place) -> str:
        kwargs = {"pk": p.registration.pk, **{key: get(p) for key, get in extra.items()}}
        return reverse(name, kwargs=kwargs)

    return url


def _plain(name: str, **kwargs: Callable[[Place], Any]) -> Callable[[Place], str]:
    return lambda p: reverse(name, kwargs={key: get(p) for key, get in kwargs.items()})


def _pseudonym_of_ended(p: Place) -> str:
    return p.ended.person.pseudonym


def _pseudonym_of_referral(p: Place) -> str:
    return p.referral.person.pseudonym


def _intervention(p: Place) -> int:
    return p.registration.intervention_id


def _registration(p: Place) -> int:
    return p.registration.pk


IA, COACH = "insatsansvarig", "coach"

PAGE_REQUESTS: dict[str, Request] = {
    "interventions:detail": Request(IA, _plain("interventions:detail", pk=_intervention)),
    "participants:referral_list": Request(
        IA, _plain("participants:referral_list"), _pseudonym_of_referral
    ),
    "participants:referral_mine": Request(
        "handlaggare", _plain("participants:referral_mine"), _pseudonym_of_referral
    ),
    "participants:referral_detail": Request(
        IA,
        _plain("participants:referral_detail", pk=lambda p: p.referral.pk),
        _pseudonym_of_referral,
    ),
    "participants:referral_decide": Request(
        IA,
        _plain("participants:referral_decide", pk=lambda p: p.referral.pk),
        _pseudonym_of_referral,
    ),
    "participants:referral_consent_create": Request(
        IA,
        _plain("participants:referral_consent_create", pk=lambda p: p.referral.pk),
        _pseudonym_of_referral,
    ),
    "participants:referral_register": Request(
        IA,
        _plain("participants:referral_register", pk=lambda p: p.accepted.pk),
        lambda p: p.accepted.person.pseudonym,
    ),
    "participants:registration_consent_create": Request(
        IA, _reg("participants:registration_consent_create")
    ),
    "participants:consent_withdraw": Request(
        IA, _plain("participants:consent_withdraw", pk=lambda p: p.consent.pk)
    ),
    "participants:consent_download": Request(
        IA, _plain("participants:consent_download", pk=lambda p: p.consent.pk)
    ),
    "participants:registration_detail": Request(COACH, _reg("participants:registration_detail")),
    "participants:workstart_status": Request(
        COACH, _reg("participants:workstart_status", start_id=lambda p: p.work_start_id)
    ),
    "participants:plan_edit": Request(COACH, _reg("participants:plan_edit")),
    "participants:subgoal_create": Request(COACH, _reg("participants:subgoal_create")),
    "participants:subgoal_edit": Request(
        COACH, _reg("participants:subgoal_edit", sub_goal_pk=lambda p: p.sub_goal.pk)
    ),
    "participants:phase_change": Request(COACH, _reg("participants:phase_change")),
    "participants:activity_create": Request(COACH, _reg("participants:activity_create")),
    "participants:step_record_create": Request(COACH, _reg("participants:step_record_create")),
    "participants:indicator_rating_create": Request(
        COACH, _reg("participants:indicator_rating_create")
    ),
    "participants:note_create": Request(COACH, _reg("participants:note_create")),
    "participants:caseload": Request(COACH, _plain("participants:caseload")),
    "participants:followups_due": Request(COACH, _plain("participants:followups_due")),
    "participants:post_exit_due": Request(
        COACH, _plain("participants:post_exit_due"), _pseudonym_of_ended
    ),
    "participants:followup_create": Request(COACH, _reg("participants:followup_create")),
    "participants:workstart_create": Request(COACH, _reg("participants:workstart_create")),
    "participants:exit": Request(COACH, _reg("participants:exit")),
    "participants:post_exit_record": Request(
        COACH,
        _plain(
            "participants:post_exit_record",
            pk=lambda p: p.ended.pk,
            followup_id=lambda p: p.post_exit.pk,
        ),
        _pseudonym_of_ended,
    ),
    "participants:contact_log": Request(COACH, _reg("participants:contact_log")),
    "participants:work_wish": Request(COACH, _reg("participants:work_wish")),
    "participants:daily_activity_due": Request(COACH, _plain("participants:daily_activity_due")),
    "ips:career_profile": Request(
        COACH, _plain("ips:career_profile", registration_pk=_registration)
    ),
    "ips:career_profile_edit": Request(
        COACH, _plain("ips:career_profile_edit", registration_pk=_registration)
    ),
    "ips:career_counselling_create": Request(
        COACH, _plain("ips:career_counselling_create", registration_pk=_registration)
    ),
    "ips:career_counselling_edit": Request(
        COACH,
        _plain(
            "ips:career_counselling_edit",
            registration_pk=_registration,
            record_pk=lambda p: p.counselling.pk,
        ),
    ),
    "ips:employer_detail": Request(
        COACH, _plain("ips:employer_detail", pk=lambda p: p.employer_id)
    ),
    "ips:employer_contact_create": Request(
        COACH, _plain("ips:employer_contact_create", pk=lambda p: p.employer_id)
    ),
    "ips:employer_suggestions": Request(
        COACH, _plain("ips:employer_suggestions", pk=lambda p: p.employer_id)
    ),
    "ips:contact_mine": Request(COACH, _plain("ips:contact_mine")),
    "ips:contact_participant": Request(
        COACH, _plain("ips:contact_participant", registration_pk=_registration)
    ),
    "ips:job_development": Request(
        IA,
        lambda p: (
            reverse("ips:job_development") + f"?insats={p.registration.intervention_id}&period=12"
        ),
    ),
    "assessments:inventory": Request(COACH, _reg("assessments:inventory")),
    "assessments:start": Request(
        COACH,
        _plain("assessments:start", pk=lambda p: p.fresh.pk),
        lambda p: p.fresh.person.pseudonym,
    ),
    "assessments:observation": Request(COACH, _reg("assessments:observation")),
    "assessments:assessment_create": Request(COACH, _reg("assessments:assessment_create")),
    "assessments:assessment_edit": Request(
        COACH, _reg("assessments:assessment_edit", assessment_pk=lambda p: p.assessment_id)
    ),
    "assessments:week_create": Request(COACH, _reg("assessments:week_create")),
    "assessments:recommendation": Request(COACH, _reg("assessments:recommendation")),
    "assessments:handover": Request(COACH, _reg("assessments:handover")),
    "assessments:distribution": Request(IA, _plain("assessments:distribution", pk=_intervention)),
    "collaboration:case_list": Request(
        COACH, _plain("collaboration:case_list", team_pk=lambda p: p.discussion.case.team_id)
    ),
    "collaboration:case_detail": Request(
        COACH, _plain("collaboration:case_detail", pk=lambda p: p.discussion.case_id)
    ),
    "collaboration:meeting_detail": Request(
        COACH, _plain("collaboration:meeting_detail", pk=lambda p: p.discussion.meeting_id)
    ),
    "collaboration:meeting_cases": Request(
        COACH, _plain("collaboration:meeting_cases", meeting_pk=lambda p: p.discussion.meeting_id)
    ),
    "collaboration:case_add": Request(
        COACH, _plain("collaboration:case_add", meeting_pk=lambda p: p.discussion.meeting_id)
    ),
    "collaboration:discussion_notes": Request(
        COACH, _plain("collaboration:discussion_notes", pk=lambda p: p.discussion.pk)
    ),
}


def _api(path: str, **query: Callable[[Place], Any]) -> Callable[[Place], str]:
    """An API path with ``{registration_id}`` etc. filled from the place."""

    def url(p: Place) -> str:
        filled = path.format(
            registration_id=p.registration.pk,
            consent_id=p.consent.pk,
            employer_id=p.employer_id,
            intervention_id=p.registration.intervention_id,
        )
        params = "&".join(f"{key}={get(p)}" for key, get in query.items())
        return filled + (f"?{params}" if params else "")

    return url


API_REQUESTS: dict[str, Request] = {
    "samsyn_participants_api_registrations_registration_list": Request(
        COACH, _api("/registrations")
    ),
    "samsyn_participants_api_registrations_registration_detail": Request(
        COACH, _api("/registrations/{registration_id}")
    ),
    "samsyn_participants_api_referrals_referral_list": Request(
        IA, _api("/referrals"), _pseudonym_of_referral
    ),
    "samsyn_participants_api_plan_plan_get": Request(
        COACH, _api("/registrations/{registration_id}/plan")
    ),
    "samsyn_participants_api_journey_activity_list": Request(
        COACH, _api("/registrations/{registration_id}/activities")
    ),
    "samsyn_participants_api_records_note_list": Request(
        COACH, _api("/registrations/{registration_id}/notes")
    ),
    "samsyn_participants_api_records_rating_list": Request(
        COACH, _api("/registrations/{registration_id}/indicator-ratings")
    ),
    "samsyn_participants_api_followups_follow_up_list": Request(
        COACH, _api("/registrations/{registration_id}/follow-ups")
    ),
    "samsyn_participants_api_followups_follow_ups_due": Request(COACH, _api("/follow-ups/due")),
    "samsyn_participants_api_followups_start_list": Request(
        COACH, _api("/registrations/{registration_id}/starts")
    ),
    "samsyn_participants_api_exits_post_exit_due": Request(
        COACH, _api("/post-exit-follow-ups/due"), _pseudonym_of_ended
    ),
    "samsyn_participants_api_consents_consent_list": Request(
        COACH, _api("/registrations/{registration_id}/consents")
    ),
    "samsyn_participants_api_consents_consent_document": Request(
        IA, _api("/consents/{consent_id}/document")
    ),
    "samsyn_ips_api_career_career_profile_get": Request(
        COACH, _api("/ips/registrations/{registration_id}/career-profile")
    ),
    "samsyn_ips_api_career_counselling_list": Request(
        COACH, _api("/ips/registrations/{registration_id}/benefits-counselling")
    ),
    "samsyn_ips_api_employers_contact_list": Request(
        COACH, _api("/ips/employers/{employer_id}/contacts")
    ),
    "samsyn_assessments_api_inventory_get": Request(
        COACH, _api("/resursinventeringar/{registration_id}")
    ),
    "samsyn_assessments_api_recommendations_get": Request(
        IA, _api("/interventions/{intervention_id}/recommendations")
    ),
    "samsyn_collaboration_api_cases_case_list": Request(
        COACH, lambda p: f"/collaboration/teams/{p.discussion.case.team_id}/cases"
    ),
    "samsyn_collaboration_api_cases_case_get": Request(
        COACH, lambda p: f"/collaboration/cases/{p.discussion.case_id}"
    ),
    "samsyn_collaboration_api_cases_meeting_cases": Request(
        COACH, lambda p: f"/collaboration/meetings/{p.discussion.meeting_id}/cases"
    ),
}


def _assert_logged(world: World, request: Request, place: Place, response: Any, url: str) -> None:
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    pseudonym = request.person(place)
    events = AuditEvent.objects.filter(actor=world[request.persona], participant_ref=pseudonym)
    assert events.exists(), (
        f"{url} shows {pseudonym} to {request.persona} but logged no event naming them; "
        f"logged: {list(AuditEvent.objects.values_list('detail', 'participant_ref'))}"
    )


@pytest.mark.parametrize("name", sorted(PAGE_REQUESTS))
def test_page_logs_the_participant_it_shows(
    name: str, world: World, place: Place, as_persona: Callable[[str], Client]
) -> None:
    request = PAGE_REQUESTS[name]
    url = request.url(place)
    before = set(AuditEvent.objects.values_list("id", flat=True))
    response = as_persona(request.persona).get(url)
    _assert_logged(world, request, place, response, url)
    new = AuditEvent.objects.exclude(id__in=before).filter(
        participant_ref=request.person(place), actor=world[request.persona]
    )
    assert new.exists(), f"{url}: the event naming the participant predates the request"


@pytest.mark.parametrize("operation_id", sorted(API_REQUESTS))
def test_api_operation_logs_the_participant_it_returns(
    operation_id: str, world: World, place: Place, as_api: Callable[[str], ApiClient]
) -> None:
    request = API_REQUESTS[operation_id]
    url = request.url(place)
    before = set(AuditEvent.objects.values_list("id", flat=True))
    response = as_api(request.persona).client.get(API_PREFIX.rstrip("/") + url)
    _assert_logged(world, request, place, response, url)
    new = AuditEvent.objects.exclude(id__in=before).filter(
        participant_ref=request.person(place), actor=world[request.persona]
    )
    assert new.exists(), f"{url}: the event naming the participant predates the request"


def test_no_row_is_both_a_page_and_an_operation() -> None:
    # Guards the two tables against drifting into each other.
    assert not set(PAGES) & set(API_OPERATIONS)
    assert NO != YES != WRITE
