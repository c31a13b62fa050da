"""Forms of the structure pages: phases, ladder steps, indicators, activity types and the
places per municipality. They collect and type the input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.models import ActivityApproach
from samsyn.interventions.municipalities import has_municipality_list, municipality_choices


class NameForm(SamsynForm):
    """Add a phase, step, indicator or activity type."""

    name = forms.CharField(label=_("Namn"), max_length=200)


class ActivityTypeForm(NameForm):
    """Add an activity type, saying which interventions offer it."""

    approach = forms.ChoiceField(
        label=_("Gäller"),
        choices=ActivityApproach.choices,
        initial=ActivityApproach.ALLA,
        required=False,
        help_text=_(
            "IPS-insatser erbjuder bara typer som gäller alla insatser eller IPS: arbete "
            "söks direkt, utan arbetsträning eller praktik först."
        ),
        error_messages={"invalid_choice": _("Välj vilka insatser aktivitetstypen gäller.")},
    )


class ApproachForm(SamsynForm):
    approach = forms.ChoiceField(
        choices=ActivityApproach.choices,
        error_messages={"invalid_choice": _("Välj vilka insatser aktivitetstypen gäller.")},
    )


class RenameForm(SamsynForm):
    name = forms.CharField(label=_("Nytt namn"), max_length=200)
    expected_name = forms.CharField(widget=forms.HiddenInput, max_length=200)


class MoveForm(SamsynForm):
    direction = forms.ChoiceField(choices=[("up", _("Upp")), ("down", _("Ned"))])
    expected_order = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class CapacityForm(SamsynForm):
    municipality_code = forms.CharField(
        label=_("Kommun"),
        max_length=60,
        help_text=_("Kommunkod med fyra siffror, till exempel 1780."),
    )
    places = forms.IntegerField(label=_("Platser"), min_value=0, max_value=9999)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_municipality_list():
            self.fields["municipality_code"] = forms.ChoiceField(
                label=_("Kommun"), choices=[("", _("– välj –")), *municipality_choices()]
            )


class PlacesForm(SamsynForm):
    places = forms.IntegerField(label=_("Platser"), min_value=0, max_value=9999)
    expected_places = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
