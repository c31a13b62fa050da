"""No import hides inside a function to dodge a cycle (issue 9, docs/development.md).

import-linter (`make lint`, CI) checks the layers over every module-level import; an import
inside a function would slip past it, so this test walks the application's AST and fails on
any ``from samsyn… import`` inside a function, except where the reason is not a cycle:

- ``AppConfig.ready`` (Django loads models only after the app modules are imported);
- lazy loading of the heavy document renderers (WeasyPrint, python-docx) until a document
  is actually asked for (listed below; an entry that no longer matches fails the test too).
"""

from __future__ import annotations

import ast
from pathlib import Path

APP_ROOT = Path(__file__).resolve().parents[2]

# (module path relative to samsyn/, function, imported module)
ALLOWED_FOR_LOAD_TIME = {
    ("reporting/documents/__init__.py", "render_bytes", "samsyn.reporting.documents.xlsx"),
    ("reporting/documents/__init__.py", "render_bytes", "samsyn.reporting.documents.pdf"),
    ("reporting/documents/__init__.py", "render_bytes", "samsyn.reporting.documents.docx"),
}


def _application_modules() -> list[Path]:
    skipped = {"tests", "migrations", "browser_tests"}
    return [
        path
        for path in APP_ROOT.rglob("*.py")
        if not skipped.intersection(path.relative_to(APP_ROOT).parts)
    ]


def _hidden_imports(path: Path) -> set[tuple[str, str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    relative = path.relative_to(APP_ROOT).as_posix()
    found: set[tuple[str, str, str]] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if relative.endswith("apps.py") and function.name == "ready":
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("samsyn"):
                found.add((relative, function.name, node.module or ""))
            elif isinstance(node, ast.Import):
                found.update(
                    (relative, function.name, alias.name)
                    for alias in node.names
                    if alias.name.startswith("samsyn")
                )
    return found


def _all_hidden_imports() -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for path in _application_modules():
        found |= _hidden_imports(path)
    return found


def test_no_new_import_hides_in_a_function() -> None:
    new = _all_hidden_imports() - ALLOWED_FOR_LOAD_TIME
    assert not new, (
        "Imports inside functions (move them to the top, or invert the dependency with a "
        f"registry filled in AppConfig.ready; docs/development.md): {sorted(new)}"
    )


def test_every_allowed_lazy_import_still_exists() -> None:
    gone = ALLOWED_FOR_LOAD_TIME - _all_hidden_imports()
    assert not gone, f"Remove these from ALLOWED_FOR_LOAD_TIME: {sorted(gone)}"


def test_the_walker_sees_a_hidden_import(tmp_path: Path, monkeypatch) -> None:
    module = tmp_path / "example.py"
    module.write_text(
        "import samsyn.stats\n"
        "def f():\n    from samsyn.core import models\n    import samsyn.audit\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["APP_ROOT"]), "APP_ROOT", tmp_path)
    assert _hidden_imports(module) == {
        ("example.py", "f", "samsyn.core"),
        ("example.py", "f", "samsyn.audit"),
    }
