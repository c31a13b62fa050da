"""Searching the caseload: by name or code, or by personnummer through the blind index.

Names are encrypted at rest with a fresh nonce (``core.crypto``), so the database cannot
compare them. A caseload is small (a coach has tens of people, an insatsansvarig a few
hundred), and the user may see every name in it anyway: the names of the registrations the
user may see are decrypted in Python after **one** scoped query and compared there. A
personnummer is never decrypted: it is normalised to 12 digits and looked up through its
HMAC blind index (``core.personnummer.personnummer_blind_index``) in SQL.

The search text itself is never written to the audit log; the log says only which kind of
search was made (``caseload_audit_detail``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import QuerySet

from samsyn.core.personnummer import parse_personnummer, personnummer_blind_index
from samsyn.participants.models import Registration

# Only digits, separators and spaces: meant as a personnummer, so it is validated as one.
_PERSONNUMMER_LIKE = re.compile(r"^[0-9][0-9\s+-]*$")

AUDIT_DETAIL = "Ärendelista"
AUDIT_DETAIL_NAME_SEARCH = "Ärendelista, sökning på namn eller kod"
AUDIT_DETAIL_PERSONNUMMER_SEARCH = "Ärendelista, sökning på personnummer"


def _normalised(text: str) -> str:
    """Compare names case-insensitively and whatever the Unicode form of å, ä and ö."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class CaseloadSearch:
    """What the user searched for: words to find in names and codes, or one personnummer.

    ``matches_nothing`` stands for a search that could not be understood (an invalid
    personnummer): the list is then empty rather than unfiltered.
    """

    terms: tuple[str, ...] = ()
    personnummer_index: str = ""
    matches_nothing: bool = False

    @property
    def is_personnummer(self) -> bool:
        return bool(self.personnummer_index)


def looks_like_personnummer(text: str) -> bool:
    return bool(_PERSONNUMMER_LIKE.match(text.strip()))


def caseload_search_parse(text: str) -> CaseloadSearch | None:
    """The search for what the user typed; None when there is nothing to search for.

    Raises ``ValidationError`` with a Swedish message when the text is meant as a
    personnummer (only digits and separators) but is not a valid one.
    """
    text = text.strip()
    if not text:
        return None
    if looks_like_personnummer(text):
        personnummer = parse_personnummer("".join(text.split()))
        return CaseloadSearch(personnummer_index=personnummer_blind_index(personnummer))
    return CaseloadSearch(terms=tuple(_normalised(text).split()))


def _name_matches(terms: tuple[str, ...], *parts: str | None) -> bool:
    haystack = _normalised(" ".join(part for part in parts if part))
    return all(term in haystack for term in terms)


def registrations_matching(
    registrations: QuerySet[Registration], *, search: CaseloadSearch
) -> QuerySet[Registration]:
    """Narrow already scoped ``registrations`` to those the search finds.

    A name search costs one query (the scoped rows' names, decrypted on load) whatever the
    number of rows; a personnummer search adds a condition and no query.
    """
    if search.matches_nothing:
        return registrations.none()
    if search.is_personnummer:
        return registrations.filter(person__personnummer_index=search.personnummer_index)
    if not search.terms:
        return registrations
    rows = registrations.order_by().values_list(
        "id",
        "person__is_anonymous",
        "person__first_name",
        "person__last_name",
        "person__pseudonym",
    )
    ids = [
        pk
        for pk, anonymous, first, last, code in rows
        # An anonymous person has no name; only the code identifies them.
        if _name_matches(search.terms, code, *(() if anonymous else (first, last)))
    ]
    return registrations.filter(id__in=ids)


def caseload_audit_detail(search: CaseloadSearch | None) -> str:
    """The log's description of the caseload view: which kind of search, never its text."""
    if search is None:
        return AUDIT_DETAIL
    if search.is_personnummer:
        return AUDIT_DETAIL_PERSONNUMMER_SEARCH
    return AUDIT_DETAIL_NAME_SEARCH
