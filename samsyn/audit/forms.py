"""Forms of the log review: filtering the log, drawing a sample, documenting the check."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models import AuditAction, LogReview
from samsyn.audit.selectors import AuditEventFilters, reviewable_forbunds_for
from samsyn.audit.services import SAMPLE_SIZE_MAX, SAMPLE_SIZE_MIN
from samsyn.core.form_fields import model_choice_field
from samsyn.core.models import Forbund, User
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import intervention_model, interventions_visible_to
from samsyn.core.versioning import STALE_EDIT_MESSAGE

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Far outside any log's life, but keeps date arithmetic and time zones away from their limits.
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

_DATE_INVALID = _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-31.")


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _DATE_INVALID},
    )


class InterventionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.forbund.name})"


class AuditEventFilterForm(forms.Form):
    """The GET filters of the event list (also posted along with a sample request)."""

    user = forms.CharField(
        label=_("Användare"),
        required=False,
        max_length=150,
        help_text=_("Hela eller del av användarnamnet, eller användarens id."),
    )
    participant = forms.CharField(label=_("Deltagarreferens"), required=False, max_length=64)
    intervention = InterventionChoiceField(
        label=_("Insats"),
        queryset=intervention_model()._default_manager.none(),
        required=False,
        empty_label=_("Alla insatser"),
        error_messages={"invalid_choice": _("Välj en insats i listan.")},
    )
    action = forms.ChoiceField(
        label=_("Händelse"),
        required=False,
        choices=[("", _("Alla händelser")), *AuditAction.choices],
        error_messages={"invalid_choice": _("Välj en händelse i listan.")},
    )
    date_from = _date_field(_("Från och med datum"))
    date_to = _date_field(_("Till och med datum"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "intervention").queryset = (
            interventions_visible_to(user, Role.GRANSKARE)
            .select_related("forbund")
            .order_by("name", "forbund__name")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("date_from", "date_to"):
            day = cleaned.get(name)
            if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
                self.add_error(
                    name,
                    _("Datumet måste ligga mellan %(first)s och %(last)s.")
                    % {"first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()},
                )
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and first > last and not self.has_error("date_to"):
            self.add_error("date_to", _("Slutdatumet kan inte vara före startdatumet."))
        return cleaned

    def filters(self) -> AuditEventFilters:
        """The validated filters; only call after ``is_valid()``."""
        data = self.cleaned_data
        intervention = data.get("intervention")
        return AuditEventFilters(
            user=(data.get("user") or "").strip(),
            participant_ref=(data.get("participant") or "").strip(),
            intervention_id=intervention.pk if intervention is not None else None,
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class SampleForm(forms.Form):
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


class LogReviewForm(forms.Form):
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
