"""Form fields shared by the forms of interventions and of the apps above it: the hidden
version of an edited record, a date picker and a choice of parties."""

from __future__ import annotations

from typing import Any

from django import forms

from samsyn.core.models import Party


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=0, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PartyChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, show_forbund: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_forbund = show_forbund

    def label_from_instance(self, obj: Party) -> str:
        return f"{obj.name} ({obj.forbund.name})" if self.show_forbund else obj.name


class PartyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args: Any, show_forbund: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_forbund = show_forbund

    def label_from_instance(self, obj: Party) -> str:
        return f"{obj.name} ({obj.forbund.name})" if self.show_forbund else obj.name
