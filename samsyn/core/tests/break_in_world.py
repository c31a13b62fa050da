"""The world of the break-in suite: two förbund with the same structure and every role.

``build_side`` makes one förbund ("Testdalen" for the personas, "Annanstans" for the other
one): its parties, one intervention (running IPS and resursinventering) with every structure
row, every kind of money, training and implementation row, a referral, a registration with
its consent, plan, sub-goal and post-exit follow-up, a period report, an employer with a
contact person and an agreement, a fidelity review with an action, a resource inventory with
an assessment, a team with a member, a log review, and one user per role. Each object is
filed under a *kind* ("intervention", "registration", ...) that the table in
``break_in_table.py`` uses to fill URL parameters.

The other förbund's participant names, pseudonyms and personnummer, its employer and staff
names are its *secrets*: none may appear in a page or API answer to the personas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from samsyn.applications.models import (
    Application,
    Decision,
    DecisionYear,
    DeviationReport,
    PaymentClaim,
    PreparationNote,
)
from samsyn.applications.tests.break_in_objects import add_application_objects
from samsyn.assessments.models import ProfessionalAssessment, ResourceInventory
from samsyn.audit.models import LogReview
from samsyn.collaboration.models import (
    Attendance,
    CaseDiscussion,
    Meeting,
    MeetingAction,
    MeetingDecision,
    TeamCase,
)
from samsyn.conftest import PERSONA_ROLES, World
from samsyn.core.models import (
    Forbund,
    Membership,
    PartyKind,
    RoleGrantRequest,
    TeamKind,
    TeamMember,
)
from samsyn.core.roles import Role
from samsyn.core.services.api_tokens import api_token_create
from samsyn.core.tests.factories import (
    ForbundFactory,
    InterventionFactory,
    MembershipFactory,
    PartyFactory,
    TeamFactory,
    UserFactory,
)
from samsyn.interventions.models import (
    ActivityType,
    AdministrationCost,
    AgeBand,
    AnnualPlan,
    BudgetLine,
    Capacity,
    Financing,
    Goal,
    Grant,
    ImplementationItem,
    LadderStep,
    Phase,
    ProgressionIndicator,
    Training,
    TrainingAttendance,
    TrainingAttendee,
    TrainingEvidence,
    attendee_key,
)
from samsyn.ips.models import BenefitsCounselling, CareerProfile, EmployerContactPerson
from samsyn.ips.models.fidelity import FidelityAction, FidelityItem
from samsyn.ips.services.employers import AgreementFields, agreement_create, employer_create
from samsyn.ips.tests.employer_setup import fields as employer_fields
from samsyn.ips.tests.fidelity_setup import make_review
from samsyn.participants.models import ActionPlan, PostExitFollowUp, SubGoal, WorkStart
from samsyn.participants.models.lifecycle import ErasureRequest
from samsyn.participants.tests.factories import (
    ConsentFactory,
    PersonFactory,
    ReferralFactory,
    RegistrationFactory,
)
from samsyn.participants.tests.intake_setup import PDF_BYTES, fake_personnummer
from samsyn.reporting.models import PeriodReport, ReportKind
from samsyn.surveys.models import Instrument, Survey

YEAR = 2026


@dataclass
class Side:
    """One förbund of the break-in world: its personas, its objects by kind, its secrets."""

    world: World
    objects: dict[str, Any] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()
    # The participants' names, pseudonyms and personnummer (a part of ``secrets``).
    participant_secrets: tuple[str, ...] = ()
    # The participants' pseudonyms alone (a part of ``participant_secrets``).
    participant_codes: tuple[str, ...] = ()

    @property
    def forbund(self) -> Forbund:
        return self.world.forbund

    def pk(self, kind: str) -> Any:
        found = self.objects[kind]
        return found if isinstance(found, str | int) else found.pk


def _personas(
    forbund: Forbund, suffix: str, parties: dict[str, Any], scopes: dict[str, Any]
) -> dict:
    """One user per role, two more whose role reaches other people of the same förbund
    (a coach of its second intervention, a handläggare of a party that referred nobody),
    and an account without any role; all with two-factor set up."""
    users = {}
    for name, role in PERSONA_ROLES.items():
        users[name] = _persona(name, suffix, forbund, role, parties["kommun"], scopes["main"])
    users["coach_annan"] = _persona(
        "coach_annan", suffix, forbund, Role.COACH, None, scopes["second"]
    )
    users["handlaggare_fk"] = _persona(
        "handlaggare_fk", suffix, forbund, Role.HANDLAGGARE, parties["fk"], scopes["main"]
    )
    nobody = UserFactory(username=f"nobody{suffix}", first_name="Ingen", last_name=suffix)
    TOTPDevice.objects.create(user=nobody, name="test", confirmed=True)
    users["nobody"] = nobody
    return users


def _persona(
    name: str, suffix: str, forbund: Forbund, role: str, party: Any, intervention: Any
) -> Any:
    user = UserFactory(username=f"{name}{suffix}", first_name=name.capitalize(), last_name=suffix)
    limited = [intervention] if role in {Role.INSATSANSVARIG, Role.COACH} else []
    MembershipFactory(
        user=user,
        forbund=forbund,
        role=role,
        party=party if role == Role.HANDLAGGARE else None,
        interventions=limited,
    )
    TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def build_side(*, label: str, slug: str, marker: str, other: Forbund | None = None) -> Side:
    """One förbund with every kind of object; ``marker`` makes its secrets unique."""
    forbund = ForbundFactory(name=f"Samordningsförbundet {label}", slug=slug)
    other = other or forbund
    fk = PartyFactory(forbund=forbund, kind=PartyKind.FORSAKRINGSKASSAN, name="Försäkringskassan")
    af = PartyFactory(forbund=forbund, kind=PartyKind.ARBETSFORMEDLINGEN, name="Arbetsförmedlingen")
    kommun = PartyFactory(forbund=forbund, kind=PartyKind.KOMMUN, name=f"{label} kommun")
    region = PartyFactory(forbund=forbund, kind=PartyKind.REGION, name=f"Region {label}")
    intervention = InterventionFactory(
        forbund=forbund,
        owner_party=kommun,
        name=f"Insatsen {marker}",
        slug=f"insats-{slug}",
        methods=["ips", "resursinventering"],
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    second = InterventionFactory(
        forbund=forbund, owner_party=kommun, name=f"Andra insatsen {label}", slug=f"andra-{slug}"
    )
    users = _personas(
        forbund,
        f"_{slug}",
        {"kommun": kommun, "fk": fk},
        {"main": intervention, "second": second},
    )
    world = World(
        forbund=forbund,
        other_forbund=other,
        fk=fk,
        af=af,
        kommun=kommun,
        region=region,
        other_party=kommun,
        intervention=intervention,
        other_intervention=intervention,
        users=users,
    )
    side = Side(world=world)
    objects = side.objects
    objects.update(
        forbund=forbund,
        intervention=intervention,
        slug=intervention.slug,
        party=kommun,
        user=users["coach"],
        membership=users["coach"].memberships.get(),
        year=YEAR,
    )
    _organisation(side, marker)
    _structure(side)
    _money(side)
    _trainings(side, marker)
    _participants(side, marker)
    _methods(side, marker)
    _collaboration(side)
    add_application_objects(side, marker, PDF_BYTES)
    _applications(side, marker)
    return side


def _organisation(side: Side, marker: str) -> None:
    world, objects = side.world, side.objects
    team = TeamFactory(forbund=world.forbund, kind=TeamKind.SAMVERKANSTEAM, name=f"Team {marker}")
    objects["team"] = team
    objects["team_member"] = TeamMember.objects.create(team=team, party=world.kommun)
    _meetings(side, team)
    token, _raw = api_token_create(user=world["coach"], name=f"Nyckel {marker}")
    objects["token"] = token
    objects["log_review"] = LogReview.objects.create(
        forbund=world.forbund, reviewer=world["granskare"], sample_size=0
    )


def _meetings(side: Side, team: Any) -> None:
    """The team's seats (insatsansvarig coordinates; coach and handläggare are members; the
    styrgrupp's seat opens nothing) and a held meeting with attendance, a decision and an
    action (issue #14)."""
    world, objects = side.world, side.objects
    TeamMember.objects.create(
        team=team, party=world.region, user=world["insatsansvarig"], is_coordinator=True
    )
    for name in ("coach", "handlaggare"):
        TeamMember.objects.create(team=team, party=world.kommun, user=world[name])
    TeamMember.objects.create(team=team, party=world.fk, user=world["styrgrupp"])
    meeting = Meeting.objects.create(
        team=team,
        date=datetime.date(2026, 3, 3),
        status="genomfort",
        created_by=world["insatsansvarig"],
    )
    Attendance.objects.create(meeting=meeting, party=world.kommun, present=True)
    Attendance.objects.create(meeting=meeting, party=world.fk, present=False)
    objects["meeting"] = meeting
    # "decision" is the funding decision of samsyn/applications; this is the meeting's.
    objects["meeting_decision"] = MeetingDecision.objects.create(meeting=meeting, text="Beslut")
    objects["meeting_action"] = MeetingAction.objects.create(
        meeting=meeting, text="Åtgärd", owner_party=world.kommun, due_date=datetime.date(2026, 4, 1)
    )


def _collaboration(side: Side) -> None:
    """The held meeting discussed the registration's person as a case; the coach holds a seat
    in the team (only team seats reach cases: docs/collaboration-cases.md)."""
    objects = side.objects
    meeting = objects["meeting"]
    case = TeamCase.objects.create(
        team=objects["team"], number=1, person=objects["registration"].person, raised_at=meeting
    )
    objects["team_case"] = case
    objects["case_discussion"] = CaseDiscussion.objects.create(
        meeting=meeting, case=case, notes="Anteckning"
    )


def _structure(side: Side) -> None:
    intervention, objects = side.world.intervention, side.objects
    objects["phase"] = Phase.objects.create(intervention=intervention, name="Kartläggning", order=1)
    Phase.objects.create(intervention=intervention, name="Aktivitet", order=2)
    objects["ladder_step"] = LadderStep.objects.create(
        intervention=intervention, name="Steg 1", order=1
    )
    LadderStep.objects.create(intervention=intervention, name="Steg 2", order=2)
    objects["indicator"] = ProgressionIndicator.objects.create(
        intervention=intervention, name="Tro på arbete", order=1
    )
    objects["capacity"] = Capacity.objects.create(
        intervention=intervention, municipality_code="1780", places=10
    )
    objects["age_band"] = AgeBand.objects.create(intervention=intervention, min_age=18, max_age=29)
    objects["activity_type"] = ActivityType.objects.create(
        forbund=side.forbund, name="Motiverande samtal"
    )
    objects["goal"] = Goal.objects.create(
        intervention=intervention, metric_id="share_women", comparison="at_least", target=50
    )


def _money(side: Side) -> None:
    intervention, objects = side.world.intervention, side.objects
    objects["budget_line"] = BudgetLine.objects.create(
        intervention=intervention, year=YEAR, category="lokaler", amount=Decimal(1000)
    )
    objects["financing"] = Financing.objects.create(
        intervention=intervention, year=YEAR, source="forbund", amount=Decimal(1000)
    )
    objects["admin_cost"] = AdministrationCost.objects.create(forbund=side.forbund, year=YEAR)
    AnnualPlan.objects.create(intervention=intervention, year=YEAR, planned_participants=10)
    # The förbund's grant and a submitted payment claim against it (applications).
    Grant.objects.create(intervention=intervention, year=YEAR, amount=Decimal(50000))
    objects["claim"] = PaymentClaim.objects.create(
        intervention=intervention,
        year=YEAR,
        period_from=datetime.date(YEAR, 1, 1),
        period_to=datetime.date(YEAR, 3, 31),
        cost_basis=Decimal(1000),
        claimed_amount=Decimal(1000),
        status="inskickad",
        created_by=side.world["insatsansvarig"],
    )


def _trainings(side: Side, marker: str) -> None:
    world, objects = side.world, side.objects
    training = Training.objects.create(
        intervention=world.intervention,
        title=f"Utbildning {marker}",
        held_on=datetime.date(2026, 3, 1),
    )
    attendee = TrainingAttendee.objects.create(
        intervention=world.intervention,
        party=world.kommun,
        role="chef",
        name=f"Deltagare {marker}",
        name_key=attendee_key(f"Deltagare {marker}"),
    )
    evidence = TrainingEvidence(
        training=training,
        kind="narvarolista",
        original_name="lista.pdf",
        content_type="application/pdf",
    )
    evidence.file.save("underlag.pdf", ContentFile(PDF_BYTES), save=False)
    evidence.save()
    item = ImplementationItem(
        intervention=world.intervention,
        title="Förankrat i styrgruppen",
        evidence_name="beslut.pdf",
        evidence_type="application/pdf",
    )
    item.evidence.save("beslut.pdf", ContentFile(PDF_BYTES), save=True)
    objects.update(
        training=training,
        attendee=attendee,
        attendance=TrainingAttendance.objects.create(training=training, attendee=attendee),
        evidence=evidence,
        implementation_item=item,
    )


def _participants(side: Side, marker: str) -> None:
    world, objects = side.world, side.objects
    pnr = fake_personnummer("19850315238" if marker == "Hemligsson" else "19900101239")
    person = PersonFactory(
        forbund=world.forbund,
        first_name=f"Kim{marker}",
        last_name=f"{marker}berg",
        personnummer=pnr,
    )
    referral = ReferralFactory(
        intervention=world.intervention,
        person=person,
        referring_party=world.kommun,
        referred_by=world["handlaggare"],
        referred_on=datetime.date(2026, 1, 20),
        status="accepted",
        decided_on=datetime.date(2026, 1, 27),
    )
    consent = ConsentFactory(
        person=person,
        intervention=world.intervention,
        valid_from=datetime.date(2026, 1, 27),
        parties=[world.kommun, world.fk],
    )
    consent.document_type = "application/pdf"
    consent.document.save("blankett.pdf", ContentFile(PDF_BYTES), save=True)
    registration = RegistrationFactory(
        intervention=world.intervention,
        person=person,
        referral=referral,
        consent=consent,
        referring_party=world.kommun,
        coach=world["coach"],
        start_date=datetime.date(2026, 2, 2),
    )
    pending_person = PersonFactory(
        forbund=world.forbund, first_name=f"Alex{marker}", last_name=f"{marker}dotter"
    )
    pending = ReferralFactory(
        intervention=world.intervention,
        person=pending_person,
        referring_party=world.kommun,
        referred_by=world["handlaggare"],
        status="pending",
    )
    plan = ActionPlan.objects.create(registration=registration, overall_goal="arbete")
    objects.update(
        registration=registration,
        consent=consent,
        referral=pending,
        sub_goal=SubGoal.objects.create(plan=plan, description="Delmål"),
        post_exit=PostExitFollowUp.objects.create(
            registration=registration, months_after=6, due_on=datetime.date(2026, 8, 2)
        ),
    )
    side.participant_secrets = (
        person.first_name,
        person.last_name,
        person.pseudonym,
        pending_person.first_name,
        pending_person.pseudonym,
        pnr,
        pnr.replace("-", ""),
    )
    side.secrets += side.participant_secrets
    side.participant_codes = (person.pseudonym, pending_person.pseudonym)


def _methods(side: Side, marker: str) -> None:
    world, objects = side.world, side.objects
    registration = objects["registration"]
    CareerProfile.objects.create(registration=registration)
    objects["work_start"] = WorkStart.objects.create(
        registration=registration,
        kind="arbete",
        form="osubventionerad",
        employer=f"Bolag {marker}",
        start_date=datetime.date(2026, 3, 1),
    )
    # A role waiting for a second administrator, and an erasure waiting for one (issue #11).
    objects["grant_request"] = RoleGrantRequest.objects.create(
        forbund=world.forbund,
        user=world["styrgrupp"],
        role=Role.COACH,
        requested_by=world["admin"],
    )
    objects["erasure_request"] = ErasureRequest.objects.create(
        forbund=world.forbund,
        person=registration.person,
        reason="Begäran från personen",
        requested_by=world["admin"],
    )
    objects["counselling"] = BenefitsCounselling.objects.create(
        registration=registration, offered_on=datetime.date(2026, 3, 1)
    )
    employer = _employer(side, marker)
    objects["employer"] = employer
    objects["employer_person"] = EmployerContactPerson.objects.create(
        employer=employer, name=f"Chef {marker}"
    )
    objects["agreement"] = agreement_create(
        actor=world["admin"],
        employer=employer,
        fields=AgreementFields(status="tecknad", agreed_on=datetime.date(2026, 1, 1)),
        document=_pdf_upload(),
    )
    review = make_review(world["insatsansvarig"], world.intervention)
    objects["fidelity_review"] = review
    objects["instrument"] = Instrument.objects.create(
        forbund=side.forbund, key="test", name=f"Instrument {marker}", source="Test"
    )
    survey = Survey.objects.create(
        forbund=side.forbund,
        name=f"Enkät {marker}",
        instrument=objects["instrument"],
        respondent_group="deltagare_avslut",
        period_from=datetime.date(2026, 1, 1),
        period_to=datetime.date(2026, 12, 31),
        status="oppen",
    )
    survey.interventions.set([world.intervention])
    objects["survey"] = survey
    objects["fidelity_action"] = FidelityAction.objects.create(
        review=review,
        item=FidelityItem.objects.filter(scale=review.scale).order_by("number")[0],
        action="Åtgärd",
        owner="Chefen",
        due_on=datetime.date(2026, 6, 1),
    )
    objects["scale_key"] = objects["fidelity_action"].item.key
    inventory = ResourceInventory.objects.create(
        registration=registration, started_on=datetime.date(2026, 2, 2)
    )
    objects["assessment"] = ProfessionalAssessment.objects.create(
        inventory=inventory,
        profession="lakare",
        assessor=f"Dr {marker}",
        assessed_on=datetime.date(2026, 2, 3),
        findings="Nedsatt uthållighet.",
    )
    objects["period_report"] = PeriodReport.objects.create(
        intervention=world.intervention,
        kind=ReportKind.QUARTER,
        title="Rapport 5",
        period_from=datetime.date(2026, 1, 1),
        period_to=datetime.date(2026, 3, 31),
    )
    side.secrets += (
        world.intervention.name,
        objects["team"].name,
        objects["training"].title,
        objects["attendee"].name,
        employer.name,
        f"Chef {marker}",
        f"Dr {marker}",
    )


def _employer(side: Side, marker: str) -> Any:
    serial = 1 if marker == "Hemligsson" else 2
    return employer_create(
        actor=side.world["admin"],
        forbund=side.forbund,
        fields=employer_fields(serial, name=f"{marker} Verkstad AB"),
    )


def _pdf_upload() -> Any:
    return SimpleUploadedFile("avtal.pdf", PDF_BYTES, content_type="application/pdf")


def _applications(side: Side, marker: str) -> None:
    """The handläggare applies for the kommun (the "sökande" right): an application under
    beredning with an internal comment, a decided change application of the intervention
    with its minutes, and a deviation report from the insatsansvarig (issue #12)."""
    world, objects = side.world, side.objects
    Membership.objects.filter(user=world["handlaggare"], forbund=world.forbund).update(
        may_apply=True
    )
    application = Application.objects.create(
        forbund=world.forbund,
        status="beredning",
        applicant_party=world.kommun,
        created_by=world["handlaggare"],
        name=f"Ansökan under beredning {marker}",
        submitted_on=datetime.date(2026, 1, 10),
    )
    PreparationNote.objects.create(
        application=application, kind="kommentar", text=f"Intern {marker}", author=world["admin"]
    )
    decided = Application.objects.create(
        forbund=world.forbund,
        kind="andring",
        status="beslutad",
        intervention=world.intervention,
        applicant_party=world.kommun,
        created_by=world["handlaggare"],
        name=f"Ändring {marker}",
    )
    decision = Decision(
        application=decided,
        body="styrelse",
        decided_on=datetime.date(2026, 2, 1),
        paragraph="7",
        outcome="beviljad",
        recorded_by=world["admin"],
    )
    decision.minutes.save("protokoll.pdf", ContentFile(PDF_BYTES), save=False)
    decision.save()
    DecisionYear.objects.create(decision=decision, year=YEAR, granted_amount=Decimal(1000))
    objects.update(
        # The draft "application" is add_application_objects'; this one is under beredning.
        prepared_application=application,
        decision=decision,
        deviation=DeviationReport.objects.create(
            intervention=world.intervention,
            reported_on=datetime.date(2026, 3, 1),
            title=f"Avvikelse {marker}",
            description="Beskrivning",
            reported_by=world["insatsansvarig"],
        ),
    )
    side.secrets += (application.name, decided.name, f"Intern {marker}", f"Avvikelse {marker}")
