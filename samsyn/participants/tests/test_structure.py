"""Views and API modules hold no ORM query: reads go through selectors/, writes through
services/ (docs/development.md). The walk fails on any ``<Model>.objects`` access."""

from __future__ import annotations

import ast
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parents[1]
THIN_PACKAGES = ("views", "api")


def _thin_modules() -> list[Path]:
    return sorted(path for package in THIN_PACKAGES for path in (APP_ROOT / package).rglob("*.py"))


def _manager_accesses(source: str) -> list[int]:
    tree = ast.parse(source)
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]


def test_views_and_api_hold_no_orm_query() -> None:
    found = {
        path.relative_to(APP_ROOT).as_posix(): lines
        for path in _thin_modules()
        if (lines := _manager_accesses(path.read_text(encoding="utf-8")))
    }
    assert not found, f"Move these queries into selectors/ or services/: {found}"


def test_the_walk_sees_both_packages() -> None:
    names = {path.relative_to(APP_ROOT).parts[0] for path in _thin_modules()}
    assert names == set(THIN_PACKAGES)


def test_the_walk_sees_a_manager_access() -> None:
    assert _manager_accesses("rows = Registration.objects.filter(pk=1)\n") == [1]
    assert _manager_accesses("rows = registrations_visible_to(actor)\n") == []
