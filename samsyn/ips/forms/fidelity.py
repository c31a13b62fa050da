"""Forms of the fidelity pages; validation of content is the services' job."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import choice_field, model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Team
from samsyn.ips.models.fidelity import (
    ActionStatus,
    FidelityAction,
    FidelityItem,
    FidelityReview,
    FidelityScore,
    ReviewKind,
)
from samsyn.ips.services.fidelity import (
    EVIDENCE_SOURCES,
    ActionFields,
    ItemFields,
    ReviewFields,
    ScoreFields,
)

SCORE_CHOICES = [("", _("Ej bedömd")), *((str(n), str(n)) for n in range(1, 6))]


class ReviewForm(SamsynForm):
    reviewed_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(label=_("Typ av mätning"), choices=ReviewKind.choices)
    reviewers = forms.CharField(
        label=_("Granskare"),
        help_text=_("Namn och roll, en per rad."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("Inget team")
    )
    summary = forms.CharField(
        label=_("Sammanfattning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, forbund_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "team").queryset = Team.objects.filter(
            forbund_id=forbund_id
        ).order_by("name")

    @classmethod
    def for_review(cls, review: FidelityReview) -> ReviewForm:
        initial = {
            "reviewed_on": review.reviewed_on,
            "kind": review.kind,
            "reviewers": review.reviewers,
            "team": review.team_id,
            "summary": review.summary,
            "version": review.version,
        }
        return cls(initial=initial, forbund_id=review.intervention.forbund_id)

    def review_fields(self) -> ReviewFields:
        data = self.cleaned_data
        team = data.get("team")
        return ReviewFields(
            reviewed_on=data["reviewed_on"],
            kind=data["kind"],
            reviewers=data["reviewers"],
            team_id=team.pk if team else None,
            summary=data.get("summary", ""),
        )


class ScoreSheetForm(SamsynForm):
    """One score, its evidence and a comment per item (fields ``score_<key>`` …)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, scores: Sequence[FidelityScore], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scores = list(scores)
        for row in self.scores:
            key = row.item.key
            number = {"number": row.item.number}
            self.fields[f"score_{key}"] = forms.TypedChoiceField(
                label=_("Poäng för punkt %(number)s") % number,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(row.score or ""),
            )
            self.fields[f"evidence_{key}"] = forms.MultipleChoiceField(
                label=_("Underlag för punkt %(number)s") % number,
                choices=list(EVIDENCE_SOURCES.items()),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=row.evidence_sources,
            )
            self.fields[f"comment_{key}"] = forms.CharField(
                label=_("Kommentar till punkt %(number)s") % number,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.comment,
                max_length=4000,
            )

    def rows(
        self,
    ) -> list[tuple[FidelityScore, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (
                row,
                self[f"score_{row.item.key}"],
                self[f"evidence_{row.item.key}"],
                self[f"comment_{row.item.key}"],
            )
            for row in self.scores
        ]

    def score_fields(self) -> list[ScoreFields]:
        data = self.cleaned_data
        return [
            ScoreFields(
                item_key=row.item.key,
                score=data.get(f"score_{row.item.key}"),
                evidence_sources=tuple(data.get(f"evidence_{row.item.key}") or ()),
                comment=data.get(f"comment_{row.item.key}") or "",
            )
            for row in self.scores
        ]


class VersionForm(SamsynForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionForm(SamsynForm):
    item_key = forms.ChoiceField(label=_("Punkt på skalan"))
    action = forms.CharField(
        label=_("Åtgärd"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    owner = forms.CharField(label=_("Ansvarig"), max_length=200)
    due_on = forms.DateField(
        label=_("Klart senast"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, items: Sequence[FidelityItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "item_key").choices = [(i.key, str(i)) for i in items]

    @classmethod
    def for_action(cls, action: FidelityAction, items: Sequence[FidelityItem]) -> ActionForm:
        initial = {
            "item_key": action.item.key,
            "action": action.action,
            "owner": action.owner,
            "due_on": action.due_on,
            "status": action.status,
            "version": action.version,
        }
        return cls(initial=initial, items=items)

    def action_fields(self) -> ActionFields:
        data = self.cleaned_data
        return ActionFields(
            item_key=data["item_key"],
            action=data["action"],
            owner=data["owner"],
            due_on=data["due_on"],
            status=data["status"],
        )


class ItemForm(SamsynForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    anchor_1 = forms.CharField(label=_("1 poäng"), widget=forms.Textarea(attrs={"rows": 2}))
    anchor_2 = forms.CharField(label=_("2 poäng"), widget=forms.Textarea(attrs={"rows": 2}))
    anchor_3 = forms.CharField(label=_("3 poäng"), widget=forms.Textarea(attrs={"rows": 2}))
    anchor_4 = forms.CharField(label=_("4 poäng"), widget=forms.Textarea(attrs={"rows": 2}))
    anchor_5 = forms.CharField(label=_("5 poäng"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_item(cls, item: FidelityItem) -> ItemForm:
        initial: dict[str, object] = {
            "name": item.name,
            "description": item.description,
            "version": item.scale.version,
        }
        for number in range(1, 6):
            initial[f"anchor_{number}"] = (item.anchors or {}).get(str(number), "")
        return cls(initial=initial)

    def item_fields(self) -> ItemFields:
        data = self.cleaned_data
        anchors = {str(n): data[f"anchor_{n}"] for n in range(1, 6)}
        return ItemFields(name=data["name"], anchors=anchors, description=data["description"])
