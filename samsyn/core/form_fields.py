"""Typed access to a bound form's fields.

``form.fields`` maps names to plain ``forms.Field``; a form that narrows a choice field's
queryset or choices in ``__init__`` asks for the field as the class it declared, so the type
checker sees ``queryset`` and ``choices`` and a mismatch fails loudly instead of silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.db import models

F = TypeVar("F", bound=forms.Field)
M = TypeVar("M", bound=models.Model)


def form_field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field ``name``, which must be a ``kind``."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not {kind}")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's (single or multiple) model choice field ``name``."""
    return form_field(form, name, forms.ModelChoiceField)


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field ``name`` (also a model or multiple choice field)."""
    return form_field(form, name, forms.ChoiceField)


def set_choice_label(field: forms.ModelChoiceField[M], label: Callable[[M], str]) -> None:
    """Show each of the field's choices as ``label(obj)`` instead of ``str(obj)``."""
    # Django calls label_from_instance on the field instance, so an instance attribute wins.
    field.label_from_instance = label  # type: ignore[method-assign,assignment]  # see above
