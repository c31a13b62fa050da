"""Samsyn's own Swedish field error messages, replacing Django's stock texts.

Django's stock messages read as translations ("Säkerställ att detta värde har som mest 4000
tecken (den har 5000)."). Every project form inherits ``SamsynForm`` / ``SamsynModelForm``
(samsyn/core/forms/base.py), which runs ``use_samsyn_messages`` on each field: a stock message
is replaced by the plain Swedish one below, with numbers written the Swedish way ("4 000");
a message a form sets itself is left as it is. See docs/development.md, "Messages".
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.core.validators import BaseValidator
from django.utils.translation import gettext_lazy as _

REQUIRED = _("Fyll i det här fältet.")
CHECKBOX_REQUIRED = _("Kryssa i rutan för att gå vidare.")
MAX_LENGTH = _("Texten får vara högst %(limit_value)s tecken; nu är den %(show_value)s.")
MIN_LENGTH = _("Texten måste vara minst %(limit_value)s tecken; nu är den %(show_value)s.")
MAX_VALUE = _("Ange högst %(limit_value)s.")
MIN_VALUE = _("Ange minst %(limit_value)s.")
LATEST_DATE = _("Ange ett datum senast %(limit_value)s.")
EARLIEST_DATE = _("Ange ett datum tidigast %(limit_value)s.")
INVALID_INTEGER = _("Ange ett heltal med siffror, till exempel 12.")
INVALID_NUMBER = _("Ange ett tal med siffror, till exempel 12 eller 7.5.")
INVALID_DATE = _("Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.")
INVALID_DATETIME = _("Ange datum och tid som ÅÅÅÅ-MM-DD TT:MM, till exempel 2026-03-15 09:30.")
INVALID_TIME = _("Ange en tid som TT:MM, till exempel 09:30.")
INVALID_CHOICE = _("Välj ett av alternativen i listan.")
INVALID_CHOICES = _("Välj bland alternativen i listan.")
INVALID_LIST = _("Välj ett eller flera av alternativen i listan.")
INVALID_EMAIL = _("Ange en e-postadress, till exempel namn@exempel.se.")
INVALID_URL = _("Ange en webbadress, till exempel https://exempel.se.")
FILE_INVALID = _("Det som skickades är ingen fil. Välj filen igen.")
FILE_MISSING = _("Ingen fil kom med. Välj filen igen.")
FILE_EMPTY = _("Filen är tom.")
FILE_NAME_LENGTH = _("Filnamnet får vara högst %(max)s tecken; nu är det %(length)s.")
FILE_CONTRADICTION = _("Välj antingen en ny fil eller att ta bort den, inte båda.")


def swedish_number(value: object) -> str:
    """A number as Swedish text reads it: "4 000", "7,5"; a date as ÅÅÅÅ-MM-DD."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ")
    if isinstance(value, Decimal | float):
        text = f"{value:,}".replace(",", " ").replace(".", ",")
        return text
    return str(value)


def _formatted(params: dict[str, Any]) -> dict[str, Any]:
    return {key: swedish_number(value) for key, value in params.items()}


class _SwedishNumbersMixin(validators.BaseValidator):
    """Raises with the numbers formatted (``%(limit_value)s`` reads "4 000", not "4000")."""

    def __call__(self, value: Any) -> None:
        cleaned = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        params = {"limit_value": limit, "show_value": cleaned, "value": value}
        if self.compare(cleaned, limit):
            raise ValidationError(self.message, code=self.code, params=_formatted(params))


class MaxLength(_SwedishNumbersMixin, validators.MaxLengthValidator):
    message = MAX_LENGTH


class MinLength(_SwedishNumbersMixin, validators.MinLengthValidator):
    message = MIN_LENGTH


class MaxValue(_SwedishNumbersMixin, validators.MaxValueValidator):
    message = MAX_VALUE


class MinValue(_SwedishNumbersMixin, validators.MinValueValidator):
    message = MIN_VALUE


class LatestDate(MaxValue):
    message = LATEST_DATE


class EarliestDate(MinValue):
    message = EARLIEST_DATE


_DATE_REPLACEMENTS: dict[type[validators.BaseValidator], type[validators.BaseValidator]] = {
    validators.MaxValueValidator: LatestDate,
    validators.MinValueValidator: EarliestDate,
}

_REPLACEMENTS: dict[type[validators.BaseValidator], type[validators.BaseValidator]] = {
    validators.MaxLengthValidator: MaxLength,
    validators.MinLengthValidator: MinLength,
    validators.MaxValueValidator: MaxValue,
    validators.MinValueValidator: MinValue,
}


def _stock_messages() -> set[int]:
    """The ids of Django's own default messages (a form's own messages are other objects)."""
    ids: set[int] = set()
    for module in (forms.fields, forms.models):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.Field):
                ids.update(id(m) for m in getattr(value, "default_error_messages", {}).values())
    return ids


_STOCK = _stock_messages()


def _is_stock(message: object) -> bool:
    return id(message) in _STOCK


def _decimal_messages(field: forms.DecimalField) -> dict[str, Any]:
    places, digits = field.decimal_places, field.max_digits
    found: dict[str, Any] = {}
    if places is not None:
        found["max_decimal_places"] = (
            INVALID_INTEGER
            if places == 0
            else str(_("Ange högst en decimal."))
            if places == 1
            else str(_("Ange högst %(places)s decimaler.")).replace("%(places)s", str(places))
        )
    if digits is not None:
        whole = digits - (places or 0)
        biggest = "9" * whole if whole > 0 else "0"
        text = _("Talet är för stort: högst %(biggest)s före decimaltecknet.")
        found["max_digits"] = found["max_whole_digits"] = str(text).replace(
            "%(biggest)s", swedish_number(int(biggest))
        )
    return found


def _type_messages(field: forms.Field) -> dict[str, Any]:
    """The messages for the kind of field, by Django's message codes."""
    found: dict[str, Any] = {"required": REQUIRED}
    if isinstance(field, forms.BooleanField):
        found["required"] = CHECKBOX_REQUIRED
    if isinstance(field, forms.IntegerField):
        found["invalid"] = INVALID_INTEGER
    if isinstance(field, forms.FloatField | forms.DecimalField):
        found["invalid"] = INVALID_NUMBER
    if isinstance(field, forms.DateTimeField):
        found["invalid"] = INVALID_DATETIME
    elif isinstance(field, forms.DateField):
        found["invalid"] = INVALID_DATE
    elif isinstance(field, forms.TimeField):
        found["invalid"] = INVALID_TIME
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        found["invalid_choice"] = INVALID_CHOICE
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        found["invalid_choice"] = INVALID_CHOICES
        found["invalid_list"] = found["list"] = INVALID_LIST
        found["invalid_pk_value"] = INVALID_CHOICES
    if isinstance(field, forms.EmailField):
        found["invalid"] = INVALID_EMAIL
    if isinstance(field, forms.URLField):
        found["invalid"] = INVALID_URL
    if isinstance(field, forms.FileField):
        found.update(
            invalid=FILE_INVALID,
            missing=FILE_MISSING,
            empty=FILE_EMPTY,
            max_length=FILE_NAME_LENGTH,
            contradiction=FILE_CONTRADICTION,
        )
    return found


def use_samsyn_messages(field: forms.Field) -> None:
    """Replace the field's stock Django messages with Samsyn's; keep the form's own ones."""
    messages = field.error_messages
    wanted = _type_messages(field)
    if isinstance(field, forms.DecimalField):
        for code, text in _decimal_messages(field).items():
            if code not in messages:
                messages[code] = text
    for code, text in wanted.items():
        if code in messages and _is_stock(messages[code]):
            messages[code] = text
    swapped: list[Any] = []
    table = _DATE_REPLACEMENTS if isinstance(field, forms.DateField) else _REPLACEMENTS
    for validator in field.validators:
        replacement = table.get(type(validator))  # type: ignore[arg-type]  # any callable
        code = getattr(validator, "code", "")
        # A form's own message for this code would be %d-formatted: keep its validator.
        if replacement is None or code in messages or not isinstance(validator, BaseValidator):
            swapped.append(validator)
            continue
        swapped.append(replacement(validator.limit_value))
    field.validators = swapped
