"""RFC 9457 problem+json answers for domain errors, bad input and unexpected failures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.errors import DomainError, Text
from shared.logging import get_logger

__all__ = ["install_problem_handlers", "problem_response", "request_language"]

PROBLEM_JSON = "application/problem+json"
log = get_logger(__name__)

_VALIDATION_MESSAGES = {
    "missing": Text("Pole jest wymagane.", "Field required."),
    "string_too_short": Text("Wartość jest za krótka.", "Value is too short."),
    "string_too_long": Text("Wartość jest za długa.", "Value is too long."),
    "string_pattern_mismatch": Text("Wartość ma zły format.", "Value has the wrong format."),
    "extra_forbidden": Text("Nieznane pole.", "Unknown field."),
    "json_invalid": Text("Treść nie jest poprawnym JSON-em.", "Body is not valid JSON."),
    "enum": Text("Niedozwolona wartość.", "Value is not one of the allowed ones."),
    "literal_error": Text("Niedozwolona wartość.", "Value is not one of the allowed ones."),
    "control_characters": Text(
        "Wartość zawiera znak sterujący.", "Value contains a control character."
    ),
    "decimal_parsing": Text("Wpisz liczbę, np. 1500,50.", "Enter a number, e.g. 1500.50."),
    "decimal_max_places": Text("Za dużo cyfr po przecinku.", "Too many decimal places."),
    "decimal_max_digits": Text("Liczba ma za dużo cyfr.", "The number has too many digits."),
    "greater_than_equal": Text("Wartość jest za mała.", "Value is too small."),
    "less_than_equal": Text("Wartość jest za duża.", "Value is too large."),
    "date_parsing": Text("Wpisz datę, np. 2027-01-15.", "Enter a date, e.g. 2027-01-15."),
    "date_from_datetime_parsing": Text(
        "Wpisz datę, np. 2027-01-15.", "Enter a date, e.g. 2027-01-15."
    ),
}
_HTTP_TITLES = {
    400: Text("Nieprawidłowe żądanie", "Bad request"),
    401: Text("Brak uwierzytelnienia", "Unauthorized"),
    403: Text("Brak uprawnień", "Forbidden"),
    404: Text("Nie znaleziono", "Not found"),
    405: Text("Niedozwolona metoda", "Method not allowed"),
    413: Text("Za duża treść żądania", "Request body too large"),
}


def request_language(request: Request) -> str:
    """Return "en" if the caller prefers English over Polish, else "pl"."""
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("pl"):
            return "pl"
        if tag.startswith("en"):
            return "en"
    return "pl"


def problem_response(
    request: Request,
    *,
    status: int,
    code: str,
    title: Text,
    detail: Text,
    errors: Sequence[dict[str, Any]] = (),
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build one problem+json response in the caller's language."""
    language = request_language(request)
    body: dict[str, Any] = {
        "type": f"urn:ngo-platform:problem:{code}",
        "title": title.in_language(language),
        "status": status,
        "detail": detail.in_language(language),
        "instance": request.url.path,
        **(extra or {}),
    }
    if errors:
        body["errors"] = list(errors)
    headers = {**(headers or {}), **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_path(location: Sequence[Any]) -> str:
    return ".".join(str(part) for part in location)


async def _domain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    language = request_language(request)
    errors = [
        {"field": e.field, "code": e.code, "message": e.message.in_language(language)}
        for e in error.errors
    ]
    return problem_response(
        request,
        status=error.status,
        code=error.code,
        title=error.title,
        detail=error.detail,
        errors=errors,
        extra=error.extra,
        headers=_headers_of(error),
    )


def _headers_of(error: DomainError) -> dict[str, str] | None:
    """Return the headers an error adds to its answer (a 429's Retry-After)."""
    headers = getattr(error, "headers", None)
    return dict(headers()) if callable(headers) else None


async def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    language = request_language(request)
    errors = []
    for item in error.errors():
        text = _VALIDATION_MESSAGES.get(item["type"], Text(item["msg"], item["msg"]))
        errors.append(
            {
                "field": _field_path(item["loc"]),
                "code": item["type"],
                "message": text.in_language(language) if language == "pl" else item["msg"],
            }
        )
    fields = ", ".join(e["field"] for e in errors)
    return problem_response(
        request,
        status=422,
        code="invalid-input",
        title=Text("Nieprawidłowe dane", "Invalid input"),
        detail=Text(f"Popraw pola: {fields}.", f"Fix the fields: {fields}."),
        errors=errors,
    )


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    title = _HTTP_TITLES.get(error.status_code, Text("Błąd żądania", "Request error"))
    detail = str(error.detail)
    return problem_response(
        request,
        status=error.status_code,
        code=f"http-{error.status_code}",
        title=title,
        # Starlette's own details are English; Polish callers get the status's Polish title.
        detail=Text(f"{title.pl}.", detail),
    )


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    log.exception("http.request.failed", path=request.url.path)
    return problem_response(
        request,
        status=500,
        code="internal",
        title=Text("Błąd serwera", "Internal error"),
        detail=Text("Nieoczekiwany błąd; spróbuj ponownie.", "Unexpected error; try again."),
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error as problem+json."""
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
