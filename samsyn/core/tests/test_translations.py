"""Swedish is the source language; the English catalogue must be complete and compiled."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")


def _entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_string_has_an_english_translation():
    missing = [
        entry.msgid
        for entry in _entries()
        if "fuzzy" in entry.flags
        or (entry.msgid_plural and not all(entry.msgstr_plural.values()))
        or (not entry.msgid_plural and not entry.msgstr)
    ]
    assert missing == []


def test_translations_keep_their_placeholders():
    broken = []
    for entry in _entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            got = sorted(PLACEHOLDER.findall(translation))
            if got != wanted and not entry.msgid_plural:
                broken.append(entry.msgid)
    assert broken == []


def test_compiled_catalogue_matches_the_source():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    compiled_map = {entry.msgid: entry.msgstr for entry in compiled if not entry.msgid_plural}
    source_map = {entry.msgid: entry.msgstr for entry in _entries() if not entry.msgid_plural}
    assert compiled_map == source_map, "run `make messages` to recompile locale/en"


def test_pages_are_swedish_by_default_even_for_english_browsers(client):
    response = client.get(reverse("core:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    body = response.content.decode()
    assert '<html lang="sv">' in body
    assert "Logga in i Samsyn" in body


def test_language_switch_gives_english_pages(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("core:login")}, follow=True
    )
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Logga in i Samsyn" not in body
    back = client.post(reverse("set_language"), {"language": "sv", "next": reverse("core:login")})
    assert back.status_code == 302
    assert "Logga in i Samsyn" in client.get(reverse("core:login")).content.decode()
