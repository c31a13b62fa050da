"""The goal form: it collects and types the input; the rules live in services/goals.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import choice_field
from samsyn.interventions.forms.fields import VersionField
from samsyn.interventions.models import (
    Goal,
    GoalComparison,
    GoalGender,
    GoalPeriod,
    Intervention,
    TrainingRole,
)
from samsyn.interventions.selectors.goals import metric_choices
from samsyn.interventions.services.goals import GoalFields


class GoalForm(forms.Form):
    metric_id = forms.ChoiceField(label=_("Mått"), choices=())
    gender = forms.ChoiceField(
        label=_("Gäller"),
        choices=GoalGender.choices,
        initial=GoalGender.TOTAL,
        help_text=_(
            "Andelen kvinnor räknas alltid bland alla deltagare och utbildad personal "
            "räknas inte per kön: välj Alla för dem."
        ),
    )
    comparison = forms.ChoiceField(
        label=_("Jämförelse"), choices=GoalComparison.choices, initial=GoalComparison.AT_LEAST
    )
    target = forms.DecimalField(
        label=_("Målvärde"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        help_text=_("Andelar anges i procent (0–100), antal som heltal och tider i dagar."),
    )
    target_max = forms.DecimalField(
        label=_("Högsta målvärde"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        required=False,
        help_text=_("Bara för jämförelsen Mellan, till exempel 60 i ”mellan 50 och 60”."),
    )
    training_roles = forms.MultipleChoiceField(
        label=_("Yrkesroller som räknas"),
        choices=TrainingRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Bara för måttet Utbildade personer i valda yrkesroller, till exempel chefer och "
            "handläggare tillsammans. Varje person räknas en gång."
        ),
    )
    period_kind = forms.ChoiceField(
        label=_("Målet gäller"),
        choices=GoalPeriod.choices,
        initial=GoalPeriod.INTERVENTION,
        required=False,  # left out: the whole intervention, as before the choice existed
        help_text=_(
            "Hela insatsen eller varje kalenderår. En kortare period visas som i fas eller "
            "efter plan mot en del av målvärdet, inte som uppnått eller ej uppnått."
        ),
    )
    label = forms.CharField(label=_("Beskrivning"), max_length=200, required=False)

    def __init__(self, *args: Any, intervention: Intervention | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "metric_id").choices = metric_choices(intervention)

    def goal_fields(self) -> GoalFields:
        data = self.cleaned_data
        return GoalFields(
            metric_id=data["metric_id"],
            comparison=data["comparison"],
            target=data["target"],
            target_max=data.get("target_max"),
            gender=data["gender"],
            label=data.get("label", ""),
            training_roles=tuple(data.get("training_roles") or ()),
            period_kind=data.get("period_kind") or GoalPeriod.INTERVENTION,
        )


class GoalEditForm(GoalForm):
    version = VersionField()

    @classmethod
    def for_goal(cls, goal: Goal) -> GoalEditForm:
        return cls(
            intervention=goal.intervention,
            initial={
                "metric_id": goal.metric_id,
                "gender": goal.gender,
                "comparison": goal.comparison,
                "target": goal.target,
                "target_max": goal.target_max,
                "label": goal.label,
                "training_roles": list(goal.training_roles or []),
                "period_kind": goal.period_kind,
                "version": goal.version,
            },
        )


class GoalDeleteForm(forms.Form):
    version = VersionField()
