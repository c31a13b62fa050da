"""The base of every Samsyn form: Samsyn's Swedish field messages instead of Django's.

Inherit ``SamsynForm`` or ``SamsynModelForm`` (or put ``SamsynFormMixin`` first when a
form extends one of Django's own forms); ``samsyn/core/tests/test_form_messages.py`` walks
every form class in the project and fails for one that does not.
"""

from __future__ import annotations

from typing import Any

from django import forms

from samsyn.core.forms.messages import use_samsyn_messages


class SamsynFormMixin:
    """Runs ``use_samsyn_messages`` on each field of the form instance."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            use_samsyn_messages(field)

    def full_clean(self) -> None:
        # Again here: some forms add fields in their __init__ after this class's has run.
        for field in self.fields.values():
            use_samsyn_messages(field)
        super().full_clean()  # type: ignore[misc]  # a mixin: forms.BaseForm comes next


class SamsynForm(SamsynFormMixin, forms.Form):
    """A plain form with Samsyn's messages."""


class SamsynModelForm(SamsynFormMixin, forms.ModelForm):
    """A model form with Samsyn's messages."""
