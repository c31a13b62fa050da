"""The API's paths and operation ids are a contract with its clients (issue 9: moving a module
must not rename an operation). django-ninja derives an operation id from the view's module,
so a route whose module moved names its old id with ``operation_id=``.

To change the contract on purpose, regenerate ``golden/operations.txt`` and say so in the
API docs.
"""

from __future__ import annotations

from pathlib import Path

from samsyn.api.urls import api

GOLDEN = Path(__file__).with_name("golden") / "operations.txt"


def _operations() -> list[str]:
    document = api.get_openapi_schema()
    return [
        f"{method.upper()} {path} {operation['operationId']}"
        for path, operations in sorted(document["paths"].items())
        for method, operation in sorted(operations.items())
    ]


def test_paths_and_operation_ids_are_unchanged() -> None:
    assert _operations() == GOLDEN.read_text(encoding="utf-8").splitlines()


def test_operation_ids_are_unique() -> None:
    ids = [line.rsplit(" ", 1)[1] for line in _operations()]
    assert len(ids) == len(set(ids))
