"""The one rule for writing a share as a percentage, everywhere a figure is shown or exported
(issue #15, item 5): a Swedish decimal comma, one decimal, rounded half up. The page, the PDF,
the DOCX, the XLSX and the CSV all call these functions, so the same share never reads
42,8 % in one place and 42,9 % in another (docs/metrics.md, "Numbers").

Rounding is done on the decimal text of the share, not on the binary float: Python's
``round(42.85, 1)`` gives 42.9 or 42.8 depending on how the float happens to be stored, and
Django's ``number_format`` cuts the digits off (66,67 % would read 66,6 %).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

SHARE_DECIMALS = 1
_STEP = Decimal(1).scaleb(-SHARE_DECIMALS)  # 0.1
MINUS = "\u2212"
GROUP_SEPARATOR = "\u00a0"


def share_percent(share: float | Decimal) -> Decimal:
    """A share from 0 to 1 as a percentage with one decimal, rounded half up: 0.4285 → 42.9."""
    exact = share if isinstance(share, Decimal) else Decimal(repr(float(share)))
    return (exact * 100).quantize(_STEP, rounding=ROUND_HALF_UP)


def ratio_percent(numerator: int, denominator: int) -> Decimal:
    """``numerator`` of ``denominator`` as a percentage with one decimal, in exact arithmetic
    (17 of 22 is 77.3)."""
    return (Decimal(100 * numerator) / Decimal(denominator)).quantize(_STEP, rounding=ROUND_HALF_UP)


def decimal_text(value: Decimal, decimals: int = SHARE_DECIMALS) -> str:
    """A number the Swedish way: non-breaking spaces between thousands, a decimal comma and
    a real minus sign."""
    text = f"{abs(value):,.{decimals}f}".replace(",", GROUP_SEPARATOR).replace(".", ",")
    return f"{MINUS}{text}" if value < 0 else text


def percent_text(share: float | Decimal) -> str:
    """A share from 0 to 1 as text: 0.42857 → "42,9 %"."""
    return f"{decimal_text(share_percent(share))} %"


def ratio_text(numerator: int, denominator: int) -> str:
    """``numerator`` of ``denominator`` as text: 17 of 22 → "77,3 %"."""
    return f"{decimal_text(ratio_percent(numerator, denominator))} %"


def percentage_text(percent: float | Decimal) -> str:
    """A value already in percent (0–100) as text, by the same rule: 77.25 → "77,3 %"."""
    exact = percent if isinstance(percent, Decimal) else Decimal(repr(float(percent)))
    return f"{decimal_text(exact.quantize(_STEP, rounding=ROUND_HALF_UP))} %"
