"""The form of a year's member income: the total and one share per municipality of the
förbund (a blank share means the municipality pays nothing that year)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Party
from samsyn.interventions.forms.fields import VersionField
from samsyn.interventions.forms.money import AMOUNT_HELP, SwedishDecimalField
from samsyn.interventions.models import ForbundIncome
from samsyn.interventions.services.forbund_income import ForbundIncomeFields, ShareFields


class ForbundIncomeForm(SamsynForm):
    total_amount = SwedishDecimalField(
        label=_("Medlemsbidrag totalt (kr)"),
        help_text=_(
            "Försäkringskassan betalar hälften, regionen en fjärdedel och kommunerna "
            "tillsammans en fjärdedel."
        ),
    )
    reference = forms.CharField(
        label=_("Beslut eller överenskommelse"), max_length=200, required=False
    )
    version = VersionField(required=False)

    def __init__(self, *args: Any, municipalities: list[Party], year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.municipalities = municipalities
        self.fields[
            "total_amount"
        ].help_text = f"{self.fields['total_amount'].help_text} {AMOUNT_HELP}"
        for party in municipalities:
            self.fields[f"share_{party.pk}"] = SwedishDecimalField(
                label=_("Andel för %(name)s (%%)") % {"name": party.name},
                required=False,
                help_text=_("Kommunens andel av kommunernas fjärdedel."),
            )

    @classmethod
    def for_income(
        cls, income: ForbundIncome | None, *, municipalities: list[Party], year: int
    ) -> ForbundIncomeForm:
        initial: dict[str, Any] = {"version": 0}
        if income is not None:
            initial.update(
                total_amount=income.total_amount,
                reference=income.reference,
                version=income.version,
            )
            for share in income.shares_loaded:  # type: ignore[attr-defined]
                initial[f"share_{share.party_id}"] = share.share_percent
        return cls(initial=initial, municipalities=municipalities, year=year)

    def income_fields(self) -> ForbundIncomeFields:
        data = self.cleaned_data
        shares = [
            ShareFields(party.pk, data[f"share_{party.pk}"])
            for party in self.municipalities
            if data.get(f"share_{party.pk}") not in (None, Decimal(0))
        ]
        return ForbundIncomeFields(
            year=self.year,
            total_amount=data["total_amount"],
            reference=data.get("reference", ""),
            shares=shares,
        )
