"""Forms of the money pages. They collect and type the input (Swedish amounts such as
"64 000" or "1 234,50" included); the rules live in services/money so pages, imports and
the demo data get the same checks and messages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from samsyn.core.form_fields import model_choice_field
from samsyn.core.forms.base import SamsynForm
from samsyn.core.models import Forbund, Party
from samsyn.interventions.forms.fields import DateInput, VersionField
from samsyn.interventions.models import (
    AdministrationCost,
    BudgetLine,
    CostCategory,
    Financing,
    FundingSource,
)
from samsyn.interventions.services.money import (
    ActualCostFields,
    AdministrationCostFields,
    BudgetLineFields,
    FinancingFields,
    format_amount,
    parse_amount,
    parse_month,
)
from samsyn.interventions.services.money.common import MAX_AMOUNT

AMOUNT_HELP = _("I kronor, till exempel 64 000 eller 1 234,50.")


class SwedishDecimalField(forms.CharField):
    """A decimal number written the Swedish way: spaces between thousands and a decimal
    comma ("64 000", "1 234,50"); a point and a trailing "kr" are accepted too.

    A text input, not type=number: number inputs refuse the spaces and, in some browsers,
    the comma that Swedish users write."""

    default_error_messages = {
        "invalid": _("Ange ett tal, till exempel 64 000 eller 1 234,50."),
        "max_value": _("Beloppet är för stort: högst %(max)s kr."),
    }

    max_text = 30

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # No max_length validator: it would measure the Decimal, not the text.
        self.widget.attrs.update(inputmode="decimal", maxlength=str(self.max_text))

    def prepare_value(self, value: Any) -> Any:
        return format_amount(value) if isinstance(value, Decimal) else value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # a Decimal, not text
        text: str = super().to_python(value) or ""
        if text in self.empty_values:
            return None
        try:
            number = parse_amount(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if abs(number) > MAX_AMOUNT:
            # A number, just too big: say so rather than "enter a number".
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"max": format_amount(MAX_AMOUNT)},
            )
        return number


class MonthField(forms.Field):
    """A month written YYYY-MM, as the first day of the month. A text input: type=month is
    missing in some browsers and then shows no hint of the format."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Ange månaden som ÅÅÅÅ-MM, till exempel 2026-03.")}

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "maxlength": "7"}

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y-%m}" if isinstance(value, datetime.date) else value

    def to_python(self, value: Any) -> datetime.date | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        month = parse_month(text)
        if month is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return month


def _year_field(years: list[int]) -> forms.IntegerField:
    return forms.IntegerField(label=_("År"), widget=forms.Select(choices=[(y, y) for y in years]))


def _category_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Kostnadsslag"), choices=CostCategory.choices)


def _funder_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Finansiär"),
        choices=FundingSource.choices,
        initial=FundingSource.FORBUND,
        # Left out (an older form, a script): the förbund, as the model's default.
        required=False,
        help_text=_("Vem som betalar: samordningsförbundets medel om inget annat anges."),
    )


def _funder_party_field() -> forms.ModelChoiceField[Party]:
    return forms.ModelChoiceField(
        label=_("Finansierande part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("– ingen –"),
        help_text=_("Bara för parts egenfinansiering i pengar eller i natura."),
    )


class FunderFieldsMixin(SamsynForm):
    """The funder and, for a party's own financing, the party (checked by the service)."""

    def add_funder_fields(self, parties: QuerySet[Party]) -> None:
        self.fields["funder"] = _funder_field()
        self.fields["funder_party"] = _funder_party_field()
        model_choice_field(self, "funder_party").queryset = parties
        # The version stays last, after the fields a person fills in.
        self.fields["version"] = self.fields.pop("version")


class BudgetLineForm(FunderFieldsMixin):
    category = _category_field()
    description = forms.CharField(
        label=_("Beskrivning"),
        max_length=200,
        required=False,
        help_text=_("Till exempel Jobbcoach 1."),
    )
    amount = SwedishDecimalField(label=_("Belopp (kr)"), help_text=AMOUNT_HELP)
    fte_percent = SwedishDecimalField(
        label=_("Tjänstgöringsgrad (%)"),
        required=False,
        help_text=_("Bara för löner, till exempel 100 eller 37,5."),
    )
    period_from = forms.DateField(
        label=_("Från"), required=False, widget=DateInput(), help_text=_("Bara för löner.")
    )
    period_to = forms.DateField(
        label=_("Till"), required=False, widget=DateInput(), help_text=_("Bara för löner.")
    )
    version = VersionField(required=False)

    def __init__(
        self, *args: Any, years: list[int], parties: QuerySet[Party], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"year": _year_field(years), **self.fields}
        self.add_funder_fields(parties)

    @classmethod
    def for_line(
        cls, line: BudgetLine, years: list[int], parties: QuerySet[Party]
    ) -> BudgetLineForm:
        names = ["year", "category", "description", "amount", "fte_percent", "funder"]
        initial = {name: getattr(line, name) for name in names}
        initial.update(period_from=line.period_from, period_to=line.period_to)
        initial.update(funder_party=line.funder_party_id, version=line.version)
        return cls(initial=initial, years=years, parties=parties)

    def budget_fields(self) -> BudgetLineFields:
        data = self.cleaned_data
        return BudgetLineFields(
            year=data["year"],
            category=data["category"],
            amount=data["amount"],
            description=data.get("description", ""),
            fte_percent=data.get("fte_percent"),
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
            funder=data.get("funder") or FundingSource.FORBUND.value,
            funder_party=data.get("funder_party"),
        )


class FinancingForm(SamsynForm):
    source = forms.ChoiceField(label=_("Finansiär"), choices=FundingSource.choices)
    party = forms.ModelChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        required=False,
        empty_label=_("– ingen –"),
        help_text=_("Bara för parts egenfinansiering i pengar eller i natura."),
    )
    municipality = forms.CharField(
        label=_("Köpande kommun"),
        max_length=60,
        required=False,
        help_text=_("Bara för sålda platser: kommunens namn eller kommunkod."),
    )
    places = forms.IntegerField(
        label=_("Antal platser"), required=False, help_text=_("Bara för sålda platser.")
    )
    price_per_place = SwedishDecimalField(
        label=_("Pris per plats (kr)"),
        required=False,
        help_text=_("Bara för sålda platser, till exempel 64 000."),
    )
    amount = SwedishDecimalField(
        label=_("Belopp (kr)"),
        required=False,
        help_text=_("För sålda platser räknas beloppet ut som antal platser × pris per plats."),
    )
    description = forms.CharField(label=_("Beskrivning"), max_length=200, required=False)
    version = VersionField(required=False)

    def __init__(
        self, *args: Any, years: list[int], parties: QuerySet[Party], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"year": _year_field(years), **self.fields}
        model_choice_field(self, "party").queryset = parties

    @classmethod
    def for_row(cls, row: Financing, years: list[int], parties: QuerySet[Party]) -> FinancingForm:
        initial = {
            "year": row.year,
            "source": row.source,
            "party": row.party_id,
            "municipality": row.municipality_code,
            "places": row.places,
            "price_per_place": row.price_per_place,
            "amount": row.amount,
            "description": row.description,
            "version": row.version,
        }
        return cls(initial=initial, years=years, parties=parties)

    def financing_fields(self) -> FinancingFields:
        data = self.cleaned_data
        return FinancingFields(
            year=data["year"],
            source=data["source"],
            amount=data.get("amount"),
            party=data.get("party"),
            municipality=data.get("municipality", ""),
            places=data.get("places"),
            price_per_place=data.get("price_per_place"),
            description=data.get("description", ""),
        )


class ActualCostForm(FunderFieldsMixin):
    month = MonthField(label=_("Månad"), help_text=_("ÅÅÅÅ-MM, till exempel 2026-03."))
    category = _category_field()
    amount = SwedishDecimalField(label=_("Belopp (kr)"), help_text=AMOUNT_HELP)
    note = forms.CharField(label=_("Kommentar"), max_length=200, required=False)
    version = VersionField(required=False)

    def __init__(self, *args: Any, parties: QuerySet[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_funder_fields(parties)

    def cost_fields(self) -> ActualCostFields:
        data = self.cleaned_data
        return ActualCostFields(
            month=data["month"],
            category=data["category"],
            amount=data["amount"],
            note=data.get("note", ""),
            funder=data.get("funder") or FundingSource.FORBUND.value,
            funder_party=data.get("funder_party"),
        )


class AnnualPlanForm(SamsynForm):
    planned_participants = forms.IntegerField(
        label=_("Planerat antal deltagare"), min_value=0, max_value=100_000
    )
    version = VersionField(required=False)


class DeleteForm(SamsynForm):
    version = VersionField()


class CostKeyForm(SamsynForm):
    """Which outcome to remove: its month, category and funder, with the version shown."""

    month = MonthField()
    category = _category_field()
    funder = forms.ChoiceField(choices=FundingSource.choices, required=False)
    funder_party = forms.IntegerField(required=False, min_value=1)
    version = VersionField()


class ImportForm(SamsynForm):
    file = forms.FileField(
        label=_("Fil med utfall"),
        help_text=_("CSV (semikolon eller komma, UTF-8) eller Excel (XLSX), högst 10 MB."),
    )


class AdministrationCostForm(SamsynForm):
    forbund = forms.ModelChoiceField(label=_("Förbund"), queryset=Forbund.objects.none())
    year = forms.IntegerField(label=_("År"))
    budget = SwedishDecimalField(label=_("Budget (kr)"), help_text=AMOUNT_HELP)
    amount = SwedishDecimalField(label=_("Utfall (kr)"), help_text=AMOUNT_HELP)
    description = forms.CharField(label=_("Beskrivning"), max_length=200, required=False)
    version = VersionField(required=False)

    def __init__(self, *args: Any, forbunds: list[Forbund] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if forbunds and len(forbunds) > 1:
            queryset = Forbund.objects.filter(pk__in=[f.pk for f in forbunds]).order_by("name")
            model_choice_field(self, "forbund").queryset = queryset
        else:
            del self.fields["forbund"]

    @classmethod
    def for_cost(cls, cost: AdministrationCost) -> AdministrationCostForm:
        names = ["year", "budget", "amount", "description", "version"]
        return cls(initial={name: getattr(cost, name) for name in names})

    def cost_fields(self) -> AdministrationCostFields:
        data = self.cleaned_data
        return AdministrationCostFields(
            year=data["year"],
            budget=data["budget"],
            amount=data["amount"],
            description=data.get("description", ""),
        )
