"""Several people at once on the embedded default (issue #11): the demo server runs on a
SQLite file, as `make run` does. Page views write audit events and a PDF export renders
while others write; with WAL, a busy timeout and no transaction held while a document
renders, nobody gets "database is locked" (a 500)."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from samsyn.browser_tests.conftest import DemoServer

pytestmark = pytest.mark.browser

# (user, path): page views that log who saw whom, the dashboard, a fidelity review's PDF.
WORK = [
    ("coach", "/deltagare/1/"),
    ("coach", "/deltagare/2/"),
    ("insatsansvarig", "/rapporter/insats/1/"),
    ("insatsansvarig", "/ips/programtrohet/1/pdf/"),
    ("admin", "/forvaltning/anvandare/"),
    ("coach", "/deltagare/arendelista/"),
]
ROUNDS = 4


def _session(server: DemoServer, username: str) -> urllib.request.OpenerDirector:
    """A logged-in opener (demo accounts log in without a second factor in demo mode)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = server.base_url + "/logga-in/"
    page = opener.open(login, timeout=30).read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "the log-in form has a CSRF token"
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": match.group(1),
            "username": username,
            "password": f"Samsyn-demo-{username}-2026",
        }
    ).encode()
    request = urllib.request.Request(login, data=form, headers={"Referer": login})  # noqa: S310
    with opener.open(request, timeout=30) as response:
        assert "/logga-in/" not in response.url, f"{username} could not log in"
    return opener


def _fetch(opener: urllib.request.OpenerDirector, url: str) -> int:
    try:
        with opener.open(url, timeout=60) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_several_people_at_once_never_lock_the_database(demo_server: DemoServer) -> None:
    sessions = {user: _session(demo_server, user) for user in {user for user, _ in WORK}}
    jobs = [(user, path) for _ in range(ROUNDS) for user, path in WORK]
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(
            pool.map(lambda job: _fetch(sessions[job[0]], demo_server.base_url + job[1]), jobs)
        )
    failures = [(job, status) for job, status in zip(jobs, statuses, strict=True) if status != 200]
    assert not failures, f"{failures}\n{demo_server.log_tail()}"
    assert "database is locked" not in demo_server.log_tail(400)
