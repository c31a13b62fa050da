"""The app's shape (docs/development.md): views hold no ORM query, every read is a selector."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]


def _manager_uses(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root).as_posix()}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "objects"
    ]


def test_views_hold_no_orm_query() -> None:
    views = sorted((APP / "views").rglob("*.py"))
    assert views
    found = [use for path in views for use in _manager_uses(path, APP)]
    assert not found, f"Move these queries into selectors/ or services/: {found}"


def test_the_walker_sees_a_query(tmp_path: Path) -> None:
    query = tmp_path / "query.py"
    query.write_text("def view():\n    return Goal.objects.filter(pk=1)\n", encoding="utf-8")
    assert _manager_uses(query, tmp_path) == ["query.py:2"]
