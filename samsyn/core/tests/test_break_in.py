"""The attempt to break in, kept: every URL pattern and every API operation, called by every
persona against its own förbund's objects and against the other förbund's.

Two förbund with the same structure and every role are built once for the module
(``break_in_world.py``). For each row of the table (``break_in_table.py``):

- as each persona, GET the page or operation with the own förbund's objects: the answer is the
  table's, never a 5xx;
- as each persona and as an anonymous visitor, GET and POST (an empty form or JSON body) the
  page or operation with the other förbund's objects: 404 (the log-in page or 401 when
  anonymous), or exactly what an object that does not exist gets (a 405 or a 422 that comes
  before any look-up); never a 403, never a 5xx, and no row of any table changes;
- no answer to a persona contains the other förbund's participant names, pseudonyms,
  personnummer, employer or staff names.

A URL pattern or API operation without a row fails ``test_every_*_has_a_row``.
See docs/security/break-in-suite.md.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.http import urlencode

from samsyn.conftest import login_verified
from samsyn.core.services.api_tokens import api_token_create
from samsyn.core.tests.break_in_probe import (
    MISSING_PK,
    Operation,
    Page,
    api_operations,
    body_text,
    outcome,
    site_pages,
)
from samsyn.core.tests.break_in_table import (
    EXCLUDED_NAMESPACES,
    OPERATIONS,
    PAGES,
    PARAM_KINDS,
)
from samsyn.core.tests.break_in_vocab import (
    DENIED,
    ERROR,
    HIDDEN,
    LOGIN,
    OK,
    PERSONAS,
    SEES_PARTICIPANT_CODES,
    UNAUTHENTICATED,
    Row,
)
from samsyn.core.tests.break_in_world import Side, build_side

PAGE_LIST = site_pages(tuple(EXCLUDED_NAMESPACES))
OPERATION_LIST = api_operations()
ANONYMOUS = "anonymous"
# The page whose own-förbund column says who may see a participant's identity.
PARTICIPANT_PAGE = "participants:registration_detail"
# Columns that change on every request (a session's last log-in, a token's last use).
VOLATILE_COLUMNS = {"last_login", "last_used_at"}
# Set BREAK_IN_RECORD=<file> to write what each persona gets for its own förbund's objects
# (a help when adding rows; the table stays the judge).
RECORD = os.environ.get("BREAK_IN_RECORD")

Sides = tuple[Side, Side]


@pytest.fixture(scope="module")
def sides(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Sides]:
    """Both förbund, built once for the module inside a transaction rolled back at its end;
    each test runs in a savepoint inside it."""
    media = tmp_path_factory.mktemp("break_in_media")
    with (
        override_settings(MEDIA_ROOT=str(media)),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        own = build_side(label="Testdalen", slug="testdalen", marker="Öppensson")
        other = build_side(
            label="Annanstans", slug="annanstans", marker="Hemligsson", other=own.forbund
        )
        yield own, other
        transaction.set_rollback(True)


def _value(side: Side, kind: str) -> Any:
    return kind[1:] if kind.startswith("=") else side.pk(kind)


def _kinds(params: tuple[str, ...], row: Row) -> dict[str, str]:
    """Each parameter's kind; query-string parameters are written ``?name``."""
    kinds = {param: row.params.get(param) or PARAM_KINDS[param] for param in params}
    return kinds | {f"?{param}": kind for param, kind in row.query.items()}


def _kwargs(side: Side, kinds: dict[str, str]) -> dict[str, Any]:
    return {param: _value(side, kind) for param, kind in kinds.items()}


def _missing(own: Side, other: Side, kinds: dict[str, str]) -> dict[str, Any]:
    """The parameters with every object of the other förbund replaced by one that does not
    exist."""
    kwargs = _kwargs(other, kinds)
    for param, kind in kinds.items():
        if _value(own, kind) != _value(other, kind):
            kwargs[param] = MISSING_PK if isinstance(kwargs[param], int) else "saknas-helt"
    return kwargs


def _crosses(own: Side, other: Side, kinds: dict[str, str]) -> bool:
    return any(_value(own, kind) != _value(other, kind) for kind in kinds.values())


def _with_query(path: str, kwargs: dict[str, Any]) -> str:
    query = {param[1:]: value for param, value in kwargs.items() if param.startswith("?")}
    return f"{path}?{urlencode(query)}" if query else path


def _in_path(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {param: value for param, value in kwargs.items() if not param.startswith("?")}


def _page_path(page: Page, kwargs: dict[str, Any]) -> str:
    return _with_query(reverse(page.name, kwargs=_in_path(kwargs)), kwargs)


def _api_path(operation: Operation, kwargs: dict[str, Any]) -> str:
    return _with_query(operation.path.format(**_in_path(kwargs)), kwargs)


def _leaks(response: Any, secrets: tuple[str, ...]) -> list[str]:
    if response.status_code >= 300:
        return []
    text = body_text(response)
    return [secret for secret in secrets if secret in text]


def _fingerprint() -> str:
    """A digest of every row of every Samsyn table but the access log's."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if not model.__module__.startswith("samsyn.") or model._meta.app_label == "audit":
            continue
        columns = [
            f.attname for f in model._meta.concrete_fields if f.attname not in VOLATILE_COLUMNS
        ]
        rows = model._default_manager.order_by("pk").values_list(*columns)
        digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def _page_client(own: Side, persona: str) -> Client:
    if persona == ANONYMOUS:
        return Client()
    return login_verified(Client(), own.world[persona])


def _api_client(own: Side, persona: str) -> Client:
    if persona == ANONYMOUS:
        return Client()
    _token, raw = api_token_create(user=own.world[persona], name="inbrott")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _send(client: Client, method: str, path: str, *, json_body: bool) -> Any:
    call: Callable[..., Any] = getattr(client, method)
    if method == "get":
        return call(path)
    if json_body:
        return call(path, "{}", content_type="application/json")
    return call(path, {})


# --- every URL and operation has a row ---------------------------------------------------


def test_every_page_has_a_row() -> None:
    keys = {page.key for page in PAGE_LIST}
    missing = sorted(keys - set(PAGES))
    assert not missing, f"URL patterns without a row in break_in_table.PAGES: {missing}"
    stale = sorted(set(PAGES) - keys)
    assert not stale, f"rows of break_in_table.PAGES without a URL pattern: {stale}"


def test_every_api_operation_has_a_row() -> None:
    keys = {operation.key for operation in OPERATION_LIST}
    missing = sorted(keys - set(OPERATIONS))
    assert not missing, f"API operations without a row in break_in_table.OPERATIONS: {missing}"
    stale = sorted(set(OPERATIONS) - keys)
    assert not stale, f"rows of break_in_table.OPERATIONS without an operation: {stale}"


def test_every_parameter_has_a_kind(sides: Sides) -> None:
    own, _other = sides
    for key, params, row in [
        *((p.key, p.params, PAGES.get(p.key, Row())) for p in PAGE_LIST),
        *((o.key, o.params, OPERATIONS.get(o.key, Row())) for o in OPERATION_LIST),
    ]:
        for param in params:
            kind = row.params.get(param) or PARAM_KINDS.get(param)
            assert kind, f"{key}: no kind fills the parameter {param!r}"
            assert kind.startswith("=") or kind in own.objects, f"{key}: no object {kind!r}"


def test_denied_only_where_the_object_is_known() -> None:
    """A 403 tells that the object exists, so a row may expect it only from a persona who
    may open some page or operation about the same kind of object."""
    rows = [*((p.params, PAGES[p.key], p.key) for p in PAGE_LIST if p.key in PAGES)]
    rows += [(o.params, OPERATIONS[o.key], o.key) for o in OPERATION_LIST if o.key in OPERATIONS]
    seen: set[tuple[str, str]] = set()
    for params, row, _key in rows:
        if params:
            kind = _kinds(params[:1], row)[params[0]]
            seen |= {(kind, p) for p, answer in row.own.items() if answer == OK}
    for params, row, key in rows:
        for persona, answer in row.own.items():
            if answer != DENIED:
                continue
            assert params, f"{key}: a page without an object may not answer 403"
            kind = _kinds(params[:1], row)[params[0]]
            assert (kind, persona) in seen, f"{key}: 403 to {persona}, who may not see {kind}"


def test_the_leak_check_sees_a_participant(db: None, sides: Sides) -> None:
    """The control: the participant's page shows what the leak check looks for, so a page
    of the other förbund showing it would be caught."""
    own, _other = sides
    client = login_verified(Client(), own.world["coach"])
    response = client.get(reverse(PARTICIPANT_PAGE, kwargs={"pk": own.pk("registration")}))
    assert response.status_code == 200
    assert set(_leaks(response, own.participant_secrets)) >= set(own.participant_secrets[:3])


# --- the own förbund ---------------------------------------------------------------------


def _record(kind: str, persona: str, observed: dict[str, str]) -> None:
    if not RECORD:
        return
    path = f"{RECORD}.{kind}.{persona}.json"
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(observed, handle, indent=1, sort_keys=True)


def _hidden_from(persona: str, own: Side, other: Side) -> tuple[str, ...]:
    """What must not appear in any answer to ``persona``: the other förbund's secrets, and
    the own förbund's participants unless the persona may open the participant's page."""
    if PAGES[PARTICIPANT_PAGE].own[persona] == OK:
        return other.secrets
    hidden = own.participant_secrets
    if persona in SEES_PARTICIPANT_CODES:
        hidden = tuple(s for s in hidden if s not in own.participant_codes)
    return other.secrets + hidden


# One test per table and side, looping over the personas inside: the world is built once
# per module, and a test split across xdist workers would build it again on each.


def test_own_forbund_pages(db: None, sides: Sides) -> None:
    failures = [line for persona in PERSONAS for line in _own_pages(sides, persona)]
    assert not failures, "\n".join(failures)


def test_own_forbund_api(db: None, sides: Sides) -> None:
    failures = [line for persona in PERSONAS for line in _own_api(sides, persona)]
    assert not failures, "\n".join(failures)


def _own_pages(sides: Sides, persona: str) -> list[str]:
    own, other = sides
    client = login_verified(Client(), own.world[persona])
    secrets = _hidden_from(persona, own, other)
    observed, failures = {}, []
    for page in PAGE_LIST:
        row = PAGES.get(page.key, Row())
        path = _page_path(page, _kwargs(own, _kinds(page.params, row)))
        response = client.get(path)
        got = outcome(response)
        observed[page.key] = got
        if got == ERROR or got != row.own[persona]:
            failures.append(f"{persona}: {page.key} GET {path}: {got}, expected {row.own[persona]}")
        if leaked := _leaks(response, secrets):
            failures.append(f"{persona}: {page.key} GET {path}: LEAK of {leaked}")
    _record("pages", persona, observed)
    return failures


def _own_api(sides: Sides, persona: str) -> list[str]:
    own, other = sides
    client = _api_client(own, persona)
    secrets = _hidden_from(persona, own, other)
    observed, failures = {}, []
    for operation in OPERATION_LIST:
        if operation.method != "get":
            continue
        row = OPERATIONS.get(operation.key, Row())
        path = _api_path(operation, _kwargs(own, _kinds(operation.params, row)))
        response = client.get(path)
        got = outcome(response)
        observed[operation.key] = got
        if got == ERROR or got != row.own[persona]:
            failures.append(
                f"{persona}: {operation.key} GET {path}: {got}, expected {row.own[persona]}"
            )
        if leaked := _leaks(response, secrets):
            failures.append(f"{persona}: {operation.key} GET {path}: LEAK of {leaked}")
    _record("api", persona, observed)
    return failures


# --- the other förbund -------------------------------------------------------------------


def _judge_other(
    *,
    label: str,
    response: Any,
    missing: Callable[[], Any],
    anonymous: bool,
    other: Side,
) -> list[str]:
    got = outcome(response)
    failures = []
    if got in {ERROR, DENIED}:
        failures.append(f"{label}: {got} ({response.status_code})")
    elif anonymous and got not in {LOGIN, UNAUTHENTICATED}:
        failures.append(f"{label}: anonymous got {got}")
    elif not anonymous and got != HIDDEN:
        # Only an answer that comes before any look-up may differ from 404: it must be
        # exactly what an object that does not exist gets.
        expected = outcome(missing())
        if got != expected:
            failures.append(f"{label}: {got}, but a missing object gets {expected}")
    if leaked := _leaks(response, other.secrets):
        failures.append(f"{label}: LEAK of {leaked}")
    return failures


def test_other_forbund_pages(db: None, sides: Sides) -> None:
    failures = [line for persona in (*PERSONAS, ANONYMOUS) for line in _other_pages(sides, persona)]
    failures += _log_after_attempts(sides)
    assert not failures, "\n".join(failures)


def _log_after_attempts(sides: Sides) -> list[str]:
    """After every attempt, the own förbund's access log (what its granskare reads, and
    exports) names nothing of the other förbund."""
    own, other = sides
    client = login_verified(Client(), own.world["granskare"])
    failures = []
    for name in ("audit:event_list", "audit:event_export"):
        response = client.get(reverse(name))
        if leaked := _leaks(response, other.secrets):
            failures.append(f"granskare: {name} after the attempts: LEAK of {leaked}")
    return failures


def test_other_forbund_api(db: None, sides: Sides) -> None:
    failures = [line for persona in (*PERSONAS, ANONYMOUS) for line in _other_api(sides, persona)]
    assert not failures, "\n".join(failures)


def _other_pages(sides: Sides, persona: str) -> list[str]:
    own, other = sides
    client = _page_client(own, persona)
    before, failures = _fingerprint(), []
    for page in PAGE_LIST:
        kinds = _kinds(page.params, PAGES.get(page.key, Row()))
        if not _crosses(own, other, kinds):
            continue
        path = _page_path(page, _kwargs(other, kinds))
        gone = _page_path(page, _missing(own, other, kinds))
        for method in ("get", "post"):
            response = _send(client, method, path, json_body=False)
            failures += _judge_other(
                label=f"{persona}: {page.key} {method.upper()} {path}",
                response=response,
                missing=partial(_send, client, method, gone, json_body=False),
                anonymous=persona == ANONYMOUS,
                other=other,
            )
    if _fingerprint() != before:
        failures.append(f"{persona}: a request against the other förbund changed data")
    return failures


def _other_api(sides: Sides, persona: str) -> list[str]:
    own, other = sides
    client = _api_client(own, persona)
    before, failures = _fingerprint(), []
    for operation in OPERATION_LIST:
        kinds = _kinds(operation.params, OPERATIONS.get(operation.key, Row()))
        if not _crosses(own, other, kinds):
            continue
        path = _api_path(operation, _kwargs(other, kinds))
        gone = _api_path(operation, _missing(own, other, kinds))
        response = _send(client, operation.method, path, json_body=True)
        failures += _judge_other(
            label=f"{persona}: {operation.key} {operation.method.upper()} {path}",
            response=response,
            missing=partial(_send, client, operation.method, gone, json_body=True),
            anonymous=persona == ANONYMOUS,
            other=other,
        )
    if _fingerprint() != before:
        failures.append(f"{persona}: an API call against the other förbund changed data")
    return failures


# --- a stored document that is gone ------------------------------------------------------

# Each download, with the object whose file it serves and the field holding it.
DOWNLOADS = (
    ("participants:consent_download", {"pk": "consent"}, "consent", "document"),
    (
        "ips:employer_agreement_document",
        {"pk": "employer", "agreement_pk": "agreement"},
        "agreement",
        "document",
    ),
    (
        "interventions:training_evidence",
        {"pk": "intervention", "training_pk": "training", "evidence_pk": "evidence"},
        "evidence",
        "file",
    ),
    (
        "interventions:implementation_evidence",
        {"pk": "intervention", "item_pk": "implementation_item"},
        "implementation_item",
        "evidence",
    ),
)


@pytest.mark.parametrize(
    ("name", "params", "kind", "column"), DOWNLOADS, ids=[d[0] for d in DOWNLOADS]
)
def test_a_document_missing_from_storage_is_not_found(
    db: None, sides: Sides, name: str, params: dict[str, str], kind: str, column: str
) -> None:
    """A row whose file is gone from storage (a restore without the media, a deleted file)
    answers 404 to whoever may download it, never a 500."""
    own, _other = sides
    obj = own.objects[kind]
    type(obj)._default_manager.filter(pk=obj.pk).update(**{column: "saknas/borta.pdf"})
    client = login_verified(Client(), own.world["insatsansvarig"])
    response = client.get(reverse(name, kwargs=_kwargs(own, params)))
    assert response.status_code == 404
