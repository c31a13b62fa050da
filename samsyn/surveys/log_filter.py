"""Keeps answering links out of the server's own log lines.

Django logs every 4xx answer (``django.request``: "Gone: /enkat/<token>/") and the
development server every request (``django.server``), each with the time. A token with a
time and an address is a trace of who answered when, so the token part of an ``/enkat/``
path is replaced by ``…`` before any handler sees the line. Installed on those two loggers
in ``SurveysConfig.ready``. The web server in front of Samsyn keeps its own access log:
docs/surveys.md says how to leave the token out there too.
"""

from __future__ import annotations

import logging
import re

ANSWER_PATH = re.compile(r"/enkat/(?!tack/)[^/\s\"?]+")
REDACTED = "/enkat/…"
LOGGERS = ("django.request", "django.server")


def redact(text: str) -> str:
    return ANSWER_PATH.sub(REDACTED, text)


class RedactAnswerLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/enkat/" in message:
            record.msg, record.args = redact(message), ()
            # Handlers that e-mail errors read the request (with its path) from the record.
            if hasattr(record, "request"):
                del record.request
        return True


def install() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactAnswerLinks) for f in logger.filters):
            logger.addFilter(RedactAnswerLinks())
