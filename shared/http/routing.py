"""Routes whose domain errors name body fields the way request validation does."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from shared.errors import DomainError, FieldError

__all__ = ["BodyFieldsRoute"]

_PREFIXES = ("body.", "query.", "path.", "header.")


class BodyFieldsRoute(APIRoute):
    """Prefix `body.` to a domain error's field when the field came in the request body.

    The domain names fields bare (`offer_deadline`); request validation names them
    `body.offer_deadline`. One naming for the caller, whichever layer refused the input.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """Wrap the handler so that domain errors name the body fields they are about."""
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except DomainError as error:
                keys = await _body_keys(request)
                error.errors = [_named(item, keys) for item in error.errors]
                raise

        return route


async def _body_keys(request: Request) -> set[str]:
    json_body = "json" in request.headers.get("content-type", "")
    if request.method not in {"POST", "PUT", "PATCH"} or not json_body:
        return set()
    try:
        body: Any = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError, RuntimeError):  # RuntimeError: body was streamed
        return set()
    return set(body) if isinstance(body, dict) else set()


def _named(item: FieldError, keys: set[str]) -> FieldError:
    top = item.field.split(".")[0].split("[")[0]
    if item.field.startswith(_PREFIXES) or top not in keys:
        return item
    return replace(item, field=f"body.{item.field}")
