"""Views and API modules hold no ORM query (docs/development.md, ARCHITECTURE "Inside every
app"): every read goes through a selector, every write through a service.

The test walks the AST of each app's ``views/`` and ``api/`` modules (and of the whole
``samsyn.api`` wiring) and fails on any ``<something>.objects.`` attribute chain. Every app with
views or an API is listed in SHAPED_APPS; a new app joins the list.
"""

from __future__ import annotations

import ast
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parents[2]

SHAPED_APPS = (
    "core",
    "audit",
    "api",
    "site",
    "interventions",
    "participants",
    "ips",
    "assessments",
    "applications",
    "reporting",
)
# Packages (or single modules) of an app that must stay free of ORM queries.
THIN_PACKAGES = ("views", "api")


def _thin_modules(app: str) -> list[Path]:
    app_dir = APP_ROOT / app
    if app == "api":
        candidates = list(app_dir.rglob("*.py"))
    else:
        candidates = []
        for name in THIN_PACKAGES:
            candidates += list((app_dir / name).rglob("*.py"))
            single = app_dir / f"{name}.py"
            if single.exists():
                candidates.append(single)
    return [path for path in candidates if "tests" not in path.relative_to(app_dir).parts]


def _orm_queries(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = path.relative_to(APP_ROOT).as_posix()
    return [
        f"{relative}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "objects"
    ]


def test_views_and_api_modules_hold_no_orm_query() -> None:
    found = [
        where for app in SHAPED_APPS for path in _thin_modules(app) for where in _orm_queries(path)
    ]
    assert not found, f"ORM queries in views or API modules (use a selector or a service): {found}"


def test_every_shaped_app_has_thin_modules_to_check() -> None:
    assert all(_thin_modules(app) for app in SHAPED_APPS)


def test_the_walker_sees_a_query(tmp_path: Path, monkeypatch) -> None:
    module = tmp_path / "example.py"
    module.write_text("def f():\n    return Party.objects.filter(pk=1)\nobjects = 1\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["APP_ROOT"]), "APP_ROOT", tmp_path)
    assert _orm_queries(module) == ["example.py:2"]
