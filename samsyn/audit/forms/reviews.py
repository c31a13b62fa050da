"""Forms of the log review: drawing a sample and documenting the check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models import LogReview
from samsyn.audit.selectors.events import reviewable_forbunds_for
from samsyn.audit.services.reviews import SAMPLE_SIZE_MAX, SAMPLE_SIZE_MIN
from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund, User
from samsyn.core.versioning import STALE_EDIT_MESSAGE


class SampleForm(SamsynForm):
    """How many events to draw and, for a granskare of several förbund, from which."""

    sample_size = forms.IntegerField(
        label=_("Antal händelser i stickprovet"),
        min_value=SAMPLE_SIZE_MIN,
        max_value=SAMPLE_SIZE_MAX,
        initial=25,
        help_text=_("Mellan 1 och 200 händelser, slumpvis dragna ur de filtrerade."),
        error_messages={
            "required": _("Ange hur många händelser stickprovet ska omfatta."),
            "invalid": _("Ange antalet som ett heltal."),
            "min_value": _("Stickprovet måste omfatta minst %(limit_value)s händelse."),
            "max_value": _("Stickprovet får omfatta högst %(limit_value)s händelser."),
        },
    )
    forbund = forms.ModelChoiceField(
        label=_("Förbund"),
        queryset=Forbund.objects.none(),
        empty_label=_("Välj förbund"),
        error_messages={
            "required": _("Välj vilket förbund stickprovet gäller."),
            "invalid_choice": _("Välj ett av dina förbund."),
        },
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.forbunds = list(reviewable_forbunds_for(user))
        model_choice_field(self, "forbund").queryset = reviewable_forbunds_for(user)
        if len(self.forbunds) == 1:
            # Nothing to choose: the only förbund is used without asking.
            del self.fields["forbund"]

    def chosen_forbund_id(self) -> int:
        """The förbund to sample; only call after ``is_valid()``."""
        chosen = self.cleaned_data.get("forbund")
        return chosen.pk if chosen is not None else self.forbunds[0].pk


class LogReviewForm(SamsynForm):
    """The documented outcome of a check. Carries the version it was rendered from."""

    findings = forms.CharField(
        label=_("Iakttagelser"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Vad du kontrollerade och vad du fann, till exempel om varje åtkomst hade "
            "ett verksamhetsbehov."
        ),
    )
    deviations_found = forms.TypedChoiceField(
        label=_("Hittades avvikelser?"),
        choices=[("nej", _("Nej")), ("ja", _("Ja"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Ange om avvikelser hittades.")},
    )
    completed = forms.BooleanField(
        label=_("Granskning genomförd"),
        required=False,
        help_text=_("En genomförd granskning kan inte ändras i efterhand."),
    )
    # A missing or garbled version can only mean an old or tampered form: treat it as stale.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": STALE_EDIT_MESSAGE,
            "invalid": STALE_EDIT_MESSAGE,
            "min_value": STALE_EDIT_MESSAGE,
        },
    )

    @classmethod
    def for_review(cls, review: LogReview) -> LogReviewForm:
        return cls(
            initial={
                "findings": review.findings,
                "deviations_found": "ja" if review.deviations_found else "nej",
                "version": review.version,
            }
        )
