"""Swedish organisationsnummer: ten digits, NNNNNN-NNNN, the last a Luhn check digit.

Legal persons have a third digit of at least 2 (so they never look like a birth month);
sole traders use their personnummer, which is not accepted here because parties of a
förbund are always authorities, municipalities or regions.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samsyn.core.luhn import luhn_valid

# [0-9], not \d: \d also matches digits of other scripts.
_FORM = re.compile(r"^(?:16)?([0-9]{6})-?([0-9]{4})$")


def normalize_organisationsnummer(value: str) -> str:
    """Return the number as NNNNNN-NNNN or raise ValidationError with a Swedish message."""
    text = (value or "").strip().replace(" ", "")
    match = _FORM.match(text)
    if not match:
        raise ValidationError(
            _("Ange organisationsnumret med tio siffror, till exempel 202100-5489."),
            code="format",
        )
    digits = match.group(1) + match.group(2)
    if int(digits[2]) < 2:
        raise ValidationError(
            _("Tredje siffran i ett organisationsnummer ska vara 2 eller högre."),
            code="third_digit",
        )
    if not luhn_valid(digits):
        raise ValidationError(_("Kontrollsiffran stämmer inte."), code="checksum")
    return f"{digits[:6]}-{digits[6:]}"


def validate_organisationsnummer(value: str) -> None:
    if value:
        normalize_organisationsnummer(value)
