"""Several people at once on the embedded default (issue #11).

A real server (``runserver``, threaded, as ``make run`` serves the demo) on a SQLite *file*
gets concurrent requests from five people: period reports, fidelity reports, förbund reports,
register extracts, the access log and stored documents are downloaded (each writes an audit
event, and the PDFs take a while to render) while others write journal notes and read pages
that log what they show. No request may fail with a 5xx ("database is locked" is the one
SQLite gives) and every write must be in the database afterwards: each note, and the audit
event of each download, found by the request id the client sent.

Without the SQLite options of ``settings.py`` (a rollback journal, deferred transactions and
Python's 5 s timeout) the note saves get 500 "database is locked"; with the period report
export rendering inside its transaction as well, as before issue #11, the downloads fail too.
With the options on, a download rendering inside a transaction makes the others wait rather
than fail, which ``core/tests/test_downloads_outside_transactions.py`` catches instead.

The server's database is a copy of the SQLite test database (migrated, empty), filled by the
server process itself (``sqlite_world_server.py``), so the test needs the SQLite test
database: on PostgreSQL it is skipped (PostgreSQL has row locks and no such failure).
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from email.message import Message
from http.cookies import SimpleCookie
from itertools import zip_longest
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from samsyn.browser_tests.conftest import (
    DemoServer,
    _free_port,
    _server_environment,
    _wait_until_up,
)

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="SQLite's locking, on the embedded default; the server's file is a copy of the "
        "SQLite test database (PostgreSQL has row locks and runs in production)",
    ),
    # The test database is only set up when a test asks for it: the server's file copies it.
    pytest.mark.django_db,
]

THREADS = 8
REQUEST_TIMEOUT = 60.0
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class SqliteServer:
    server: DemoServer
    database: Path
    world: dict[str, Any]


@dataclass(frozen=True)
class Job:
    """One request: who, what, and what it must leave in the audit log (its ``detail``
    starts so) besides a 2xx/3xx answer."""

    person: str
    path: str
    form: dict[str, str] | None = None
    logs: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a form's 302 is its answer; following it would be another request


_OPENER = urllib.request.build_opener(_NoRedirect())


class Browser:
    """One signed-in person: the session the server made for them, and the CSRF cookie and
    token of their first page."""

    def __init__(self, base_url: str, cookie: str, session: str) -> None:
        self.base_url = base_url
        self.cookies = {cookie: session}
        self.csrf = ""

    def request(
        self, path: str, form: dict[str, str] | None = None, request_id: str = ""
    ) -> tuple[int, bytes]:
        status, _headers, body = self._send(path, form, request_id)
        return status, body

    def open_start_page(self) -> Browser:
        status, headers, body = self._send(reverse("core:start"))
        assert status == 200, status
        for header in headers.get_all("Set-Cookie") or []:
            self.cookies.update({name: m.value for name, m in SimpleCookie(header).items()})
        self.csrf = _token(body)
        return self

    def _send(
        self, path: str, form: dict[str, str] | None = None, request_id: str = ""
    ) -> tuple[int, Message, bytes]:
        data = None
        if form is not None:
            data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf, **form}).encode()
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        if request_id:
            headers["X-Request-ID"] = request_id
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers)  # noqa: S310
        try:
            with _OPENER.open(request, timeout=REQUEST_TIMEOUT) as response:
                return int(response.status), response.headers, response.read()
        except urllib.error.HTTPError as error:
            return int(error.code), error.headers, error.read()


def _token(page: bytes) -> str:
    match = _CSRF.search(page.decode(errors="replace"))
    assert match, "the page has a form with a CSRF token"
    return match.group(1)


def _copy_test_database(target: Path) -> None:
    """The migrated, empty SQLite test database as a file for the server."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)


@pytest.fixture(scope="module")
def sqlite_server(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker: Any
) -> Iterator[SqliteServer]:
    workdir = tmp_path_factory.mktemp("samsyn-sqlite-concurrency")
    database = workdir / "db.sqlite3"
    with django_db_blocker.unblock():
        _copy_test_database(database)
    env = {**_server_environment(workdir), "DJANGO_SETTINGS_MODULE": "samsyn.settings"}
    log, world_file = workdir / "server.log", workdir / "world.json"
    port = _free_port()
    server = DemoServer(base_url=f"http://127.0.0.1:{port}", log_path=log)
    with log.open("a") as out:
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [
                sys.executable,
                "-m",
                "samsyn.browser_tests.sqlite_world_server",
                str(port),
                str(world_file),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(process, server)  # the world is written before the server starts
        yield SqliteServer(server, database, json.loads(world_file.read_text()))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _work(world: dict[str, Any]) -> list[Job]:
    """Downloads (each logged), note writes (each a row and an event) and logged reads,
    interleaved so that every kind runs next to every other."""
    w = world
    pk, report, review = w["intervention"], w["period_report"], w["fidelity_review"]
    note = reverse("participants:note_create", args=[w["registration"]])
    detail = reverse("participants:registration_detail", args=[w["registration"]])
    extract = reverse("lifecycle:register_extract")
    extract_form = {"forbund": str(w["forbund"]), "personnummer": w["personnummer"]}

    def report_file(fmt: str) -> str:
        return reverse("reporting:report_download", args=[pk, report, fmt])

    downloads = [
        Job("insatsansvarig", report_file("pdf"), logs="Periodrapport pdf"),
        Job("coach", reverse("ips:fidelity_pdf", args=[review]), logs="Rapport om programtrohet"),
        Job("admin", extract, {**extract_form, "output": "pdf"}, logs="Registerutdrag levererat"),
        Job(
            "admin", reverse("reporting:forbund_overview") + "?format=xlsx", logs="Förbundsöversikt"
        ),
        Job("granskare", reverse("audit:event_export"), logs="Export av logg"),
        Job("insatsansvarig", report_file("xlsx"), logs="Periodrapport xlsx"),
        Job(
            "coach",
            reverse("participants:consent_download", args=[w["consent"]]),
            logs="Samtyckesblankett hämtad",
        ),
        Job("admin", reverse("reporting:forbund_finsam") + "?format=csv", logs="Finsam"),
        Job("admin", extract, {**extract_form, "output": "json"}, logs="Registerutdrag levererat"),
        Job(
            "insatsansvarig",
            reverse("interventions:training_evidence", args=[pk, w["training"], w["evidence"]]),
            logs="Underlag hämtat",
        ),
        Job(
            "admin",
            reverse("ips:employer_agreement_document", args=[w["employer"], w["agreement"]]),
            logs="Överenskommelsens dokument",
        ),
    ]
    writes = [
        Job(person, note, {"text": f"Samtidig anteckning {index}"}, logs="Journalanteckning")
        for index, person in enumerate(["coach", "insatsansvarig"] * 6)
    ]
    reads = [
        Job("coach", detail),
        Job("insatsansvarig", reverse("reporting:report_detail", args=[pk, report])),
        Job("coach", reverse("participants:caseload")),
        Job("styrgrupp", reverse("reporting:forbund_overview")),
    ] * 3
    merged = zip_longest(downloads, writes, reads)
    return [job for group in merged for job in group if job is not None]


def _audit_details(database: Path) -> dict[str, list[str]]:
    """The audit events' descriptions by request id, read from the server's file."""
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT request_id, detail FROM audit_auditevent").fetchall()
    found: dict[str, list[str]] = {}
    for request_id, detail in rows:
        found.setdefault(request_id, []).append(detail)
    return found


def _note_count(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        (count,) = db.execute("SELECT COUNT(*) FROM participants_journalnote").fetchone()
    return int(count)


def _browser(sqlite_server: SqliteServer, person: str) -> Browser:
    world = sqlite_server.world
    session = world["sessions"][person]
    browser = Browser(sqlite_server.server.base_url, world["session_cookie"], session)
    return browser.open_start_page()


def test_people_at_once_get_no_server_error_and_every_write_lands(
    sqlite_server: SqliteServer,
) -> None:
    server, world = sqlite_server.server, sqlite_server.world
    jobs = _work(world)
    people = sorted({job.person for job in jobs})
    notes_before = _note_count(sqlite_server.database)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        signed_in = pool.map(lambda person: _browser(sqlite_server, person), people)
        browsers = dict(zip(people, signed_in, strict=True))
        answers = list(
            pool.map(lambda j: browsers[j.person].request(j.path, j.form, j.request_id), jobs)
        )
    log = server.log_path.read_text(errors="replace")
    failed = [
        f"{job.person} {'POST' if job.form else 'GET'} {job.path}: {status}"
        for job, (status, _body) in zip(jobs, answers, strict=True)
        if not 200 <= status < 400
    ]
    assert not failed, "\n".join([*failed, server.log_tail(60)])
    assert "database is locked" not in log
    details = _audit_details(sqlite_server.database)
    unlogged = [
        f"{job.person} {job.path}: no event '{job.logs}…'"
        for job in jobs
        if job.logs and not any(d.startswith(job.logs) for d in details.get(job.request_id, []))
    ]
    assert not unlogged, "\n".join(unlogged)
    written = sum(1 for job in jobs if job.logs.startswith("Journalanteckning"))
    assert _note_count(sqlite_server.database) == notes_before + written
