"""The OpenAPI document, made to say what the API really answers.

django-ninja builds the document from the routes, with two gaps this module closes:

* Schema components are named after the class. Two classes with the same name (say an
  indicator score and a fidelity score, both ``ScoreOut``) silently share one component, and
  one operation is then documented with the other's shape. Here a second, different
  definition under a name already taken is an error, so the clash cannot come back.
* Only the statuses a route declares are documented, but every route can also answer with
  the shared error handlers of ``samsyn/api/errors.py``: 401 without valid credentials, 422
  when a path or query parameter or the body is invalid, 400 when the body is not readable
  JSON or the query string is not readable, 404 when a path names nothing the caller may
  see, 403 when a browser write fails the CSRF check. Those are added where the route did
  not declare its own.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Schema
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.operation import Operation
from ninja.schema import NinjaGenerateJsonSchema

from samsyn.core.api.schemas import ErrorOut, InvalidOut


class SchemaNameClashError(Exception):
    """Two different schemas would be documented under one component name."""


class SamsynOpenAPISchema(OpenAPISchema):
    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                raise SchemaNameClashError(
                    f"Two different schemas are both named {name!r} in the OpenAPI document; "
                    "give one of the classes another name."
                )
        super().add_schema_definitions(definitions)

    def responses(self, operation: Operation) -> dict[int, Any]:
        result = super().responses(operation)
        for status, model in _implicit_errors(operation).items():
            if status not in result:
                schema = self._component_ref(model)
                result[status] = {
                    "description": _DESCRIPTIONS[status],
                    "content": {self.api.renderer.media_type: {"schema": schema}},
                }
        return dict(sorted(result.items()))

    def _component_ref(self, model: type[Schema]) -> dict[str, str]:
        """A ``$ref`` to ``model`` as a component, added (and clash-checked) like ninja's."""
        schema = model.model_json_schema(
            ref_template=REF_TEMPLATE,
            schema_generator=NinjaGenerateJsonSchema,
            mode="serialization",
        ).copy()
        definitions = schema.pop("$defs", {})
        definitions[model.__name__] = schema
        self.add_schema_definitions(definitions)
        return {"$ref": REF_TEMPLATE.format(model=model.__name__)}


_DESCRIPTIONS = {
    400: "Anropet kunde inte läsas (ogiltig JSON eller frågesträng).",
    401: "Inloggning krävs: ingen, okänd, återkallad eller utgången API-nyckel.",
    403: "Åtkomst nekad (till exempel misslyckad CSRF-kontroll vid inloggning med webbläsare).",
    404: "Hittades inte, eller ligger utanför det du får se.",
    422: "Uppgifterna är inte giltiga; errors anger fält och fel.",
}

_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _implicit_errors(operation: Operation) -> dict[int, type[Schema]]:
    """The error statuses the shared handlers can answer for this operation."""
    errors: dict[int, type[Schema]] = {400: ErrorOut, 422: InvalidOut}
    if operation.auth_callbacks:
        errors[401] = ErrorOut
    if "{" in operation.path:
        errors[404] = ErrorOut
    if _WRITE_METHODS & set(operation.methods):
        errors[403] = ErrorOut
    return errors


class SamsynNinjaAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return SamsynOpenAPISchema(api=self, path_prefix=path_prefix)
