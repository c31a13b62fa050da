"""Forms of the claim pages: they type the input (Swedish amounts included); the rules live in
services/claims.py so the pages and the API refuse the same things with the same words."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.applications.models import PaymentClaim
from samsyn.applications.services.claims import ClaimFields, Outcome
from samsyn.core.forms.base import SamsynForm
from samsyn.interventions.forms.fields import DateInput, VersionField
from samsyn.interventions.forms.money import AMOUNT_HELP, SwedishDecimalField


class ClaimForm(SamsynForm):
    period_from = forms.DateField(
        label=_("Periodens första dag"),
        widget=DateInput(),
        help_text=_("Den första dagen i en månad."),
    )
    period_to = forms.DateField(
        label=_("Periodens sista dag"),
        widget=DateInput(),
        help_text=_("Den sista dagen i en månad, samma år."),
    )
    claimed_amount = SwedishDecimalField(label=_("Begärt belopp (kr)"), help_text=AMOUNT_HELP)
    comment = forms.CharField(
        label=_("Kommentar"), required=False, max_length=2000, widget=forms.Textarea
    )
    version = VersionField(required=False)

    @classmethod
    def for_claim(cls, claim: PaymentClaim) -> ClaimForm:
        names = ["period_from", "period_to", "claimed_amount", "comment", "version"]
        return cls(initial={name: getattr(claim, name) for name in names})

    def claim_fields(self) -> ClaimFields:
        data = self.cleaned_data
        return ClaimFields(
            period_from=data["period_from"],
            period_to=data["period_to"],
            claimed_amount=data["claimed_amount"],
            comment=data.get("comment", ""),
        )


class VersionForm(SamsynForm):
    version = VersionField()


class DecisionForm(SamsynForm):
    outcome = forms.ChoiceField(
        label=_("Beslut"),
        widget=forms.RadioSelect,
        choices=[
            (Outcome.APPROVE, _("Godkänn det begärda beloppet")),
            (Outcome.ADJUST, _("Godkänn ett justerat belopp")),
            (Outcome.REFUSE, _("Avslå")),
        ],
    )
    approved_amount = SwedishDecimalField(
        label=_("Godkänt belopp (kr)"),
        required=False,
        help_text=_("Bara vid justering: högst det begärda beloppet."),
    )
    reason = forms.CharField(
        label=_("Skäl"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs vid justering och avslag."),
    )
    version = VersionField()


class PaymentForm(SamsynForm):
    paid_amount = SwedishDecimalField(label=_("Utbetalt belopp (kr)"), help_text=AMOUNT_HELP)
    paid_on = forms.DateField(label=_("Utbetalningsdag"), widget=DateInput())
    version = VersionField()
