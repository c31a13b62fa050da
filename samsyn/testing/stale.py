"""One check for a form that shows both versions on a stale save (docs/concurrent-editing.md).

``assert_stale_round_trip`` lets one user save a field, then lets another post the same form
with the version they opened it with: the page must show the comparison panel (both values,
who saved it), keep what the second user typed in the field, write nothing, and carry the
saved version so that "Spara min version" (the same post with that version) saves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.test import Client

from samsyn.audit.models import AuditAction, AuditEvent

STALE_PANEL = "Någon annan har sparat under tiden"


def _main(response: Any) -> str:
    """The page's main content (for a failing assertion's message)."""
    body = str(response.content.decode())
    return f"{response.status_code}: {body[body.find('<main') :][:3000]}"


def change_events() -> int:
    """How many create, update and delete events the access log holds."""
    changes = [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]
    return AuditEvent.objects.filter(action__in=changes).count()


def _field_keeps(body: str, name: str, typed: str) -> bool:
    """True when the form field ``name`` carries ``typed`` (an input's value or a textarea)."""
    text = re.escape(html.escape(typed))
    input_ = rf'<input[^>]*name="{re.escape(name)}"[^>]*value="{text}"'
    textarea = rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>\s*{text}</textarea>'
    return re.search(input_, body) is not None or re.search(textarea, body) is not None


def assert_stale_panel(
    response: Any,
    *,
    field: str,
    mine: str,
    theirs: str | None,
    saver_name: str | None,
    version: int,
    version_field: str = "version",
) -> None:
    """``response`` is the form again with the comparison panel: ``mine`` kept in ``field``,
    ``theirs`` shown beside it, who saved (``None``: someone unnamed) and the saved version."""
    assert response.status_code == 200
    body = response.content.decode()
    assert STALE_PANEL in body
    assert "Ladda om sidan" not in body
    assert "Din version (inte sparad)" in body and "Den sparade versionen" in body
    assert html.escape(mine) in body
    if theirs is not None:
        assert html.escape(theirs) in body
    if saver_name is None:
        assert "Någon annan sparade uppgifterna" in body
    else:
        assert html.escape(saver_name) in body
    assert "Spara min version" in body and "Använd den sparade versionen" in body
    assert _field_keeps(body, field, mine), f"{field} does not keep {mine!r}"
    assert f'name="{version_field}" value="{version}"' in body


def assert_stale_round_trip(
    *,
    saver: Client,
    client: Client,
    url: str,
    data: Mapping[str, Any],
    field: str,
    theirs: str,
    mine: str,
    saver_name: str,
    current: Callable[[], Any],
    version_field: str = "version",
) -> str:
    """``saver`` saves ``field`` = ``theirs`` from ``data`` (with the version the form was
    opened with); ``client`` then posts ``mine`` with that same version.

    ``current`` reads the saved value of ``field`` from the database. Answers the stale
    page's HTML for further checks.
    """
    opened = int(data[version_field])
    saved = saver.post(url, {**data, field: theirs})
    assert saved.status_code == 302, _main(saved)
    assert str(current()) == theirs
    writes = change_events()

    response = client.post(url, {**data, field: mine})
    assert_stale_panel(
        response,
        field=field,
        mine=mine,
        theirs=theirs,
        saver_name=saver_name,
        version=opened + 1,
        version_field=version_field,
    )
    assert str(current()) == theirs
    assert change_events() == writes

    again = client.post(url, {**data, field: mine, version_field: str(opened + 1)})
    assert again.status_code == 302, _main(again)
    assert str(current()) == mine
    return str(response.content.decode())
