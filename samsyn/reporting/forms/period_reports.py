"""Forms of the period reports: they collect and type the input; the rules live in
samsyn/reporting/services/period_reports.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import VersionField
from samsyn.reporting.models import PeriodReport, ReportKind
from samsyn.reporting.services.period_reports import (
    MAX_REASON_LENGTH,
    MAX_SECTION_LENGTH,
    NARRATIVE_FIELDS,
    Narrative,
)


class ReportCreateForm(SamsynForm):
    """The hidden fields of a "Skapa utkast" button: which scheduled period."""

    kind = forms.ChoiceField(choices=ReportKind.choices)
    period_from = forms.DateField(input_formats=["%Y-%m-%d"])
    period_to = forms.DateField(input_formats=["%Y-%m-%d"])


NARRATIVE_HELP = {
    "observations": _("Vad visar siffrorna för perioden? Beskriv utvecklingen."),
    "focus": _("Vad behöver styrgruppen särskilt uppmärksamma?"),
    "causes": _("Vilka orsaker ser ni till resultatet?"),
    "conclusions": _("Vilka slutsatser drar ni?"),
    "proposed_actions": _("Vilka åtgärder föreslår ni, och vem ansvarar?"),
}


class NarrativeForm(SamsynForm):
    """The five sections of the analysis model, each optional."""

    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meta = PeriodReport._meta
        for name in NARRATIVE_FIELDS:
            # No max_length on the field: the service gives the Swedish message with the
            # length; the attribute stops a browser from taking more in the first place.
            self.fields[name] = forms.CharField(
                label=getattr(meta.get_field(name), "verbose_name", name),
                required=False,
                strip=False,
                help_text=NARRATIVE_HELP[name],
                widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_SECTION_LENGTH}),
            )
        self.order_fields([*NARRATIVE_FIELDS, "version"])

    @classmethod
    def for_report(cls, report: PeriodReport) -> NarrativeForm:
        initial: dict[str, object] = {name: getattr(report, name) for name in NARRATIVE_FIELDS}
        initial["version"] = report.version
        return cls(initial=initial)

    def narrative(self) -> Narrative:
        return Narrative(**{name: self.cleaned_data.get(name, "") for name in NARRATIVE_FIELDS})


class ApproveForm(SamsynForm):
    """The confirmation of "Fastställ"; before the period has ended also the reason (the
    service decides whether one is needed and says so)."""

    version = VersionField()

    def __init__(self, *args: Any, early: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if early:
            self.fields["early_reason"] = forms.CharField(
                label=_("Skäl att fastställa före periodens slut"),
                required=False,
                help_text=_("Till exempel att styrgruppen behöver rapporten vid sitt möte."),
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_REASON_LENGTH}),
            )
