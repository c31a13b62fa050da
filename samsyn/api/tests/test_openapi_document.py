"""The OpenAPI document says what the API really answers (issue 11, item 8)."""

from __future__ import annotations

from typing import Any

import pytest
from ninja import Router, Schema

from samsyn.api.openapi import SamsynNinjaAPI, SchemaNameClashError
from samsyn.api.urls import api


def _document() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def _ref(response: dict[str, Any]) -> str:
    schema = response["content"]["application/json"]["schema"]
    if "items" in schema:
        schema = schema["items"]
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, operations in _document()["paths"].items()
        for method, operation in operations.items()
    ]


class TestSchemaNames:
    def test_indicator_ratings_are_documented_with_the_indicator_score(self) -> None:
        document = _document()
        path = document["paths"]["/api/v1/registrations/{registration_id}/indicator-ratings"]
        measurement = document["components"]["schemas"][_ref(path["get"]["responses"][200])]
        score = measurement["properties"]["scores"]["items"]["$ref"].rsplit("/", 1)[-1]
        assert set(document["components"]["schemas"][score]["properties"]) == {
            "indicator",
            "score",
        }

    def test_fidelity_review_is_documented_with_the_fidelity_score(self) -> None:
        document = _document()
        path = document["paths"]["/api/v1/ips/fidelity-reviews/{review_id}"]
        review = document["components"]["schemas"][_ref(path["get"]["responses"][200])]
        score = review["properties"]["scores"]["items"]["$ref"].rsplit("/", 1)[-1]
        assert "item_key" in document["components"]["schemas"][score]["properties"]

    def test_every_schema_class_of_an_operation_has_its_own_component_name(self) -> None:
        # Every model an operation uses (and every model nested in it), by component name.
        by_name: dict[str, set[type]] = {}

        def visit(model: Any) -> None:
            if not (isinstance(model, type) and issubclass(model, Schema)):
                return
            classes = by_name.setdefault(model.__name__, set())
            if model in classes:
                return
            classes.add(model)
            for field in model.model_fields.values():
                for nested in _models_in(field.annotation):
                    visit(nested)

        for path_view in _all_path_views():
            for operation in path_view.operations:
                # ninja wraps each response and the parameters in models of its own; what
                # is documented as a component is what they hold.
                for model in [*operation.response_models.values(), *operation.models]:
                    if isinstance(model, type) and hasattr(model, "model_fields"):
                        for field in model.model_fields.values():
                            for nested in _models_in(field.annotation):
                                visit(nested)
        clashes = {name: classes for name, classes in by_name.items() if len(classes) > 1}
        assert clashes == {}

    def test_a_second_schema_under_a_taken_name_is_refused(self) -> None:
        first = type("ClashOut", (Schema,), {"__annotations__": {"a": int}})
        second = type("ClashOut", (Schema,), {"__annotations__": {"b": str}})
        router = Router()

        @router.get("/one", response=first)
        def one(request: Any) -> Any:  # pragma: no cover - never called
            return None

        @router.get("/two", response=second)
        def two(request: Any) -> Any:  # pragma: no cover - never called
            return None

        clashing = SamsynNinjaAPI(urls_namespace="clash-test")
        clashing.add_router("/", router)
        with pytest.raises(SchemaNameClashError, match="ClashOut"):
            clashing.get_openapi_schema(path_prefix="/")


def _models_in(annotation: Any) -> list[Any]:
    found = [annotation]
    for argument in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(argument))
    return found


def _all_path_views() -> list[Any]:
    return [
        path_view
        for bound_router in api._get_bound_routers()
        for path_view in bound_router.path_operations.values()
    ]


class TestErrorResponses:
    @pytest.mark.parametrize(
        "path", ["/api/v1/referrals", "/api/v1/registrations"], ids=["referrals", "registrations"]
    )
    def test_warnings_are_optional_in_the_422_of_eligibility_checked_writes(
        self, path: str
    ) -> None:
        document = _document()
        name = _ref(document["paths"][path]["post"]["responses"][422])
        schema = document["components"]["schemas"][name]
        assert "warnings" in schema["properties"]
        assert "warnings" not in schema.get("required", [])
        assert set(schema["required"]) == {"detail", "errors"}

    def test_every_operation_documents_the_shared_errors(self) -> None:
        missing = []
        for method, path, operation in _operations():
            statuses = set(operation["responses"])
            expected = {400, 401, 422}
            if "{" in path:
                expected.add(404)
            if method != "GET":
                expected.add(403)
            if not expected <= statuses:
                missing.append(f"{method} {path}: {sorted(expected - statuses)}")
        assert missing == []

    def test_get_operations_document_400_and_422_with_the_error_bodies(self) -> None:
        for method, _path, operation in _operations():
            if method != "GET":
                continue
            assert _ref(operation["responses"][400]) == "ErrorOut"
            assert _ref(operation["responses"][422]) == "InvalidOut"
