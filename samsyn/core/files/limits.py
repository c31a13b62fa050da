"""The one size limit of uploads and imports, ``settings.SAMSYN_MAX_UPLOAD_BYTES``.

Read at call time, not import time, so a test (or a deployment's settings) that changes it
changes every upload and import at once.
"""

from __future__ import annotations

from django.conf import settings

MEBIBYTE = 1024 * 1024


def max_upload_bytes() -> int:
    """The largest file, in bytes, any upload or import accepts."""
    return int(settings.SAMSYN_MAX_UPLOAD_BYTES)


def megabytes(size: int, *, decimals: bool = False) -> str:
    """``size`` in MB the Swedish way: ``10`` for a limit, ``10,4`` with ``decimals``."""
    if not decimals and size % MEBIBYTE == 0:
        return str(size // MEBIBYTE)
    return f"{size / MEBIBYTE:.1f}".replace(".", ",")
