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


_current: contextvars.ContextVar[RequestOrigin] = contextvars.ContextVar(
    "samsyn_request_origin", default=RequestOrigin()
)


def current_origin() -> RequestOrigin:
    return _current.get()


def set_origin(origin: RequestOrigin) -> contextvars.Token[RequestOrigin]:
    return _current.set(origin)


def reset_origin(token: contextvars.Token[RequestOrigin]) -> None:
    _current.reset(token)
