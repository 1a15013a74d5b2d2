"""OpenAPI documents that list every problem+json answer an operation can give."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from shared.http.problems import PROBLEM_JSON

__all__ = ["PROBLEM_SCHEMA", "document_problems", "problem_statuses"]

_REF = "#/components/schemas/Problem"
_WRITES = {"post", "put", "patch", "delete"}
_SIZED = {"post", "put", "patch"}
# FastAPI's own 422 models; every 422 here is a Problem instead.
_FASTAPI_MODELS = ("HTTPValidationError", "ValidationError")

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "An error answer (RFC 9457), in Polish or, with Accept-Language: en, English.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "URN of the problem kind."},
        "title": {"type": "string", "description": "Short summary of the problem kind."},
        "status": {"type": "integer", "description": "HTTP status of the answer."},
        "detail": {"type": "string", "description": "What went wrong with this request."},
        "instance": {"type": "string", "description": "Path of the request."},
        "errors": {
            "type": "array",
            "description": "One entry per refused field.",
            "items": {"$ref": "#/components/schemas/ProblemField"},
        },
    },
}
_FIELD_SCHEMA: dict[str, Any] = {
    "title": "ProblemField",
    "description": "One refused input field.",
    "type": "object",
    "required": ["field", "code", "message"],
    "properties": {
        "field": {"type": "string", "description": "Dotted path, e.g. body.nip or path.id."},
        "code": {"type": "string", "description": "Machine-readable reason."},
        "message": {"type": "string", "description": "Reason for a person."},
    },
}
_DESCRIPTIONS = {
    400: "The body cannot be read (not text in its declared encoding).",
    401: "Missing, expired or untrusted access token.",
    403: "The caller lacks the role or the right for this action.",
    404: "No such object for this caller (also another tenant's object).",
    409: "Conflicts with the object's state, or a request with this Idempotency-Key runs.",
    413: "The request body is too large.",
    422: "Invalid input; `errors` names each field.",
    429: "Too many requests; retry after the time in Retry-After.",
}


def problem_statuses(
    method: str, operation: dict[str, Any], schemas: dict[str, Any] | None = None
) -> set[int]:
    """Return the problem statuses an operation can answer, from what it takes."""
    if "operations" in operation.get("tags", ()):
        return set()  # health probes take nothing and refuse nothing
    statuses = {429, 409} if method in _WRITES else {429}  # 409: the object's state
    statuses |= _caller_statuses(method, operation)
    return statuses | _input_statuses(method, operation, schemas or {})


def _caller_statuses(method: str, operation: dict[str, Any]) -> set[int]:
    """Return 401/403 for a token; for a write also Idempotency-Key in use or reused."""
    if not operation.get("security"):
        return set()
    return {401, 403, 409, 422} if method in _WRITES else {401, 403}


def _input_statuses(method: str, operation: dict[str, Any], schemas: dict[str, Any]) -> set[int]:
    """Return 404 for ids that may not exist, 422 for invalid input, 400/413 for a body."""
    statuses: set[int] = set()
    if method in _SIZED:
        statuses.add(413)  # the size limit refuses a body before it is read, declared or not
    parameters = operation.get("parameters", [])
    if parameters:
        statuses.add(422)
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if "requestBody" in operation:
        statuses |= {400, 413, 422}  # 400: a body that is not text in its encoding
        if _names_an_object(operation["requestBody"], schemas):
            statuses.add(404)
    return statuses


def _names_an_object(body: dict[str, Any], schemas: dict[str, Any]) -> bool:
    """Tell whether a JSON body has an `..._id` field: an object that may not exist."""
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    name = schema.get("$ref", "").rsplit("/", 1)[-1]
    properties = schemas.get(name, schema).get("properties", {})
    return any(key.endswith("_id") for key in properties)


def _problem_response(status: int) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": _DESCRIPTIONS[status],
        "content": {PROBLEM_JSON: {"schema": {"$ref": _REF}}},
    }
    if status == 401:
        answer["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}}}
    return answer


def _only_real_media(responses: dict[str, Any]) -> None:
    """Drop the schemaless JSON FastAPI adds beside a route's own media type (CSV, Atom)."""
    for answer in responses.values():
        content = answer.get("content", {})
        if len(content) > 1 and content.get("application/json") == {"schema": {}}:
            del content["application/json"]


def _document_operation(method: str, operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    _only_real_media(responses)
    for status in sorted(problem_statuses(method, operation, schemas)):
        answer = responses.get(str(status))
        if answer is None or _is_fastapi_validation(answer):
            responses[str(status)] = _problem_response(status)
    for status, answer in responses.items():
        if status.startswith("4"):  # a route's own `responses=` entry keeps its description
            answer["content"] = {PROBLEM_JSON: {"schema": {"$ref": _REF}}}


def _is_fastapi_validation(answer: dict[str, Any]) -> bool:
    schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
    return bool(schema.get("$ref", "").endswith("/HTTPValidationError"))


def _with_problems(document: dict[str, Any]) -> dict[str, Any]:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            _document_operation(method, operation, schemas)
    for name in _FASTAPI_MODELS:
        schemas.pop(name, None)
    schemas["Problem"] = PROBLEM_SCHEMA
    schemas["ProblemField"] = _FIELD_SCHEMA
    return document


def document_problems(app: FastAPI) -> None:
    """Make `app`'s OpenAPI document list the problem+json answers of every operation."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_problems(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
