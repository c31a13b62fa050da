"""The operations `make bench` measures, each with the floor (bench/floors.py) that computes
its figures in one SQL statement. Pages are requested through Django's test client, in the
bench process, as the persona that uses them (logged in with two-factor satisfied)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.dataset import Subjects
from bench.floors import FloorParams
from samsyn.core.models import User
from samsyn.reporting.models import PeriodReport
from samsyn.reporting.selectors.content import report_content
from samsyn.reporting.selectors.finsam import finsam_report
from samsyn.reporting.selectors.forbund import forbund_access
from samsyn.reporting.selectors.period_reports import KIND_OF_PERIOD, scheduled_periods
from samsyn.reporting.services.period_reports import period_report_create
from samsyn.stats.periods import Period

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Operation:
    name: str
    action: Callable[[], object]
    floor: str


def session_cookie(user: User) -> str:
    """A stored session for ``user`` with the TOTP step passed, as the login view leaves it
    (the bench's clients and the load test's HTTP clients send it as the cookie)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # The backend that loads users (django-axes' backend only guards the password step).
    session[BACKEND_SESSION_KEY] = next(
        path for path in settings.AUTHENTICATION_BACKENDS if "axes" not in path
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    assert session.session_key is not None
    return session.session_key


def client_for(user: User) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie(user)
    return client


def report_for(subjects: Subjects) -> PeriodReport:
    """The intervention's final report (its whole time up to today), created once."""
    final = scheduled_periods(subjects.intervention)[-1]
    existing = PeriodReport.objects.filter(
        intervention=subjects.intervention, period_from=final.date_from, period_to=final.date_to
    ).first()
    if existing is not None:
        return existing
    return period_report_create(
        actor=subjects.lead,
        intervention=subjects.intervention,
        kind=KIND_OF_PERIOD[final.kind],
        period_from=final.date_from,
        period_to=final.date_to,
    )


def _get(client: Client, url: str) -> Callable[[], object]:
    def get() -> object:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return response.getvalue()

    return get


def _national(subjects: Subjects, year: int) -> Callable[[], object]:
    """No national selector exists: the Finsam aggregation of every förbund, one after the
    other, is what a national network would have to run (issue #16)."""
    forbund_ids = [
        forbund.pk for forbund in forbund_access(actor=subjects.admin, forbund_id=None).forbunds
    ]

    def run() -> object:
        return [
            finsam_report(forbund_access(actor=subjects.admin, forbund_id=pk), year)
            for pk in forbund_ids
        ]

    return run


def operations(subjects: Subjects) -> tuple[list[Operation], FloorParams, dict[str, str]]:
    """The operations, the floor parameters and the URLs of the pages the load test asks."""
    report = report_for(subjects)
    period = Period(report.period_from, report.period_to)
    today = timezone.localdate()
    year = today.year
    lead, admin, coach = (
        client_for(user) for user in (subjects.lead, subjects.admin, subjects.coach)
    )
    pk = subjects.intervention.pk
    dates = f"fran={period.start.isoformat()}&till={period.end.isoformat()}"
    chosen = f"forbund={subjects.forbund.pk}"
    this_year = f"fran={year}-01-01&till={year}-12-31"
    urls = {
        "dashboard": f"{reverse('reporting:dashboard', kwargs={'pk': pk})}?{dates}",
        "forbund_overview": f"{reverse('reporting:forbund_overview')}?{chosen}&{this_year}",
        "caseload": reverse("participants:caseload"),
        "participant_page": reverse(
            "participants:registration_detail", kwargs={"pk": subjects.registration.pk}
        ),
    }
    report_url = reverse("reporting:report_detail", kwargs={"pk": pk, "report_pk": report.pk})

    def download(fmt: str) -> str:
        return reverse(
            "reporting:report_download", kwargs={"pk": pk, "report_pk": report.pk, "fmt": fmt}
        )

    finsam = f"{reverse('reporting:forbund_finsam')}?{chosen}&ar={year}&format=csv"
    items = [
        Operation(
            "report_content",
            lambda: report_content(subjects.intervention, period, suppress=False),
            "intervention",
        ),
        Operation("dashboard", _get(lead, urls["dashboard"]), "intervention"),
        Operation("forbund_overview", _get(admin, urls["forbund_overview"]), "forbund"),
        Operation("period_report_page", _get(lead, report_url), "intervention"),
        Operation("period_report_pdf", _get(lead, download("pdf")), "intervention"),
        Operation("period_report_xlsx", _get(lead, download("xlsx")), "intervention"),
        Operation("finsam_export", _get(admin, finsam), "forbund"),
        Operation("national_aggregate", _national(subjects, year), "national"),
        Operation("caseload", _get(coach, urls["caseload"]), "caseload"),
        Operation("participant_page", _get(coach, urls["participant_page"]), "participant"),
        Operation("api_list", _get(coach, "/api/v1/registrations"), "api_list"),
    ]
    params = FloorParams(
        intervention=pk,
        forbund=subjects.forbund.pk,
        coach=subjects.coach.pk,
        registration=subjects.registration.pk,
        start=period.start,
        end=period.end,
        today=today,
    )
    return items, params, urls


def year_params(params: FloorParams) -> FloorParams:
    """The förbund floors ask for this calendar year, as the overview and Finsam do."""
    year = params.today.year
    return FloorParams(
        intervention=params.intervention,
        forbund=params.forbund,
        coach=params.coach,
        registration=params.registration,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        today=params.today,
    )
