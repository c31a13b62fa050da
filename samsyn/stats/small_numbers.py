"""The small-number rule's limit and texts (docs/small-numbers.md): the limit a förbund may
choose (3 or 5, default 5: ``Forbund.small_count_limit``), the text of a hidden count, the
rule as stated on a page and the sentences saying what was hidden and why. The algorithm is
in samsyn/stats/suppression.py, which re-exports these names."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, ngettext

SMALL_COUNT = 5
# The limits a förbund may choose (Forbund.small_count_limit): counts below it are hidden.
ALLOWED_LIMITS = (3, 5)
PRIMARY_TEXT = gettext_lazy("< 5")
SECONDARY_TEXT = gettext_lazy("dolt")
# A median, mean, share or cost per participant taken over too few people (or over a hidden
# count) is not a count: "< 5" there would read as "under five days" (issue #15, item 6).
DERIVED_TEXT = gettext_lazy("för få för att visa")
DERIVED_REASON = gettext_lazy(
    "Värdet (en median, ett medelvärde, en andel eller en kostnad per deltagare) visas inte: "
    "det bygger på för få personer eller på ett dolt antal."
)
SMALL_NUMBERS_RULE = gettext_lazy(
    "Antal från 1 till 4 visas som ”< 5” för att ingen enskild person ska kunna pekas ut. "
    "Där ett sådant antal annars skulle kunna räknas fram ur en summa eller ur det andra "
    "könets antal är även ett annat antal dolt (”dolt”). 0 visas som 0."
)
SMALL_NUMBERS_RULE_LIMIT = gettext_lazy(
    "Antal från 1 till %(largest)d visas som ”< %(limit)d” för att ingen enskild person ska "
    "kunna pekas ut. Där ett sådant antal annars skulle kunna räknas fram ur en summa eller ur "
    "det andra könets antal är även ett annat antal dolt (”dolt”). 0 visas som 0."
)


def primary_text(limit: int = SMALL_COUNT) -> str:
    """The text of a count hidden because it is below ``limit`` ("< 5")."""
    if limit == SMALL_COUNT:
        return str(PRIMARY_TEXT)
    return f"< {limit}"


def small_numbers_rule(limit: int = SMALL_COUNT) -> str:
    """The rule as stated on a page for ``limit``."""
    if limit == SMALL_COUNT:
        return str(SMALL_NUMBERS_RULE)
    return str(SMALL_NUMBERS_RULE_LIMIT) % {"largest": limit - 1, "limit": limit}


def derived_text() -> str:
    """The text of a hidden derived figure (a median, a mean, a share, a cost per
    participant): "för få för att visa", never "< 5"."""
    return str(DERIVED_TEXT)


def hidden_reasons(
    primary: int, secondary: int, limit: int = SMALL_COUNT, *, derived: int = 0
) -> list[str]:
    """What a page or file hides and why, one sentence per reason (none when nothing is):
    "3 antal visas som ”< 5”: färre än 5 personer.", "2 antal är dolda (”dolt”) för att
    skydda en annan cell.", "1 värde (median, medelvärde, andel eller kostnad per deltagare)
    visas som ”för få för att visa”: …"."""
    sentences: list[str] = []
    if primary:
        sentences.append(
            ngettext(
                "%(count)s antal visas som ”%(marker)s”: färre än %(limit)s personer.",
                "%(count)s antal visas som ”%(marker)s”: färre än %(limit)s personer.",
                primary,
            )
            % {"count": primary, "marker": primary_text(limit), "limit": limit}
        )
    if secondary:
        sentences.append(
            ngettext(
                "%(count)s antal är dolt (”%(marker)s”) för att skydda en annan cell.",
                "%(count)s antal är dolda (”%(marker)s”) för att skydda en annan cell.",
                secondary,
            )
            % {"count": secondary, "marker": str(SECONDARY_TEXT)}
        )
    if derived:
        sentences.append(
            ngettext(
                "%(count)s värde (median, medelvärde, andel eller kostnad per deltagare) visas "
                "som ”%(marker)s”: det bygger på färre än %(limit)s personer eller på ett dolt "
                "antal.",
                "%(count)s värden (median, medelvärde, andel eller kostnad per deltagare) visas "
                "som ”%(marker)s”: de bygger på färre än %(limit)s personer eller på ett dolt "
                "antal.",
                derived,
            )
            % {"count": derived, "marker": derived_text(), "limit": limit}
        )
    return sentences


def check_limit(limit: int) -> int:
    if limit not in ALLOWED_LIMITS:
        raise ValueError(f"The small-count limit must be one of {ALLOWED_LIMITS}: {limit!r}.")
    return limit


# Why an audience whose small numbers are hidden chooses among report periods only: two
# freely chosen periods a day apart would show a hidden count by subtraction (issue #11).
FIXED_PERIODS_REASON = gettext_lazy(
    "Små antal döljs för dig, så du kan bara välja någon av rapportperioderna i listan: "
    "egna datum skulle kunna visa ett dolt antal genom att två perioder jämförs."
)
