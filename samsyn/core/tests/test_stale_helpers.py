"""``conflict_if_stale``: the glue of a function view's stale save (docs/concurrent-editing.md).
The pages that use it are tested in their apps (samsyn/testing/stale.py)."""

from __future__ import annotations

import pytest
from django import forms

from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import User
from samsyn.core.tests.factories import UserFactory
from samsyn.core.versioning import StaleEditError
from samsyn.core.web.forms import add_service_errors
from samsyn.core.web.stale import conflict_if_stale, form_is_stale


class NoteForm(SamsynForm):
    note = forms.CharField(label="Anteckning")
    version = forms.IntegerField(widget=forms.HiddenInput)


def _posted(stale: bool) -> NoteForm:
    form = NoteForm({"note": "Min text", "version": "1"})
    assert form.is_valid()
    if stale:
        add_service_errors(form, StaleEditError())
    return form


def _unread() -> User:
    raise AssertionError("read although the save was not stale")


def test_nothing_is_read_without_a_stale_refusal() -> None:
    for form in (None, NoteForm(), _posted(stale=False)):
        conflict = conflict_if_stale(form, reload=_unread, saved=lambda user: {}, discard_url="/x/")
        assert conflict is None


def test_a_record_gone_meanwhile_keeps_the_general_message() -> None:
    form = _posted(stale=True)
    assert (
        conflict_if_stale(form, reload=lambda: None, saved=lambda user: {}, discard_url="/x/")
        is None
    )
    assert form_is_stale(form)


@pytest.mark.django_db
def test_a_stale_save_compares_with_the_record_read_again() -> None:
    user = UserFactory()
    form = _posted(stale=True)
    conflict = conflict_if_stale(
        form,
        reload=lambda: user,
        saved=lambda record: {"note": f"Sparad av {record.username}", "version": 2},
        discard_url="/x/",
        forbund_of=lambda record: None,
    )
    assert conflict is not None and not form_is_stale(form)
    assert [(f.name, f.mine, f.theirs) for f in conflict.fields] == [
        ("note", "Min text", f"Sparad av {user.username}")
    ]
    assert form.data["version"] == "2" and form.data["note"] == "Min text"
    assert conflict.saved_by == "" and conflict.saved_at is None  # the log has no change
    assert conflict.discard_url == "/x/"
