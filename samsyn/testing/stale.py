"""Checks of a stale save in a form page (docs/concurrent-editing.md).

A form page's test describes the form once as a :class:`StaleForm` (its URL, who may edit
it, the posted data for a text and a version, and how to read the saved text back) and calls
:func:`check_stale_save`: someone saves first, the user's save with the old version shows the
comparison (both texts, who saved, the new version in the form), writes nothing, and pressing
"Spara min version" (the same post with the version the page now carries) saves.
"""

from __future__ import annotations

from collections.abc import Callable
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
