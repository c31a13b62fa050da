"""No document is rendered while a database transaction is open (issue #11).

On SQLite, the embedded default, a transaction holds the database's one write lock from its
first statement (``transaction_mode = IMMEDIATE``) to its end; a PDF takes seconds to
render, and everyone else's save waits that long (and, past the busy timeout, fails with
"database is locked"). So every download reads its data and writes its audit event in a
short transaction, or in none, and renders the file after that has committed; and no
request runs inside a transaction as a whole (``ATOMIC_REQUESTS`` is off).

Each download below is requested once while the places where files are rendered record
how many transactions are open: WeasyPrint writing a PDF, openpyxl saving a workbook,
python-docx saving a document, a CSV writer being made, the register extract's JSON being
written and a stored document being decrypted. Each must be reached (so the test sees the
rendering) and none with more transactions open than the test itself holds.

Every function in the project that builds an attachment response is listed in
``DOWNLOADS`` (``builder``); a new one fails ``test_every_download_is_listed`` until it
is added here, and so is tested like the others.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx.document
import pytest
import weasyprint
from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl.workbook.workbook import Workbook

from samsyn.audit.models import AuditEvent
from samsyn.conftest import login_verified
from samsyn.core.files.encrypted_storage import EncryptedFileSystemStorage
from samsyn.core.services.api_tokens import api_token_create
from samsyn.core.tests.break_in_world import Side, build_side
from samsyn.participants.services import register_extract
from samsyn.participants.tests.intake_setup import PNR_MAN

pytestmark = pytest.mark.django_db

API_PREFIX = "/api/v1"
SOURCE = Path(settings.BASE_DIR) / "samsyn"
# Not application code: tests, migrations, the browser tests' own server.
SKIPPED_FOLDERS = {"tests", "migrations", "browser_tests"}


@dataclass(frozen=True)
class Download:
    """One download: the URL (by name, its parameters as break-in world kinds, a literal
    written ``=value``), who asks, and the function that builds the response."""

    url_name: str
    persona: str
    builder: str
    params: dict[str, str] = field(default_factory=dict)
    query: str = ""
    form: dict[str, str] | None = None
    api_path: str = ""
    logged: bool = True

    @property
    def id(self) -> str:
        return f"{self.url_name}?{self.query or (self.form or {}).get('output', '')}"


PERIOD_REPORT = {"pk": "intervention", "report_pk": "period_report"}
FORBUND = "samsyn.reporting.views.forbund._download"
EXTRACT = "samsyn.participants.views.lifecycle.register_extract"

DOWNLOADS = (
    *(
        Download(
            "reporting:report_download",
            "insatsansvarig",
            "samsyn.reporting.views.period_reports.report_download_view",
            {**PERIOD_REPORT, "fmt": f"={fmt}"},
        )
        for fmt in ("pdf", "docx", "xlsx")
    ),
    *(
        Download(f"reporting:{name}", "admin", FORBUND, query=f"format={fmt}")
        for name in ("forbund_overview", "forbund_participants", "forbund_interventions")
        for fmt in ("csv", "xlsx")
    ),
    Download("reporting:forbund_costs", "admin", FORBUND, query="format=csv"),
    Download("reporting:forbund_finsam", "admin", FORBUND, query="format=csv"),
    Download("reporting:forbund_finsam", "admin", FORBUND, query="format=xlsx"),
    Download(
        "ips:fidelity_pdf",
        "insatsansvarig",
        "samsyn.ips.views.fidelity.review_pdf",
        {"pk": "fidelity_review"},
    ),
    *(
        Download(
            "lifecycle:register_extract",
            "admin",
            EXTRACT,
            form={"output": output, "personnummer": PNR_MAN},
        )
        for output in ("pdf", "json")
    ),
    Download("audit:event_export", "granskare", "samsyn.audit.views.events.event_export"),
    *(
        Download(
            "surveys:national_export",
            "admin",
            "samsyn.surveys.views.results.national_export",
            {"fmt": f"={fmt}"},
            query=f"year=2026&format={fmt}",
        )
        for fmt in ("csv", "xlsx")
    ),
    *(
        Download(
            f"collaboration:{name}",
            "coach",
            "samsyn.collaboration.views.common.download",
            {**params, "fmt": f"={fmt}"},
        )
        for name, params in (
            ("minutes_document", {"pk": "meeting"}),
            ("absence_document", {"pk": "team", "party_pk": "party"}),
        )
        for fmt in ("pdf", "docx")
    ),
    Download(
        "applications:decision_minutes",
        "admin",
        "samsyn.applications.views.decisions.decision_minutes",
        {"pk": "decision"},
    ),
    Download(
        "applications:attachment_download",
        "admin",
        "samsyn.applications.views.application_parts.attachment_download",
        {"pk": "application", "attachment_pk": "app_attachment"},
    ),
    Download(
        "applications:forbund_budget_xlsx",
        "admin",
        "samsyn.applications.views.forbund_budget.budget_xlsx",
        {"forbund_pk": "forbund"},
        # The förbund's money: no one's personal data, so no audit event.
        logged=False,
    ),
    Download(
        "participants:consent_download",
        "coach",
        "samsyn.participants.views.consents.consent_download",
        {"pk": "consent"},
    ),
    Download(
        "api:consent_document",
        "coach",
        "samsyn.participants.api.consents.consent_document",
        api_path="/consents/{consent}/document",
    ),
    Download(
        "interventions:training_evidence",
        "insatsansvarig",
        "samsyn.interventions.views.trainings.evidence_download_view",
        {"pk": "intervention", "training_pk": "training", "evidence_pk": "evidence"},
    ),
    Download(
        "interventions:implementation_evidence",
        "insatsansvarig",
        "samsyn.interventions.views.implementation.implementation_evidence_view",
        {"pk": "intervention", "item_pk": "implementation_item"},
    ),
    Download(
        "ips:employer_agreement_document",
        "admin",
        "samsyn.ips.views.employers.agreement_document",
        {"pk": "employer", "agreement_pk": "agreement"},
    ),
    *(
        # A blank template: no personal data, so no audit event; rendered all the same.
        Download(
            "participants:import_template",
            "insatsansvarig",
            "samsyn.participants.views.imports.import_template",
            {"fmt": f"={fmt}"},
            logged=False,
        )
        for fmt in ("csv", "xlsx")
    ),
)


@pytest.fixture(scope="module")
def side(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Side]:
    """One förbund with every kind of object, built once inside a transaction rolled back
    at the module's end; each test runs in a savepoint inside it."""
    media = tmp_path_factory.mktemp("download_media")
    with (
        override_settings(MEDIA_ROOT=str(media)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_side(label="Testdalen", slug="testdalen", marker="Öppensson")
        transaction.set_rollback(True)


Renders = list[tuple[str, int]]


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Renders:
    """(where, how many atomic blocks were open) for each time a file was rendered."""
    seen: Renders = []

    def spy(owner: Any, name: str, where: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def recording(*args: Any, **kwargs: Any) -> Any:
            seen.append((where, len(connection.atomic_blocks)))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recording)

    spy(weasyprint.HTML, "write_pdf", "WeasyPrint PDF")
    spy(Workbook, "save", "openpyxl workbook")
    spy(docx.document.Document, "save", "python-docx document")
    spy(csv, "writer", "CSV writer")
    spy(register_extract, "register_extract_json", "register extract JSON")
    spy(EncryptedFileSystemStorage, "_open", "stored document decrypted")
    return seen


def _path(download: Download, side: Side) -> str:
    def value(kind: str) -> Any:
        return kind[1:] if kind.startswith("=") else side.pk(kind)

    if download.api_path:
        return API_PREFIX + download.api_path.format(consent=side.pk("consent"))
    kwargs = {param: value(kind) for param, kind in download.params.items()}
    path = reverse(download.url_name, kwargs=kwargs)
    return f"{path}?{download.query}" if download.query else path


def _client(download: Download, side: Side) -> Client:
    user = side.world[download.persona]
    if download.api_path:
        _token, raw = api_token_create(user=user, name="nedladdning")
        return Client(headers={"Authorization": f"Bearer {raw}"})
    return login_verified(Client(), user)


@pytest.mark.parametrize("download", DOWNLOADS, ids=lambda download: download.id)
def test_no_document_is_rendered_inside_a_transaction(
    side: Side, renders: Renders, download: Download
) -> None:
    client = _client(download, side)
    path = _path(download, side)
    events = AuditEvent.objects.count()
    # The test's own transactions (the module's world, the test's savepoint).
    own = len(connection.atomic_blocks)
    if download.form is not None:
        response = client.post(path, {"forbund": side.forbund.pk, **download.form})
    else:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert "attachment" in response["Content-Disposition"]
    assert response.getvalue()  # a streamed file is rendered only now, as it is read
    assert renders, f"{path} rendered its file through none of the recorded places"
    inside = [where for where, depth in renders if depth > own]
    assert not inside, f"{path} rendered inside a transaction: {inside}"
    assert (AuditEvent.objects.count() > events) is download.logged


def test_no_request_runs_in_one_transaction() -> None:
    assert not any(database.get("ATOMIC_REQUESTS") for database in settings.DATABASES.values())


def _builds_a_download(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function makes an attachment: a FileResponse, a StreamingHttpResponse or
    a Content-Disposition header."""
    for node in ast.walk(function):
        if isinstance(node, ast.Constant) and node.value == "Content-Disposition":
            return True
        if isinstance(node, ast.Call):
            called = node.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name in {"FileResponse", "StreamingHttpResponse"}:
                return True
    return False


def _download_builders() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE.parent)
        if SKIPPED_FOLDERS & set(relative.parts):
            continue
        module = ".".join(relative.with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if _builds_a_download(node):
                found.add(f"{module}.{node.name}")
    return found


def test_every_download_is_listed() -> None:
    listed = {download.builder for download in DOWNLOADS}
    found = _download_builders()
    assert found - listed == set(), "a download not in DOWNLOADS: add it there"
    assert listed - found == set(), "DOWNLOADS names a function that builds no download"
