"""What can be restored after a delete, registered by the apps (docs/deleting.md).

Core keeps the deleted rows (``DeletedRecord``) and puts them back; it does not know who may
change a budget line or a meeting's decision. Each app registers, in its ``AppConfig.ready``,

- a :class:`RestoreScope` for every kind of object whose "Borttaget" page lists deleted
  rows (an intervention, an application, a förbund, a meeting): its title and links, or 404;
- a :class:`RestorableKind` for every kind of row kept on delete: the model it restores
  into, the scope it is listed under, and who may restore it (the same rule as who may
  delete it).

A lower layer cannot import an upper one, so the registry is how core's Borttaget page and
restore service reach the apps' permission rules (ARCHITECTURE.md, "Layout").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from samsyn.core.models import User


@dataclass(frozen=True)
class Restorer:
    """May restore: the role to log, and the intervention the event belongs to (if any).
    ``after`` is called in the restore's transaction with the row put back: it may refuse
    with a ValidationError, which undoes the restore (a report period that now overlaps
    another), or change its parent (an application part bumps its application's version)."""

    role: str
    intervention: Any = None
    after: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class Place:
    """The object whose Borttaget page is shown: its heading and the links back to it."""

    title: str
    forbund_id: int
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreScope:
    scope: str
    # The place for the actor, or Http404 when they may not see it as a restorer.
    place: Callable[[User, int], Place]


@dataclass(frozen=True)
class RestorableKind:
    kind: str
    model: str  # "app_label.modelname": an entry of another model is never restored as this
    scope: str
    # Who may restore a row of this kind into the scope object; Http404 for everyone else,
    # ValidationError (Swedish) when the object may no longer be changed. Kinds sharing one
    # rule share the function: the Borttaget page asks each function once.
    restorer: Callable[[User, int], Restorer]
    # Checks the row put back, in the restore's transaction (a ValidationError undoes it).
    after: Callable[[Any], None] | None = None


_SCOPES: dict[str, RestoreScope] = {}
_KINDS: dict[tuple[str, str], RestorableKind] = {}


def register_scope(scope: RestoreScope) -> None:
    _SCOPES[scope.scope] = scope


def register_kind(kind: RestorableKind) -> None:
    _KINDS[(kind.scope, kind.kind)] = kind


def scope_get(scope: str) -> RestoreScope | None:
    return _SCOPES.get(scope)


def kind_get(scope: str, kind: str) -> RestorableKind | None:
    return _KINDS.get((scope, kind))


def kinds_of(scope: str) -> list[RestorableKind]:
    return [kind for (owner, _name), kind in _KINDS.items() if owner == scope]
