"""Checks of a stale save in a form page (docs/concurrent-editing.md).

A form page's test describes the form once as a :class:`StaleForm` (its URL, who may edit
it, the posted data for a text and a version, and how to read the saved text back) and calls
:func:`check_stale_save`: someone saves first, the user's save with the old version shows the
comparison (both texts, who saved, the new version in the form), writes nothing, and pressing
"Spara min version" (the same post with the version the page now carries) saves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.test import Client

from samsyn.audit.models import AuditAction, AuditEvent
from samsyn.core.models import User

FIRST = "Den första sparade texten"
MINE = "Min egen text som inte sparades"


@dataclass(frozen=True)
class StaleForm:
    url: str
    data: Callable[[str, int], dict[str, Any]]  # the posted form for (text, version)
    saved_text: Callable[[], str]  # the text as saved now, read from the database
    version: int  # the version the form was opened with


def _changes() -> int:
    return AuditEvent.objects.filter(action__in=[AuditAction.CREATE, AuditAction.UPDATE]).count()


def check_stale_save(form: StaleForm, first: Client, mine: Client, saver: User) -> None:
    """``first`` saves, then ``mine`` posts the form opened at the same version."""
    assert first.post(form.url, form.data(FIRST, form.version)).status_code == 302
    changes = _changes()
    response = mine.post(form.url, form.data(MINE, form.version))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Någon annan har sparat under tiden" in body
    assert "Ladda om sidan" not in body and "Kopiera det du skrev" not in body
    assert "Din version (inte sparad)" in body and "Den sparade versionen" in body
    assert FIRST in body and MINE in body
    assert (saver.get_full_name() or saver.username) in body
    assert f'name="version" value="{form.version + 1}"' in body
    assert "Spara min version" in body and "Använd den sparade versionen" in body
    assert form.saved_text() == FIRST
    assert _changes() == changes  # nothing written on the stale save
    # "Spara min version": the same post with the version the page now carries.
    assert mine.post(form.url, form.data(MINE, form.version + 1)).status_code == 302
    assert form.saved_text() == MINE


def check_stale_save_hidden(form: StaleForm, first: Client, outsider: Client) -> int:
    """Someone who may not edit posts a stale save: the status code (403 or 404, for the
    caller to check), nothing of the saved version shown, nothing written."""
    assert first.post(form.url, form.data(FIRST, form.version)).status_code == 302
    response = outsider.post(form.url, form.data(MINE, form.version))
    assert FIRST not in response.content.decode()
    assert form.saved_text() == FIRST
    return response.status_code


# --- The same check for a form whose changed field is named, and the panel alone -----------
# ``assert_stale_round_trip`` takes the posted data and the field that differs (any field,
# not only a text); ``assert_stale_panel`` checks the page of a stale save that no second
# user caused through the same form (a version moved on by another change).

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
