"""The demo participants of ``seed_demo``: every stage of the journey, idempotent, usable.

Seeding the whole demo takes seconds, so this module seeds once, inside a transaction that
is rolled back when the module ends; each test runs in a savepoint within it (pytest-django
nests its per-test transaction), so nothing one test changes is seen by the next.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from samsyn.audit.models import AuditEvent
from samsyn.core.demo_data import DEMO_USERS, IMPORT_TRIAL_SLUG
from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.interventions.models import Intervention
from samsyn.ips.demo_employers import WEEKLY_VISITS
from samsyn.ips.models import EmployerContact
from samsyn.ips.selectors import job_development as jd
from samsyn.ips.selectors.first_contact import with_first_contact
from samsyn.participants.demo import KINDS
from samsyn.participants.demo.cast import STORIES, SURNAMES
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    Consent,
    ExitReason,
    FollowUpMeeting,
    IndicatorRating,
    JournalNote,
    Outcome,
    ParticipantContact,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Recommendation,
    Referral,
    Registration,
    RegistrationIncome,
    StepRecord,
    SubGoal,
    SubGoalStatus,
    WorkStart,
    WorkWishCheck,
)
from samsyn.participants.selectors.consents import consent_covers
from samsyn.participants.services.exit import OCCUPATIONS_FOR_OUTCOME

JOURNEY_MODELS: tuple[type[models.Model], ...] = (
    Person,
    Referral,
    Consent,
    Registration,
    RegistrationIncome,
    ActionPlan,
    SubGoal,
    PhaseChange,
    Activity,
    StepRecord,
    IndicatorRating,
    FollowUpMeeting,
    JournalNote,
    WorkStart,
    PostExitFollowUp,
    AuditEvent,
)
PASSWORDS = {spec.username: spec.password for spec in DEMO_USERS}


@dataclass(frozen=True)
class Seeded:
    output: str
    counts: dict[str, int]


def _counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in JOURNEY_MODELS}


@pytest.fixture(scope="module")
def demo(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Seeded]:
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with override_settings(DEBUG=True, MEDIA_ROOT=str(media)):
            call_command("seed_demo", stdout=out)
        yield Seeded(output=out.getvalue(), counts=_counts())
        transaction.set_rollback(True)


def _intervention(slug: str) -> Intervention:
    return Intervention.objects.get(slug=slug)


def _login(username: str) -> Client:
    """Log in through the form with the README password, as a person would."""
    client = Client()
    response = client.post(
        reverse("core:login"), {"username": username, "password": PASSWORDS[username]}
    )
    assert response.status_code == 302, username
    return client


def _name(code: str) -> str:
    return Person.objects.get(pseudonym=code).display_name


def _registration(code: str) -> Registration:
    return Registration.objects.select_related("person").get(person__pseudonym=code)


@pytest.mark.django_db
def test_seeding_reports_the_participants(demo: Seeded) -> None:
    # How long seeding takes is measured by `make bench` (bench/test_bench_seed.py).
    stories = len(STORIES) * len(KINDS)
    assert f"{stories} demodeltagare (nya: {stories})" in demo.output
    assert demo.counts["Person"] == stories
    assert demo.counts["Referral"] == stories


@pytest.mark.django_db
def test_a_second_run_creates_nothing_in_any_journey_model(demo: Seeded, settings) -> None:
    settings.DEBUG = True
    out = StringIO()

    call_command("seed_demo", stdout=out)

    assert _counts() == demo.counts
    assert "inget ändrades" in out.getvalue()
    assert "(nya: 0)" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(KINDS))
def test_every_stage_of_the_journey_is_present(demo: Seeded, slug: str) -> None:
    intervention = _intervention(slug)
    today = timezone.localdate()
    referrals = Referral.objects.filter(intervention=intervention)
    registrations = Registration.objects.filter(intervention=intervention)
    ongoing = registrations.filter(end_date__isnull=True)
    ended = registrations.filter(end_date__isnull=False)
    post_exit = PostExitFollowUp.objects.filter(registration__intervention=intervention)

    assert set(referrals.values_list("status", flat=True)) == {"pending", "accepted", "declined"}
    assert referrals.filter(status="accepted", registration__isnull=True).exists()
    assert ongoing.filter(consent__isnull=False).exists()
    assert ongoing.filter(consent__isnull=True, person__is_anonymous=True).exists()
    assert ongoing.filter(person__protected_identity=True).exists()
    assert ongoing.filter(next_follow_up_due__lt=today).exists(), "an overdue follow-up"
    assert ongoing.filter(next_follow_up_due__gte=today).exists()
    assert SubGoal.objects.filter(
        plan__registration__intervention=intervention,
        target_date__lt=today,
        status__in=[SubGoalStatus.EJ_PABORJAT, SubGoalStatus.PAGAR],
    ).exists(), "a sub-goal past its target date"
    statuses = SubGoal.objects.filter(plan__registration__intervention=intervention)
    assert set(statuses.values_list("status", flat=True)) == set(SubGoalStatus.values)
    entered = PhaseChange.objects.filter(registration__intervention=intervention)
    assert set(entered.values_list("phase_id", flat=True)) == set(
        intervention.phases.values_list("id", flat=True)
    )
    for model in (Activity, StepRecord, FollowUpMeeting, JournalNote, WorkStart):
        assert model._default_manager.filter(registration__intervention=intervention).exists()
    assert set(ended.values_list("exit_reason", flat=True)) == set(ExitReason.values)
    assert set(ended.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    assert ended.filter(step_forward=True).exists() and ended.filter(step_forward=False).exists()
    assert not post_exit.filter(registration__exit_reason=ExitReason.FELREGISTRERING).exists()
    assert post_exit.filter(months_after=6, done_on__isnull=False).exists()
    assert post_exit.filter(months_after=12, done_on__isnull=False).exists()
    assert post_exit.filter(done_on__isnull=True, due_on__lt=today).exists(), "overdue"
    assert post_exit.filter(done_on__isnull=True, due_on__gte=today).exists(), "coming"
    assert post_exit.filter(done_on__isnull=False, reached=False).exists()
    # Issue #10: an anonymous exit books no call; outcomes agree with the occupation after.
    anonymous_exits = ended.filter(person__is_anonymous=True).exclude(
        exit_reason=ExitReason.FELREGISTRERING
    )
    assert anonymous_exits.exists()
    assert not post_exit.filter(registration__person__is_anonymous=True).exists()
    for outcome, occupation in ended.exclude(outcome="").values_list("outcome", "occupation_after"):
        assert occupation in OCCUPATIONS_FOR_OUTCOME[outcome], (outcome, occupation)


@pytest.mark.django_db
def test_the_interventions_differ_as_their_methods_do(demo: Seeded) -> None:
    steps = _intervention("exempeldalen-steg-for-steg")
    inventory = _intervention("exempeldalen-resursinventering")
    ips = _intervention("exempeldalen-ips")

    ratings = IndicatorRating.objects.values_list("registration__intervention", flat=True)
    assert set(ratings) == {steps.pk}  # BIP's indicators belong to the step-by-step one
    recommended = Registration.objects.exclude(recommendation="")
    assert set(recommended.values_list("intervention", flat=True)) == {inventory.pk}
    assert set(recommended.values_list("recommendation", flat=True)) == set(Recommendation.values)
    assert WorkStart.objects.filter(registration__intervention=ips, competitive=True).exists()
    warned = Referral.objects.filter(intervention=steps).exclude(eligibility_warnings=[])
    assert warned.exists() and all(r.warnings_acknowledged_by_id for r in warned)
    assert not Referral.objects.filter(intervention__slug=IMPORT_TRIAL_SLUG).exists()


@pytest.mark.django_db
def test_the_ips_demo_places_first_and_never_trains_first(demo: Seeded) -> None:
    """Seed 000: "arbetsplacering föregår utbildning" (docs/interventions.md)."""
    ips = _intervention("exempeldalen-ips")
    steps = _intervention("exempeldalen-steg-for-steg")
    assert list(ips.phases.order_by("order").values_list("name", flat=True)) == [
        "Inskrivning och engagemang",
        "Karriärprofil",
        "Jobbsökande och arbetsgivarkontakter",
        "I arbete eller studier med fortlöpande stöd",
        "Avslut",
    ]
    ladder = set(ips.ladder_steps.values_list("name", flat=True))
    assert "Arbetsträning eller praktik" not in ladder and "Aktivt jobbsökande" in ladder
    assert "Arbetsträning eller praktik" in set(steps.ladder_steps.values_list("name", flat=True))
    sub_goals = SubGoal.objects.filter(plan__registration__intervention=ips)
    texts = set(sub_goals.values_list("description", flat=True))
    assert not any("arbetsträning" in text.lower() or "praktik" in text for text in texts)
    assert "Träffa arbetsgivare inom lager och handel tillsammans med IPS-coachen" in texts
    kinds = Activity.objects.filter(registration__intervention=ips)
    assert set(kinds.values_list("activity_type__approach", flat=True)) == {"alla", "ips"}
    names = set(kinds.values_list("activity_type__name", flat=True))
    assert {"Karriärprofil", "Fortlöpande stöd i arbete eller studier"} <= names
    assert not {"Arbetsträning", "Praktik", "Arbetsprövning"} & names
    plans = ActionPlan.objects.filter(registration__intervention=ips)
    assert all("börjar söka arbete direkt" in plan.description for plan in plans)
    # Every IPS phase is reached by someone, and the step-by-step demo keeps arbetsträning.
    entered = PhaseChange.objects.filter(registration__intervention=ips)
    assert set(entered.values_list("phase__name", flat=True)) == set(
        ips.phases.values_list("name", flat=True)
    )
    trained = Activity.objects.filter(registration__intervention=steps)
    assert trained.filter(activity_type__name="Arbetsträning").exists()


@pytest.mark.django_db
def test_ips_demo_participants_have_their_own_employer_contacts(demo: Seeded) -> None:
    ips = _intervention("exempeldalen-ips")
    named = EmployerContact.objects.filter(registration__intervention=ips)
    assert named.values("registration").distinct().count() >= 10
    firsts = with_first_contact(Registration.objects.filter(intervention=ips)).exclude(
        first_contact_on=None
    )
    days = [(r.first_contact_on - r.start_date).days for r in firsts if r.first_contact_on]
    assert sum(day <= 30 for day in days) > sum(day > 30 for day in days) > 0
    # The coaches' weekly face-to-face counts stay those of demo_employers.
    today = timezone.localdate()
    rows = jd.contacts_per_week(ips, jd.last_weeks(today, 8))
    counts = {row.coach.username: row.counts for row in rows}
    assert counts["coach"] == list(WEEKLY_VISITS["coach"])


@pytest.mark.django_db
def test_identities_are_fictional_valid_and_stable(demo: Seeded) -> None:
    identified = Person.objects.filter(is_anonymous=False)
    numbers = [parse_personnummer(person.personnummer) for person in identified]

    assert all(980 <= int(pnr.digits[8:11]) <= 999 for pnr in numbers)
    assert all(person.last_name in SURNAMES for person in identified)
    assert all(
        person.personnummer_index == personnummer_blind_index(pnr)
        for person, pnr in zip(identified, numbers, strict=True)
    )
    assert len({pnr.digits for pnr in numbers}) == len(numbers)
    assert all(person.pseudonym.startswith("D-DEMO") for person in identified)
    for person in Person.objects.filter(is_anonymous=True):
        assert not (person.personnummer or person.first_name or person.last_name)


@pytest.mark.django_db
def test_every_change_was_made_by_a_demo_user_and_audited(demo: Seeded) -> None:
    registrations = Registration.objects.count()
    created = AuditEvent.objects.filter(action="create", object_type="participants.Registration")

    assert created.count() == registrations
    assert set(created.values_list("actor_username", flat=True)) == {"coach", "elin.sjoberg"}
    seed_events = AuditEvent.objects.filter(actor_username="seed_demo")
    assert not seed_events.exclude(participant_ref="").exists()
    assert AuditEvent.objects.filter(
        participant_ref__startswith="D-DEMO", actor_username="handlaggare", action="create"
    ).exists()


@pytest.mark.django_db
def test_the_demo_coach_has_a_caseload_with_work_to_do(demo: Seeded, settings) -> None:
    settings.SAMSYN_DEMO = True
    client = _login("coach")

    page = client.get(reverse("participants:caseload"))

    body = page.content.decode()
    assert page.status_code == 200
    assert "D-DEMOI07" in body  # the coach's own participant
    assert "D-DEMOI09" not in body  # Elin Sjöberg's
    assert "Uppföljning försenad" in body
    assert "Delmål passerat måldatum" in body
    participant = _registration("D-DEMOI14")
    detail = client.get(reverse("participants:registration_detail", args=[participant.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    # An IPS participant in work: the job, and progress as IPS measures it.
    assert "Café Provsmak" in html
    assert "Framsteg i IPS" in html and "1, varav 1 konkurrensutsatt" in html
    for name in ("participants:followups_due", "participants:post_exit_due"):
        assert client.get(reverse(name)).status_code == 200
    overdue = client.get(reverse("participants:post_exit_due")).content.decode()
    assert _name("D-DEMOI29") in overdue  # 12 months after exit, overdue


@pytest.mark.django_db
def test_the_demo_handlaggare_sees_only_consented_referrals(demo: Seeded, settings) -> None:
    settings.SAMSYN_DEMO = True
    client = _login("handlaggare")
    consented = _registration("D-DEMOI10")
    withdrawn = _registration("D-DEMOI17")

    mine = client.get(reverse("participants:referral_mine")).content.decode()
    caseload = client.get(reverse("participants:caseload")).content.decode()
    seen = client.get(reverse("participants:registration_detail", args=[consented.pk]))
    refused = client.get(reverse("participants:registration_detail", args=[withdrawn.pk]))

    assert _name("D-DEMOI01") in mine  # a pending referral of theirs
    assert "D-DEMOI10" in caseload and "D-DEMOI17" not in caseload
    assert seen.status_code == 200
    assert refused.status_code == 404
    assert AuditEvent.objects.filter(
        actor_username="handlaggare",
        participant_ref="D-DEMOI17",
        detail__startswith="Åtkomst nekad",
    ).exists()
    assert withdrawn.consent is not None and withdrawn.consent.withdrawn_on is not None
    assert withdrawn.consent.withdrawn_on <= timezone.localdate() - datetime.timedelta(days=7)


@pytest.mark.django_db
def test_the_intervention_pages_show_the_demo(demo: Seeded, settings) -> None:
    settings.SAMSYN_DEMO = True
    lead = _login("insatsansvarig")

    for slug in KINDS:
        intervention = _intervention(slug)
        page = lead.get(reverse("interventions:detail", args=[intervention.pk]))
        assert page.status_code == 200, slug
    steps = lead.get(
        reverse("interventions:detail", args=[_intervention("exempeldalen-steg-for-steg").pk])
    ).content.decode()
    assert "Hagfors" in steps


@pytest.mark.django_db
def test_the_demo_shows_seed_001s_lss_participant(demo: Seeded, settings) -> None:
    """Issue #10 items 9–11: LSS decision, habiliteringsersättning, consent recipients, a
    contact checked against them, the yearly question and aktivitetsersättning ending."""
    lss = _registration("D-DEMOI16")
    assert lss.referral is not None and lss.referral.has_lss_daily_activity
    incomes = set(lss.incomes.filter(moment="fore").values_list("source", flat=True))
    assert incomes == {"habiliteringsersattning", "aktivitetsersattning"}
    assert lss.consent is not None
    # Seed 001's recipients; an employer the IPS coach presented the person to is named too.
    assert {r.category for r in lss.consent.recipients.all()} - {"arbetsgivare"} == {
        "tidigare_arbetsgivare",
        "kommunal_enhet",
        "skola",
    }
    assert ParticipantContact.objects.get(registration=lss).recipient_category == ("kommunal_enhet")
    assert WorkWishCheck.objects.get(registration=lss).answer == "ja"
    assert WorkStart.objects.get(registration=lss).daily_activity_placement == "lamnas"
    settings.SAMSYN_DEMO = True
    page = _login("coach").get(reverse("participants:daily_activity_due")).content.decode()
    assert "Aktivitetsersättningen upphör vid 30" in page
    assert "D-DEMOI16" in page


@pytest.mark.django_db
def test_the_demo_step_intervention_checks_seed_002s_rules(demo: Seeded) -> None:
    steps = _intervention("exempeldalen-steg-for-steg")
    assert steps.requires_income_from_party
    referrals = Referral.objects.filter(intervention=steps)
    assert all(referral.income_sources for referral in referrals)
    assert "ingen" not in {s for r in referrals for s in r.income_sources}
    warnings = [w for r in referrals for w in r.eligibility_warnings]
    assert any("utanför insatsens område" in w for w in warnings)


@pytest.mark.django_db
def test_ips_demo_contacts_are_covered_by_the_participants_consent(demo: Seeded) -> None:
    """#10 item 10: a contact naming a participant needs a consent naming the employer."""
    ips = _intervention("exempeldalen-ips")
    named = EmployerContact.objects.filter(
        intervention=ips, registration__isnull=False, registration__person__is_anonymous=False
    ).select_related("registration", "employer")
    assert named.exists()
    for contact in named:
        registration = contact.registration
        assert registration is not None
        covered = consent_covers(
            registration=registration,
            on=contact.contacted_on,
            category="arbetsgivare",
            name=contact.employer.name,
        )
        no_consent = not Consent.objects.filter(
            person=registration.person, valid_from__lte=contact.contacted_on
        ).exists()
        assert covered or no_consent, (registration.person.pseudonym, contact.employer.name)


def _ages_in_target_group(text: str) -> tuple[int, int]:
    """The ages an intervention's target group names ("Unga vuxna 20–29 år …")."""
    found = re.search(r"(\d+)–(\d+) år", text)
    assert found is not None, text
    return int(found[1]), int(found[2])


@pytest.mark.django_db
def test_every_demo_participant_is_as_old_as_the_referral_says(demo: Seeded) -> None:
    """Issue #15 item 15: ages at referral fit the intervention's target group, and the
    referral's wording: "ung vuxen" and aktivitetsersättning are 19–29, sjukersättning 30+."""
    young_adult = range(19, 30)
    referrals = Referral.objects.filter(intervention__slug__in=KINDS).select_related(
        "person", "intervention", "registration"
    )
    ages: dict[str, list[int]] = {slug: [] for slug in KINDS}
    for referral in referrals:
        person, on = referral.person, referral.referred_on
        # As the reports count it (the year minus the birth year), and to the day.
        assert person.birth_year is not None, person.pseudonym
        counted = [on.year - person.birth_year]
        if person.personnummer:
            born = datetime.datetime.strptime(
                parse_personnummer(person.personnummer).digits[:8], "%Y%m%d"
            ).date()
            counted.append(on.year - born.year - ((on.month, on.day) < (born.month, born.day)))
        low, high = _ages_in_target_group(referral.intervention.target_group)
        code = person.pseudonym
        assert all(low <= age <= high for age in counted), (code, counted)
        incomes = set(referral.income_sources)
        registration = getattr(referral, "registration", None)
        if registration is not None:
            before = registration.incomes.filter(moment="fore")
            incomes |= set(before.values_list("source", flat=True))
        reason = referral.reason.lower()
        young = "ung vuxen" in reason or "aktivitetsersättning" in reason
        if young or "aktivitetsersattning" in incomes:
            assert all(age in young_adult for age in counted), (code, counted, reason)
        if "sjukersattning" in incomes:
            assert all(age >= 30 for age in counted), (code, counted)
        ages[referral.intervention.slug].append(counted[-1])
    assert sum(len(found) for found in ages.values()) == len(STORIES) * len(KINDS)
    # The broad interventions have young adults and older people alike.
    for slug in ("exempeldalen-steg-for-steg", "exempeldalen-resursinventering"):
        assert min(ages[slug]) < 25 and max(ages[slug]) >= 55, (slug, sorted(ages[slug]))
