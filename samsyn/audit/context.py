"""Where the current request came from, for audit events written deep inside services.

The request-id middleware fills this in for every request, so a service can log the client
address and request id without every caller passing the request down.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip_address: str | None = None
    request_id: str = ""


_NO_REQUEST = RequestOrigin()
_current: contextvars.ContextVar[RequestOrigin | None] = contextvars.ContextVar(
    "samsyn_request_origin", default=None
)


def current_origin() -> RequestOrigin:
    """The origin of the request being served; empty outside requests (commands, tasks)."""
    return _current.get() or _NO_REQUEST


def set_origin(origin: RequestOrigin) -> contextvars.Token[RequestOrigin | None]:
    return _current.set(origin)


def reset_origin(token: contextvars.Token[RequestOrigin | None]) -> None:
    _current.reset(token)
