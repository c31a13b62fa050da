"""Forms of the editable report schedule; the rules live in
samsyn/reporting/services/report_schedule.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import VersionField
from samsyn.interventions.models import ReportPeriodKind

DATE_HELP = _("ÅÅÅÅ-MM-DD. Båda dagarna ingår.")
DATE_ERRORS = {"invalid": _("Ange ett datum som ÅÅÅÅ-MM-DD.")}


class ReportPeriodForm(SamsynForm):
    """Move (dates) and rename a period."""

    label = forms.CharField(label=_("Namn"), max_length=200, strip=True)
    date_from = forms.DateField(
        label=_("Från"),
        input_formats=["%Y-%m-%d"],
        help_text=DATE_HELP,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Till"),
        input_formats=["%Y-%m-%d"],
        help_text=DATE_HELP,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    version = VersionField()


class ReportPeriodAddForm(ReportPeriodForm):
    """A new period: also its kind; no version."""

    kind = forms.ChoiceField(
        label=_("Typ av rapport"),
        choices=[
            (ReportPeriodKind.QUARTER.value, ReportPeriodKind.QUARTER.label),
            (ReportPeriodKind.YEAR.value, ReportPeriodKind.YEAR.label),
        ],
    )
    field_order = ["kind", "label", "date_from", "date_to"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["version"]
