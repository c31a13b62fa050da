"""The rate limit of the public answering page, per client address.

A fixed window in Django's cache: at most ``SAMSYN_SURVEY_RATE_LIMIT`` requests (GET or
POST, with any token, good or not) per address per ``SAMSYN_SURVEY_RATE_WINDOW_SECONDS``.
The defaults, 120 requests per 10 minutes, let a whole group answer together behind one
kommun's shared (NAT) address — 30 participants each opening the page, correcting one
mistake and sending is about 90 requests — while a machine trying links gets about 17,000
tries a day, nothing against 2^128 possible tokens, and cannot flood the database with
answers. Why not the log-in lock-out (``core.login_lockout``): it counts failures in a
database table with the address and the time, which is exactly what this page must not
leave behind. The cache keeps only a keyed hash of the address (never the address, never
the token) and forgets it when the window ends; nothing is written to any table.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from samsyn.core.crypto import blind_index
from samsyn.core.middleware import client_ip

DEFAULT_LIMIT = 120
DEFAULT_WINDOW_SECONDS = 600


def limits() -> tuple[int, int]:
    return (
        int(getattr(settings, "SAMSYN_SURVEY_RATE_LIMIT", DEFAULT_LIMIT)),
        int(getattr(settings, "SAMSYN_SURVEY_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)),
    )


def allow_answer_request(request: HttpRequest) -> bool:
    """Count this request against its address; False once the address is over the limit."""
    limit, window = limits()
    address = client_ip(request) or "unknown"
    slot = int(time.time() // window)
    key = f"survey-rate:{blind_index(address, purpose='survey-rate')}:{slot}"
    # add() is a no-op when the key exists; incr() is atomic in the shared caches.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit
