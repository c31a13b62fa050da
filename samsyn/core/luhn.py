"""The Luhn (mod 10) check digit used by Swedish personnummer and organisationsnummer."""


def luhn_check_digit(digits: str) -> int:
    """Check digit for ``digits`` (the nine digits before it in a Swedish number).

    Weights 2, 1, 2, ... run from the right, so the rightmost digit is doubled.
    """
    total = 0
    for index, char in enumerate(digits):
        product = int(char) * (2 if (len(digits) - index) % 2 == 1 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def luhn_valid(digits: str) -> bool:
    """True when the last digit of ``digits`` is the Luhn check digit of the others."""
    if len(digits) < 2 or not (digits.isascii() and digits.isdigit()):
        return False
    return luhn_check_digit(digits[:-1]) == int(digits[-1])
