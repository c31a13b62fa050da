"""Swedish personnummer and samordningsnummer: parsing, validation and the blind index.

A number is always stored with 12 digits, ``YYYYMMDDNNNC``: birth date, a three-digit birth
number whose last digit is odd for men and even for women (the legal gender in the
population register), and a Luhn check digit computed over the last ten digits. A
samordningsnummer (coordination number) is the same with 60 added to the day of birth.

People write the number with 10 or 12 digits, with or without a separator. With 10 digits
the century is implied: ``-`` (or no separator) means the person turns less than 100 this
year, ``+`` means 100 or more (Skatteverket changes the separator at the start of the year the
person turns 100), so the century is inferred from today's date.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from samsyn.core import crypto
from samsyn.core.luhn import luhn_check_digit, luhn_valid

SAMORDNINGSNUMMER_DAY_OFFSET = 60
BLIND_INDEX_PURPOSE = "personnummer"

# [0-9], not \d: \d also matches other scripts' digits, which are not a personnummer.
_TWELVE = re.compile(r"^([0-9]{8})([-+]?)([0-9]{4})$")
_TEN = re.compile(r"^([0-9]{6})([-+]?)([0-9]{4})$")

MESSAGES = {
    "format": _("Ange personnumret med 10 eller 12 siffror, till exempel 19121212-1212."),
    "plus_with_century": _(
        "Plustecken används bara när personnumret skrivs med 10 siffror. "
        "Skriv numret med 12 siffror och bindestreck, till exempel 19121212-1212."
    ),
    "date": _("Datumet finns inte."),
    "samordningsnummer_date": _(
        "Datumet finns inte. I ett samordningsnummer är dagen födelsedagen plus 60."
    ),
    "future": _("Födelsedatumet ligger i framtiden."),
    "checksum": _("Kontrollsiffran stämmer inte."),
}


def _invalid(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


def _birth_date_of(digits: str) -> datetime.date | None:
    """The birth date encoded in 12 digits, or None when that date does not exist."""
    year, month, day = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    if day > SAMORDNINGSNUMMER_DAY_OFFSET:
        day -= SAMORDNINGSNUMMER_DAY_OFFSET
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, repr=False)
class Personnummer:
    """A valid personnummer or samordningsnummer, held as its 12 digits.

    Construct it with :func:`parse_personnummer`; the constructor itself only accepts 12
    digits that form a valid number and raises ``ValueError`` otherwise.
    """

    digits: str

    def __post_init__(self) -> None:
        digits = self.digits
        if not (isinstance(digits, str) and len(digits) == 12 and _is_ascii_digits(digits)):
            raise ValueError("A Personnummer is made of exactly 12 digits.")
        if _birth_date_of(digits) is None or not luhn_valid(digits[2:]):
            raise ValueError("Not a valid personnummer or samordningsnummer.")

    @property
    def is_samordningsnummer(self) -> bool:
        return int(self.digits[6:8]) > SAMORDNINGSNUMMER_DAY_OFFSET

    @property
    def birth_date(self) -> datetime.date:
        birth_date = _birth_date_of(self.digits)
        assert birth_date is not None  # guaranteed by __post_init__
        return birth_date

    @property
    def birth_year(self) -> int:
        return int(self.digits[0:4])

    @property
    def legal_gender(self) -> str:
        """``"kvinna"`` when the second-to-last digit is even, otherwise ``"man"``."""
        return "kvinna" if int(self.digits[10]) % 2 == 0 else "man"

    @property
    def formatted(self) -> str:
        """The 12-digit written form, ``YYYYMMDD-NNNN``."""
        return f"{self.digits[:8]}-{self.digits[8:]}"

    @property
    def ten_digit(self) -> str:
        """The 10-digit written form as of today, ``YYMMDD-NNNN`` or ``YYMMDD+NNNN``."""
        return self.ten_digit_on(timezone.localdate())

    def ten_digit_on(self, today: datetime.date) -> str:
        """The 10-digit form on ``today``: ``+`` from the year the person turns 100."""
        separator = "+" if today.year - self.birth_year >= 100 else "-"
        return f"{self.digits[2:8]}{separator}{self.digits[8:]}"

    def __str__(self) -> str:
        return self.formatted

    def __repr__(self) -> str:
        # Keep full numbers out of logs and tracebacks.
        return f"Personnummer('{self.digits[:8]}-****')"


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _century_digits(yymmdd: str, separator: str, today: datetime.date) -> str:
    """Prefix ``yymmdd`` with the century implied by the separator and today's year."""
    base_year = today.year - 100 if separator == "+" else today.year
    two_digit_year = int(yymmdd[:2])
    full_year = base_year - (base_year - two_digit_year) % 100
    return f"{full_year:04d}{yymmdd[2:]}"


def _twelve_digits(text: str, today: datetime.date) -> str:
    """Normalise the written forms to 12 digits; raises ValidationError on a bad form."""
    if match := _TWELVE.match(text):
        date_part, separator, rest = match.groups()
        if separator == "+":
            raise _invalid("plus_with_century")
        return date_part + rest
    if match := _TEN.match(text):
        date_part, separator, rest = match.groups()
        return _century_digits(date_part, separator, today) + rest
    raise _invalid("format")


def parse_personnummer(text: str, *, today: datetime.date | None = None) -> Personnummer:
    """Parse a personnummer or samordningsnummer as people write it.

    Accepts ``YYYYMMDD-NNNN``, ``YYYYMMDDNNNN``, ``YYMMDD-NNNN``, ``YYMMDD+NNNN`` and
    ``YYMMDDNNNN``, with surrounding whitespace. Raises ``ValidationError`` with a Swedish
    message and one of the codes in :data:`MESSAGES`.
    """
    if not isinstance(text, str):
        raise _invalid("format")
    today = today or timezone.localdate()
    digits = _twelve_digits(text.strip(), today)
    birth_date = _birth_date_of(digits)
    if birth_date is None:
        day = int(digits[6:8])
        raise _invalid("samordningsnummer_date" if day > SAMORDNINGSNUMMER_DAY_OFFSET else "date")
    if birth_date > today:
        raise _invalid("future")
    if not luhn_valid(digits[2:]):
        raise _invalid("checksum")
    return Personnummer(digits)


def personnummer_check_digit(first_eleven: str) -> int:
    """The check digit for 11 digits ``YYYYMMDDNNN`` (used to build test numbers)."""
    return luhn_check_digit(first_eleven[2:11])


def personnummer_blind_index(pnr: Personnummer) -> str:
    """The HMAC blind index of a number, for an exact look-up without decrypting."""
    return crypto.blind_index(pnr.digits, purpose=BLIND_INDEX_PURPOSE)


class PersonnummerFormField(forms.CharField):
    """A form field that cleans to a :class:`Personnummer` (or ``None`` when left empty)."""

    def __init__(self, **kwargs: Any) -> None:
        # No max_length: its validator would run on the cleaned Personnummer, not the text.
        kwargs.setdefault("help_text", _("Tio eller tolv siffror, till exempel 19121212-1212."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("spellcheck", "false")

    def prepare_value(self, value: Any) -> Any:
        return value.formatted if isinstance(value, Personnummer) else value

    def to_python(self, value: Any) -> Personnummer | None:  # type: ignore[override]  # not text
        if isinstance(value, Personnummer):
            return value
        text = super().to_python(value)
        if not text:
            return None
        return parse_personnummer(text)


def _pydantic_personnummer(value: Any) -> str:
    """Validate for pydantic: 12 digits out, the Swedish message in the error."""
    if isinstance(value, Personnummer):
        return value.digits
    try:
        return parse_personnummer(value).digits
    except ValidationError as error:
        code = error.code or "format"
        # The message is rendered in the active language when the request is validated.
        raise PydanticCustomError(f"personnummer_{code}", str(MESSAGES[code])) from error


PersonnummerStr = Annotated[
    str,
    BeforeValidator(_pydantic_personnummer),
    Field(
        description=(
            "Swedish personnummer or samordningsnummer with 10 or 12 digits, with or "
            "without '-' or '+'; normalised to 12 digits (YYYYMMDDNNNN)."
        ),
        examples=["19121212-1212"],
    ),
]
"""A pydantic (django-ninja) type: accepts the written forms, yields the 12 digits."""
