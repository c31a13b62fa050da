"""Error answers in Swedish with the same shape everywhere.

    {"detail": "<what went wrong>", "errors": [{"field": "...", "message": "...", "code": "..."}]}

``errors`` is present for invalid input (422); ``code`` is pydantic's error type, stable for
programs, while ``message`` is for people.
"""

from __future__ import annotations

import logging
from typing import Any, get_args

from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic_core.core_schema import ErrorType

from samsyn.core.services.api_tokens import ApiTokenExpiredError
from samsyn.core.versioning import StaleEditError

_VALUE_ERROR_PREFIX = "Value error, "
_PYDANTIC_ERROR_TYPES = frozenset(get_args(ErrorType))


def _swedish_messages() -> dict[str, str]:
    # Built per call so the active language applies; keys are pydantic error types.
    return {
        "missing": _("Uppgiften saknas."),
        "int_parsing": _("Ange ett heltal."),
        "int_type": _("Ange ett heltal."),
        "int_from_float": _("Ange ett heltal."),
        "float_parsing": _("Ange ett tal."),
        "float_type": _("Ange ett tal."),
        "decimal_parsing": _("Ange ett tal."),
        "bool_parsing": _("Ange sant eller falskt."),
        "bool_type": _("Ange sant eller falskt."),
        "string_type": _("Ange en text."),
        "string_too_short": _("Texten är för kort."),
        "string_too_long": _("Texten är för lång."),
        "date_parsing": _("Ange ett datum som ÅÅÅÅ-MM-DD."),
        "date_from_datetime_parsing": _("Ange ett datum som ÅÅÅÅ-MM-DD."),
        "datetime_parsing": _("Ange en tidpunkt som ÅÅÅÅ-MM-DDTtt:mm."),
        "datetime_from_date_parsing": _("Ange en tidpunkt som ÅÅÅÅ-MM-DDTtt:mm."),
        "uuid_parsing": _("Ange ett giltigt id."),
        "greater_than": _("Värdet är för litet."),
        "greater_than_equal": _("Värdet är för litet."),
        "less_than": _("Värdet är för stort."),
        "less_than_equal": _("Värdet är för stort."),
        "enum": _("Välj ett av de tillåtna värdena."),
        "literal_error": _("Välj ett av de tillåtna värdena."),
        "json_invalid": _("Innehållet är inte giltig JSON."),
        "list_type": _("Ange en lista."),
        "dict_type": _("Ange ett objekt."),
        "model_type": _("Ange ett objekt."),
        "model_attributes_type": _("Ange ett objekt."),
        "int_parsing_size": _("Värdet är för stort."),
        "decimal_type": _("Ange ett tal."),
        "date_type": _("Ange ett datum som ÅÅÅÅ-MM-DD."),
        "date_from_datetime_inexact": _("Ange ett datum som ÅÅÅÅ-MM-DD."),
        "decimal_max_digits": _("Talet har för många siffror."),
        "decimal_max_places": _("Talet har för många decimaler."),
        "finite_number": _("Ange ett ändligt tal."),
        "string_pattern_mismatch": _("Värdet har fel form."),
        "extra_forbidden": _("Fältet är okänt."),
    }


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """``("query", "limit")`` -> ``limit``; ``("body", "payload", "name")`` -> ``name``."""
    parts = [str(part) for part in loc]
    if parts and parts[0] == "body" and len(parts) > 2:
        return ".".join(parts[2:])
    return ".".join(parts[1:])


def _message(error: dict[str, Any], messages: dict[str, str]) -> str:
    kind = str(error.get("type", ""))
    if kind == "value_error":
        # Our own validators raise ValueError with a Swedish message; pydantic prefixes it.
        return str(error.get("msg", "")).removeprefix(_VALUE_ERROR_PREFIX)
    if kind not in _PYDANTIC_ERROR_TYPES:
        # A PydanticCustomError of ours (e.g. ``personnummer_checksum``) carries its message.
        return str(error.get("msg", "")) or _("Ogiltigt värde.")
    return messages.get(kind, _("Ogiltigt värde."))


def validation_errors(raw_errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    messages = _swedish_messages()
    return [
        {
            "field": _field_name(error.get("loc", ())),
            "message": _message(error, messages),
            "code": str(error.get("type", "")),
        }
        for error in raw_errors
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return api.create_response(
            request,
            {"detail": _("Uppgifterna är inte giltiga."), "errors": validation_errors(exc.errors)},
            status=422,
        )

    @api.exception_handler(StaleEditError)
    def stale_edit(request: HttpRequest, exc: StaleEditError) -> HttpResponse:
        # Someone saved a newer version meanwhile: a conflict, not invalid input.
        return api.create_response(request, {"detail": " ".join(exc.messages)}, status=409)

    @api.exception_handler(ValidationError)
    def domain_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(message), "code": "invalid"}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "", "message": str(m), "code": "invalid"} for m in exc.messages]
        return api.create_response(
            request, {"detail": _("Uppgifterna är inte giltiga."), "errors": errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request, {"detail": _("Inloggning krävs: ange en giltig API-nyckel.")}, status=401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(ApiTokenExpiredError)
    def expired_token(request: HttpRequest, exc: ApiTokenExpiredError) -> HttpResponse:
        response = api.create_response(
            request,
            {
                "detail": _(
                    "API-nyckeln har gått ut. Förnya den under Mitt konto, eller skapa en ny."
                )
            },
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return api.create_response(
            request, {"detail": _http_error_detail(exc)}, status=exc.status_code
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Hittades inte.")}, status=404)

    @api.exception_handler(SuspiciousOperation)
    def unreadable_request(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        # E.g. a query string with too many fields: Django would answer 400 with an HTML
        # page. Logged to the same security logger Django uses, answered like every error.
        logging.getLogger(f"django.security.{exc.__class__.__name__}").error(str(exc))
        return api.create_response(request, {"detail": _("Anropet kunde inte läsas.")}, status=400)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        # Services raise PermissionDenied with a Swedish reason when existence is no secret.
        detail = str(exc) or _("Åtkomst nekad.")
        return api.create_response(request, {"detail": detail}, status=403)


def _http_error_detail(exc: HttpError) -> str:
    """ninja raises HttpError with English text (CSRF, unreadable body, throttling)."""
    if exc.status_code == 403 and "CSRF" in exc.message:
        return _("CSRF-kontrollen misslyckades. Ladda om sidan och försök igen.")
    by_status = {
        400: _("Anropets innehåll kunde inte läsas. Skicka giltig JSON."),
        403: _("Åtkomst nekad."),
        404: _("Hittades inte."),
        405: _("Metoden stöds inte."),
        429: _("För många anrop. Vänta en stund och försök igen."),
    }
    return by_status.get(exc.status_code, exc.message)
