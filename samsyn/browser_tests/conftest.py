"""Browser tests: a real Samsyn server with the demo data, driven through Debian's Chromium.

One server and one browser serve the whole package. The server is a ``runserver`` subprocess
on its own SQLite file in a temporary directory, migrated and seeded with ``seed_demo``.
pytest-django's ``live_server`` is not used: it flushes tables between tests, which the audit
log's append-only triggers refuse.

Both fixtures are package-scoped rather than session-scoped: Playwright's sync API keeps an
event loop in the main thread while it runs, and Django refuses ORM calls from a thread with
a running loop, so the browser has to be gone before the rest of the suite's database tests.

Every page a test visits is checked by ``Visit.check()``: axe-core finds no WCAG 2.1 AA
violation, the Content-Security-Policy was not violated and no request failed with a 5xx.
axe is injected through Playwright's ``evaluate`` (the DevTools protocol), which the page's
CSP does not govern; the browser context keeps CSP on, so the pages are tested as served.
"""

from __future__ import annotations

import base64
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Response,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
SERVER_START_TIMEOUT = 60.0
PAGE_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class DemoServer:
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_environment(workdir: Path) -> dict[str, str]:
    """A development environment of its own: fresh keys, a throwaway SQLite database."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DEBUG="1",
        SAMSYN_DEMO="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        SAMSYN_FIELD_KEYS="k1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        SAMSYN_BLIND_INDEX_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        CSRF_TRUSTED_ORIGINS="",
        SAMSYN_BEHIND_PROXY="0",
        # Uploads (signed consent forms) stay in the throwaway directory too.
        SAMSYN_MEDIA_ROOT=str(workdir / "media"),
        SAMSYN_SSL_REDIRECT="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(*args: str, env: dict[str, str], log: Path) -> None:
    with log.open("a") as out:
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{tail}", pytrace=False)


def _wait_until_up(process: subprocess.Popen[bytes], server: DemoServer) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    probe = server.base_url + reverse("core:login")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The test server stopped:\n{server.log_tail()}", pytrace=False)
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:  # noqa: S310 (local)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"The test server did not answer at {probe}:\n{server.log_tail()}", pytrace=False)


@pytest.fixture(scope="package")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    workdir = tmp_path_factory.mktemp("samsyn-browser")
    log = workdir / "server.log"
    env = _server_environment(workdir)
    _manage("migrate", "--noinput", env=env, log=log)
    _manage("seed_demo", env=env, log=log)
    port = _free_port()
    server = DemoServer(base_url=f"http://127.0.0.1:{port}", log_path=log)
    with log.open("a") as out:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(process, server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}. Install it with "
            "'sudo apt-get install -y chromium' (or run 'make browser-deps' as root).",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="package")
def axe() -> Axe:
    return Axe()


@dataclass
class Visit:
    """A page in a fresh browser context plus what went wrong while it was used."""

    page: Page
    server: DemoServer
    axe: Axe
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def watch(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"JS error: {error}"))
        self.page.on("response", self._on_response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP violation on {self.page.url}: {message.text}")

    def _on_response(self, response: Response) -> None:
        # A failing page is an error; a failing style sheet or script behind a page is too.
        failed = response.status >= 500 or (
            response.status >= 400 and response.request.resource_type != "document"
        )
        if failed:
            self.problems.append(f"{response.status} from {response.url}")

    def goto(self, path: str, *, expect_status: int = 200) -> Response:
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == expect_status, (
            f"GET {path} answered {response.status}, not {expect_status}\n{self.server.log_tail()}"
        )
        return response

    def path(self) -> str:
        return self.page.url.removeprefix(self.server.base_url)

    def check(self) -> None:
        """axe-core WCAG 2.1 AA on the current page, plus CSP and server errors so far."""
        self.page.wait_for_load_state("load")
        results = self.axe.run(self.page, options=AXE_OPTIONS)
        where = f"{self.path()} ({self.page.title()})"
        self.checked.append(where)
        assert results.violations_count == 0, (
            f"axe-core found WCAG 2.1 AA violations on {where}:\n{results.generate_report()}"
        )
        assert not self.problems, f"Problems while visiting {where}:\n" + "\n".join(self.problems)

    def login(self, username: str, password: str) -> None:
        """Log in through the form, as a person would, and land on the start page."""
        if not self.path().startswith(reverse("core:login")):
            self.goto(reverse("core:login"))
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Lösenord").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("main").get_by_role("button", name="Logga in").click()
        assert self.path() == reverse("core:start"), (
            f"{username} did not reach the start page but {self.path()}\n{self.server.log_tail()}"
        )

    def logout(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Logga ut").click()
        assert self.path().startswith(reverse("core:login")), self.path()

    def nav(self, name: str) -> None:
        """Follow a link of the main menu."""
        menu = self.page.get_by_role("navigation", name="Huvudmeny")
        with self.page.expect_navigation():
            menu.get_by_role("link", name=name, exact=True).click()

    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def follow(self, name: str | re.Pattern[str], *, within: Locator | None = None) -> None:
        """Follow a link in the main content (or ``within``) to a new page."""
        area = within or self.main()
        with self.page.expect_navigation():
            area.get_by_role("link", name=name, exact=isinstance(name, str)).first.click()

    def submit(self, name: str, *, within: Locator | None = None) -> None:
        """Press a form's button and wait for the page it leads to: a plain redirect, or
        htmx's 204 + HX-Redirect after a form opened in place."""
        area = within or self.main()
        with self.page.expect_navigation():
            area.get_by_role("button", name=name, exact=True).click()

    def open_in_place(self, link: str, heading: str) -> Locator:
        """Open a form in place with htmx (the link's hx-get) and wait until it is shown;
        the form's section is returned. Without htmx the same link is a full page."""
        self.main().get_by_role("link", name=link, exact=True).first.click()
        section = self.page.locator("#journey-form").get_by_role("region", name=heading)
        section.wait_for()
        return section


@pytest.fixture
def visit(browser: Browser, demo_server: DemoServer, axe: Axe) -> Iterator[Visit]:
    context = browser.new_context(base_url=demo_server.base_url, locale="sv-SE")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    page = context.new_page()
    visitor = Visit(page=page, server=demo_server, axe=axe)
    visitor.watch()
    try:
        yield visitor
    finally:
        context.close()
