"""Every URL pattern, walked: an anonymous visitor is sent to log in, or gets a 401 from the API.

New pages are covered automatically. A page that really must be public goes on the
allow-list below, with a reason, and needs ``login_not_required``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as sre_constants  # type: ignore[attr-defined,unused-ignore]  # private; typeshed has it only in newer releases
from re import _parser as sre_parse  # type: ignore[attr-defined,unused-ignore]  # private; typeshed has it only in newer releases
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

LOGIN = "/logga-in/"

# url name (with namespace) -> why it is public
PUBLIC_PAGES = {
    "core:login": "the log-in page itself",
    "core:accessibility": "DIGG requires the accessibility statement to be reachable by all",
    "set_language": "the language switch works before log-in",
    "api:openapi-json": "the API description holds no data and helps integrators",
    "core:activate": "the one-time activation link is used before the person can log in",
    "core:password_reset": "'Glömt lösenordet?' is for people who cannot log in",
    "core:password_reset_sent": "the same answer for every address, before log-in",
    "core:password_reset_confirm": "the one-time password link from the e-mail",
    "core:oidc_authentication_init": "sign-in through the e-identification broker (404 if off)",
    "core:oidc_callback": "the broker returns here before anyone is signed in (404 if off)",
    "survey_answer:answer": "respondents answer a survey by a one-time link, without log-in",
    "survey_answer:thanks": "the thank-you page after an anonymous answer",
}
# Public pages whose sample URL gets their own refusal: a made-up one-time token is gone
# (410), OIDC answers 404 while it is not configured. Never a redirect to log in.
PUBLIC_REFUSALS = {
    "core:activate": 410,
    "core:password_reset_confirm": 410,
    "core:oidc_authentication_init": 404,
    "core:oidc_callback": 404,
    # A made-up survey link is gone, like every used or unknown one (docs/surveys.md).
    "survey_answer:answer": 410,
}
# Django's admin has its own log-in page and answers with a redirect to it.
ADMIN_PREFIX = "/django-admin/"
ADMIN_LOGIN = "/django-admin/login/"
API_PREFIX = "/api/v1/"


@dataclass(frozen=True)
class Route:
    path: str
    name: str
    callback: Any


def _sample(parsed: Any) -> str:
    """A string the parsed regular expression matches (enough for URL patterns)."""
    out: list[str] = []
    for op, av in parsed:
        if op is sre_constants.LITERAL:
            out.append(chr(av))
        elif op is sre_constants.NOT_LITERAL:
            out.append("y" if chr(av) == "x" else "x")
        elif op is sre_constants.ANY:
            out.append("x")
        elif op is sre_constants.SUBPATTERN:
            out.append(_sample(av[-1]))
        elif op is sre_constants.BRANCH:
            out.append(_sample(av[1][0]))
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, _high, item = av
            out.append(_sample(item) * max(low, 1))
        elif op is sre_constants.IN:
            out.append(_sample_class(av))
        elif op is sre_constants.CATEGORY:
            out.append("1" if av is sre_constants.CATEGORY_DIGIT else "x")
        elif op is sre_constants.AT:
            continue
        else:  # pragma: no cover - a construct no URL pattern here uses
            raise AssertionError(f"cannot sample regex construct {op}")
    return "".join(out)


def _sample_class(items: list[tuple[Any, Any]]) -> str:
    if items and items[0][0] is sre_constants.NEGATE:
        return "x"
    op, av = items[0]
    if op is sre_constants.LITERAL:
        return chr(av)
    if op is sre_constants.RANGE:
        return chr(max(av[0], ord("1"))) if av[0] <= ord("1") <= av[1] else chr(av[0])
    if op is sre_constants.CATEGORY:
        return "1" if av is sre_constants.CATEGORY_DIGIT else "x"
    return "x"


def _sample_regex(regex: str) -> str:
    return _sample(sre_parse.parse(regex))


def _concrete(pattern: RoutePattern | RegexPattern) -> str:
    if isinstance(pattern, RoutePattern):
        route = str(pattern)

        def fill(match: re.Match[str]) -> str:
            converter = pattern.converters[match.group("name")]
            if converter.regex == "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}":
                return str(uuid.UUID(int=1))
            return _sample_regex(converter.regex)

        return re.sub(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>", fill, route)
    return _sample_regex(str(pattern))


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        part = _concrete(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + part, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield Route(path="/" + prefix + part, name=name, callback=entry.callback)


ROUTES = list(_walk(get_resolver().url_patterns))


def test_the_walk_finds_every_kind_of_page():
    names = {route.name for route in ROUTES}
    assert {"core:start", "core:account", "core:login", "api:me", "admin:index"} <= names
    assert len(ROUTES) > 30


def _view_of(callback: Any) -> Any:
    """The view behind ``callback``. django-ninja mounts one pattern per HTTP method of a
    path (GET and POST /registrations), each a new wrapper around the same ``PathView``,
    which picks the operation by method; the first pattern answers all of them."""
    for cell in getattr(callback, "__closure__", None) or ():
        if type(cell.cell_contents).__name__ == "PathView":
            return cell.cell_contents
    return callback


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.name or '-'} {r.path}")
def test_every_sample_path_reaches_its_own_view(route):
    # Proves the walk requests what it claims to: each sample path resolves to its pattern.
    assert _view_of(resolve(route.path).func) is _view_of(route.callback)


def _is_public(route: Route) -> bool:
    return route.name in PUBLIC_PAGES


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if not r.path.startswith((ADMIN_PREFIX, API_PREFIX)) and not _is_public(r)],
    ids=lambda r: f"{r.name or '-'} {r.path}",
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_log_in(db, route, method):
    response = getattr(Client(), method)(route.path)
    assert response.status_code == 302, f"{route.path} answered {response.status_code}"
    assert response["Location"].startswith(f"{LOGIN}?next=")


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.path.startswith(ADMIN_PREFIX)],
    ids=lambda r: f"{r.name or '-'} {r.path}",
)
def test_django_admin_uses_its_own_log_in(db, route):
    response = Client().get(route.path)
    if route.name in {"admin:login"}:
        assert response.status_code == 200
    elif route.name == "admin:logout":
        assert response.status_code in {302, 405}
    else:
        assert response.status_code == 302, f"{route.path} answered {response.status_code}"
        assert response["Location"].startswith(ADMIN_LOGIN) or response["Location"].startswith(
            LOGIN
        )


def _api_operations() -> Iterator[tuple[str, str]]:
    schema = Client().get(f"{API_PREFIX}openapi.json").json()
    for path, operations in schema["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        for method in operations:
            yield method, concrete


def test_every_api_operation_needs_authentication(db):
    operations = list(_api_operations())
    assert ("get", "/api/v1/me") in operations
    for method, path in operations:
        response = getattr(Client(), method)(path)
        assert response.status_code == 401, f"{method.upper()} {path}: {response.status_code}"
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"] == "Inloggning krävs: ange en giltig API-nyckel."


def test_every_api_operation_declares_its_security_in_openapi(db):
    schema = Client().get(f"{API_PREFIX}openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("security"), f"{method} {path} has no security"


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.path.startswith(API_PREFIX)],
    ids=lambda r: f"{r.name or '-'} {r.path}",
)
def test_api_paths_never_redirect_to_the_log_in_page(db, route):
    response = Client().get(route.path)
    if route.name == "api:openapi-json":
        assert response.status_code == 200
    elif route.name == "api:api-root":
        assert response.status_code == 404
    else:
        assert response.status_code in {401, 405}, f"{route.path}: {response.status_code}"


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if _is_public(r)],
    ids=lambda r: r.name,
)
def test_public_pages_answer_without_log_in(db, route):
    response = Client().get(route.path)
    if route.name in PUBLIC_REFUSALS:
        assert response.status_code == PUBLIC_REFUSALS[route.name]
        return
    assert response.status_code < 400 or response.status_code == 405
    if response.status_code == 302:
        assert not response["Location"].startswith(f"{LOGIN}?next=")


def test_allow_list_names_only_existing_pages():
    names = {route.name for route in ROUTES}
    assert set(PUBLIC_PAGES) <= names
