"""A stale save shown as a comparison instead of a dead end.

When a save is refused because someone else saved the record after the form was opened
(``StaleEditError``), the view re-renders the same form with:

* the user's own typed values, kept in the form as they were posted;
* beside each field where they differ, the version now saved (read through the same scoped
  selector as a normal read), who saved it and when;
* the form's hidden version set to the saved version, so pressing "Spara min version"
  overwrites on purpose, and a link "Använd den sparade versionen" to the plain form, which
  shows the saved values.

The view supplies the saved values (as the form's ``initial`` for them) and the last
change; :func:`stale_conflict` does the rest and the include
``includes/stale_conflict.html`` shows it. Nothing is written on the stale save.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _

from samsyn.audit.selectors.changes import last_change_of

STALE_CODE = "stale"


@dataclass(frozen=True)
class ChangedField:
    name: str
    label: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class StaleConflict:
    """What the conflict panel shows: the differing fields, who saved and when."""

    fields: list[ChangedField]
    saved_by: str
    saved_at: datetime.datetime | None
    discard_url: str
    # The record as saved now, when the view read it again (conflict_if_stale): a page that
    # names the record shows this one, not the instance the refused save changed in memory.
    saved_record: Any = None


def form_is_stale(form: forms.Form) -> bool:
    """True when the service's stale refusal landed on ``form`` (as a form-wide error)."""
    data = form.errors.as_data() if form.is_bound else {}
    return any(err.code == STALE_CODE for err in data.get(NON_FIELD_ERRORS, []))


def _values(data: Mapping[str, Any], key: str) -> list[Any]:
    getlist = getattr(data, "getlist", None)
    return list(getlist(key)) if getlist is not None else [data[key]]


def _choice_labels(choices: Any) -> dict[str, Any]:
    """Value -> label of a field's choices, grouped choices (optgroups) included."""
    labels: dict[str, Any] = {}
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            labels.update(_choice_labels(label))
        else:
            labels[str(key)] = label
    return labels


def _display(field: forms.Field, value: Any) -> str:
    """``value`` (a raw posted value or a saved python value) as readable text."""
    if isinstance(field, forms.BooleanField):
        return str(_("Ja") if field.to_python(value) else _("Nej"))
    if value in (None, ""):
        return str(_("(tomt)"))
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = _choice_labels(field.choices)
        values = value if isinstance(value, (list, tuple)) else [value]
        return ", ".join(str(labels.get(str(item), item)) for item in values)
    if isinstance(field, forms.ModelChoiceField):
        items = value if isinstance(value, (list, tuple)) else [value]
        name = field.to_field_name or "pk"
        keys = [str(getattr(item, name, item)) for item in items if item not in (None, "")]
        if name == "pk":
            keys = [key for key in keys if key.isdigit()]
        queryset = field.queryset
        if queryset is None:
            return ", ".join(keys)
        found = queryset.filter(**{f"{name}__in": keys})
        return ", ".join(str(obj) for obj in found) or ", ".join(keys)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def stale_conflict(
    form: forms.Form,
    *,
    saved: Mapping[str, Any],
    saved_by: str,
    saved_at: datetime.datetime | None,
    discard_url: str,
    version_field: str = "version",
) -> StaleConflict:
    """Turn the stale refusal on the bound ``form`` into a comparison with ``saved``.

    ``saved`` holds the record's current values keyed by form field name (what the form's
    ``initial`` would be for the saved record, ``version`` included). The stale error is
    taken off the form (the panel explains it), the form's version becomes the saved one,
    and the posted values stay as typed.
    """
    errors = form.errors.get(NON_FIELD_ERRORS)
    if errors is not None:
        kept = [e for e in errors.as_data() if e.code != STALE_CODE]
        if kept:
            form.errors[NON_FIELD_ERRORS] = form.error_class(
                [m for e in kept for m in e.messages], error_class="nonfield"
            )
        else:
            del form.errors[NON_FIELD_ERRORS]
    data = QueryDict(mutable=True)
    for key in form.data:
        data.setlist(key, _values(form.data, key))
    version = saved.get(version_field)
    data[form.add_prefix(version_field)] = "" if version is None else str(version)
    form.data = data
    changed = []
    for bound in form.visible_fields():
        field = bound.field
        posted = bound.data
        theirs = saved.get(bound.name)
        if not field.has_changed(theirs, posted):
            continue
        changed.append(
            ChangedField(
                name=bound.name,
                label=str(bound.label),
                mine=_display(field, posted),
                theirs=_display(field, theirs),
            )
        )
    return StaleConflict(
        fields=changed, saved_by=saved_by, saved_at=saved_at, discard_url=discard_url
    )


def conflict_with(
    form: forms.Form,
    record: models.Model,
    *,
    saved: Mapping[str, Any],
    discard_url: str,
    forbund_id: int | None = None,
) -> StaleConflict:
    """:func:`stale_conflict` for a function view: who saved ``record`` last and when comes
    from its newest create/update event (``forbund_id`` lets the log use its index).

    ``record`` is the record as saved now, read again through the view's scoped selector
    after the stale refusal (the instance the service was given may hold the user's values);
    ``saved`` is what the form's ``initial`` would be for it."""
    change = last_change_of(record, forbund_id=forbund_id)
    return stale_conflict(
        form,
        saved=saved,
        saved_by=change.by if change else "",
        saved_at=change.at if change else None,
        discard_url=discard_url,
    )


RecordT = TypeVar("RecordT", bound=models.Model)


def fresh_values(form: forms.Form) -> dict[str, Any]:
    """What the unbound ``form`` shows: its initial values, a field's own initial included
    (for forms that set their starting values on the fields rather than in ``initial``)."""
    return {name: form.get_initial_for_field(field, name) for name, field in form.fields.items()}


def conflict_if_stale(
    form: forms.Form | None,
    *,
    reload: Callable[[], RecordT | None],
    saved: Callable[[RecordT], Mapping[str, Any]],
    discard_url: str,
    forbund_of: Callable[[RecordT], int | None] | None = None,
    logged_on: Callable[[RecordT], models.Model] | None = None,
) -> StaleConflict | None:
    """The comparison for a function view's form, or None when the form (if any) was not
    refused as stale (nothing is read then).

    ``reload`` reads the record again through the view's scoped selector (None: it is gone,
    and the form keeps the general message); ``saved`` gives the form's values for it;
    ``forbund_of`` its förbund, for the log's index; ``logged_on`` the record whose log
    events tell who saved, for a part logged on its parent (an employer's contact person);
    the record itself by default. The answer's ``saved_record`` is the record read again."""
    if form is None or not (form.is_bound and form_is_stale(form)):
        return None
    record = reload()
    if record is None:
        return None
    conflict = conflict_with(
        form,
        logged_on(record) if logged_on is not None else record,
        saved=saved(record),
        discard_url=discard_url,
        forbund_id=forbund_of(record) if forbund_of else None,
    )
    return dataclasses.replace(conflict, saved_record=record)
