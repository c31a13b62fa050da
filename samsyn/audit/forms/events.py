"""The filters of the log, used by the event list, the export and a sample request."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.audit.models import AuditAction
from samsyn.audit.selectors.events import AuditEventFilters
from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import User
from samsyn.core.roles import Role
from samsyn.core.selectors.intervention_scope import intervention_model, interventions_visible_to

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


class AuditEventFilterForm(SamsynForm):
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
