"""``generate_synthetic`` at a small size: deterministic by seed, every kind of row present,
valid for the application's own reports and pages, and its figures equal a direct count."""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from samsyn.collaboration.models import Attendance, Meeting
from samsyn.conftest import login_verified
from samsyn.core.models import Forbund, Membership, User
from samsyn.core.personnummer import Personnummer, personnummer_blind_index
from samsyn.core.roles import Role
from samsyn.interventions.models import Intervention
from samsyn.ips.models import EmployerContact, FidelityReview, FidelityScore
from samsyn.participants.models import (
    ActionPlan,
    Activity,
    Consent,
    FollowUpMeeting,
    IndicatorRating,
    Person,
    PhaseChange,
    PostExitFollowUp,
    Referral,
    Registration,
    RegistrationIncome,
    StepRecord,
    SubGoal,
    WorkStart,
)
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.content import report_content
from samsyn.site.synthetic.writer import RowWriter
from samsyn.stats.periods import Period
from samsyn.surveys.models import Answer, Response

TODAY = datetime.date(2026, 1, 1)
SIZE = ("--forbund", "2", "--interventions", "8", "--registrations", "400")

KINDS = (
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
    WorkStart,
    PostExitFollowUp,
    EmployerContact,
    FidelityReview,
    FidelityScore,
    Meeting,
    Attendance,
    Response,
    Answer,
    PeriodReport,
)


def _generate(seed: int = 7) -> str:
    """Run the command; returns the run's tag (the slug prefix of its förbund)."""
    before = set(Forbund.objects.values_list("pk", flat=True))
    call_command(
        "generate_synthetic",
        *SIZE,
        "--seed",
        str(seed),
        "--today",
        str(TODAY),
        "--quiet",
        stdout=StringIO(),
    )
    slugs = Forbund.objects.exclude(pk__in=before).values_list("slug", flat=True)
    return min(slugs).rsplit("-", 1)[0]


def _fingerprint(tag: str) -> tuple[dict[str, int], str]:
    """Rows per kind and a checksum of the key columns of one run, without ids (they differ
    between runs) and without ciphertexts (their nonces are random)."""
    forbund = Forbund.objects.filter(slug__startswith=f"{tag}-")
    registrations = Registration.objects.filter(intervention__forbund__in=forbund)
    counts = {
        "registrations": registrations.count(),
        "activities": Activity.objects.filter(registration__in=registrations).count(),
        "steps": StepRecord.objects.filter(registration__in=registrations).count(),
        "follow_ups": FollowUpMeeting.objects.filter(registration__in=registrations).count(),
        "contacts": EmployerContact.objects.filter(registration__in=registrations).count(),
    }
    rows = registrations.order_by("start_date", "person__birth_year", "id").values_list(
        "intervention__slug",
        "person__gender",
        "person__birth_year",
        "person__home_municipality_code",
        "person__is_anonymous",
        "start_date",
        "end_date",
        "exit_reason",
        "outcome",
        "occupation_before",
        "coach__username",
    )
    text = repr(
        [
            (str(slug).removeprefix(tag), *rest[:-1], str(rest[-1] or "").removeprefix(tag))
            for slug, *rest in rows
        ]
    )
    activities = (
        Activity.objects.filter(registration__in=registrations)
        .order_by("held_on", "hours", "activity_type__name")
        .values_list("held_on", "hours", "activity_type__name")
    )
    text += repr(list(activities))
    return counts, hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.django_db
def test_same_seed_same_data_and_another_seed_other_data():
    first = _fingerprint(_generate(seed=7))
    second = _fingerprint(_generate(seed=7))
    other = _fingerprint(_generate(seed=8))
    assert first == second
    assert first[0]["registrations"] == 400
    assert other[1] != first[1]


@pytest.fixture
def generated(db) -> str:
    return _generate()


def test_every_kind_of_row_is_made(generated):
    empty = [model.__name__ for model in KINDS if not model.objects.exists()]
    assert empty == []
    # About 16 activities per registration (5 million at the national 300 000).
    assert 10 <= Activity.objects.count() / Registration.objects.count() <= 22


def test_identified_people_open_with_their_name_and_are_found_by_personnummer(generated):
    person = Person.objects.filter(is_anonymous=False).first()
    assert person is not None
    assert person.first_name and person.last_name
    pnr = Personnummer(person.personnummer)
    assert pnr.birth_year == person.birth_year
    assert person.personnummer_index == personnummer_blind_index(pnr)
    anonymous = Person.objects.filter(is_anonymous=True)
    assert anonymous.exists()
    assert not anonymous.exclude(personnummer="").exists()


def test_report_content_opens_and_counts_as_a_direct_count(generated):
    for intervention in Intervention.objects.filter(orientation="individinriktad"):
        period = Period(intervention.start_date, TODAY)
        content = report_content(intervention, period, suppress=False, today=TODAY)
        report_content(intervention, period, suppress=True, today=TODAY)
        started = next(m for m in content["metrics"] if m["id"] == "started")
        direct = (
            Registration.objects.filter(
                intervention=intervention, start_date__range=(period.start, period.end)
            )
            .exclude(exit_reason="felregistrering")
            .values("person__gender")
            .annotate(n=Count("id", distinct=True))
            .order_by()
        )
        by_gender = {row["person__gender"]: row["n"] for row in direct}
        assert started["values"]["kvinna"] == by_gender.get("kvinna", 0)
        assert started["values"]["man"] == by_gender.get("man", 0)


def _client(user: User) -> Client:
    return login_verified(Client(), user)


def _member(role: str) -> Membership:
    """A membership of ``role`` in an intervention that has participants."""
    membership = (
        Membership.objects.filter(role=role, interventions__registrations__isnull=False)
        .select_related("user")
        .distinct()
        .first()
    )
    assert membership is not None
    return membership


def test_pages_open_as_the_generated_staff(generated):
    lead = _member(Role.INSATSANSVARIG)
    intervention = lead.interventions.get()
    response = _client(lead.user).get(
        reverse("reporting:dashboard", kwargs={"pk": intervention.pk})
    )
    assert response.status_code == 200
    admin = Membership.objects.filter(role=Role.FORBUNDSADMIN).select_related("user").first()
    assert admin is not None
    assert _client(admin.user).get(reverse("reporting:forbund_overview")).status_code == 200
    coach = _member(Role.COACH)
    client = _client(coach.user)
    assert client.get(reverse("participants:caseload")).status_code == 200
    registration = Registration.objects.filter(coach=coach.user).first()
    assert registration is not None
    detail = reverse("participants:registration_detail", kwargs={"pk": registration.pk})
    assert client.get(detail).status_code == 200


@pytest.mark.django_db
def test_a_row_pointing_at_nothing_fails_the_run():
    writer = RowWriter()
    table = writer.table(
        StepRecord, ("registration_id", "forbund_id", "step_id", "recorded_on", "recorded_by_id")
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        writer.add(table, (10**9, 10**9, 10**9, TODAY, None))
        writer.finish()
    assert not StepRecord.objects.exists()


@pytest.mark.django_db
def test_a_table_missing_a_required_column_is_refused_at_once():
    with pytest.raises(ValueError, match="held_on"):
        RowWriter().table(Activity, ("registration_id", "activity_type_id", "hours"))
