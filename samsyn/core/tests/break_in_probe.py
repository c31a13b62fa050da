"""How the break-in suite enumerates the site and the API, fills parameters and names an answer.

Kept apart from the table (``break_in_table.py``) and the test (``test_break_in.py``) so the
table stays a table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from samsyn.api.urls import api
from samsyn.core.tests.break_in_vocab import (
    DENIED,
    ERROR,
    GONE,
    HIDDEN,
    INVALID,
    LOGIN,
    METHOD,
    OK,
    UNAUTHENTICATED,
)

LOGIN_PATH = "/logga-in/"
API_PREFIX = "/api/v1"
# A primary key no object has: what the site answers for it is what "does not exist" looks like.
MISSING_PK = 987_654_321


@dataclass(frozen=True)
class Page:
    """One URL pattern: its key in the table, its name for ``reverse`` and its parameters."""

    key: str
    name: str
    params: tuple[str, ...]


@dataclass(frozen=True)
class Operation:
    """One API operation from the OpenAPI document."""

    key: str
    method: str
    path: str
    params: tuple[str, ...]


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, tuple[str, ...]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", tuple(entry.pattern.converters)


def site_pages(excluded_prefixes: tuple[str, ...]) -> list[Page]:
    """Every named URL pattern outside ``excluded_prefixes`` (namespaces covered elsewhere).

    A name with several patterns (``interventions:detail`` by pk and by slug) gets one key per
    pattern: ``name[param,...]``."""
    found = [
        (name, params)
        for name, params in _walk(get_resolver().url_patterns)
        if not name.startswith(excluded_prefixes)
    ]
    names = [name for name, _params in found]
    pages = []
    for name, params in found:
        key = name if names.count(name) == 1 else f"{name}[{','.join(params)}]"
        pages.append(Page(key=key, name=name, params=params))
    return pages


def api_operations() -> list[Operation]:
    schema = api.get_openapi_schema()
    operations = []
    for path, methods in schema["paths"].items():
        params = tuple(part[1:-1] for part in path.split("/") if part.startswith("{"))
        for method, operation in methods.items():
            operations.append(
                Operation(key=operation["operationId"], method=method, path=path, params=params)
            )
    return operations


def outcome(response: Any) -> str:
    """The name of an answer, as the table writes it."""
    status = response.status_code
    if status >= 500:
        return ERROR
    if status in {301, 302, 303, 307, 308}:
        return LOGIN if response["Location"].split("?")[0] == LOGIN_PATH else OK
    if status < 300:
        return OK
    return {
        400: INVALID,
        401: UNAUTHENTICATED,
        403: DENIED,
        404: HIDDEN,
        405: METHOD,
        410: GONE,
        422: INVALID,
    }.get(status, f"status {status}")


def body_text(response: Any) -> str:
    """The answer's text, for the leak check (streamed and binary bodies as far as they are
    text)."""
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    return data.decode("utf-8", errors="replace")
