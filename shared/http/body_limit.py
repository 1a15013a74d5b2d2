"""Pure ASGI middleware: refuse a request body over its size limit before it is read whole."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import Text
from shared.http.problems import problem_response, request_language

__all__ = ["BodySizeLimitMiddleware"]


class _TooLarge(Exception):
    """The body grew past its limit while it arrived."""


class BodySizeLimitMiddleware:
    """Answer 413 to a body over the limit: by Content-Length, or counted as it streams in."""

    def __init__(self, app: ASGIApp, *, limit: int, per_path: Mapping[str, int]) -> None:
        self.app = app
        self.limit = limit
        self.per_path = dict(per_path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.limit)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _answer_too_large(scope, send, limit)
            return
        received = 0
        exceeded = started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                exceeded = True
                raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:  # the app's own answer to the cut body gives way to the 413
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await _answer_too_large(scope, send, limit)


async def _answer_too_large(scope: Scope, send: Send, limit: int) -> None:
    request = Request(scope)
    field = Text(f"Najwyżej {limit} bajtów.", f"At most {limit} bytes.")
    response = problem_response(
        request,
        status=413,
        code="body-too-large",
        title=Text("Za duża treść żądania", "Request body too large"),
        detail=Text(
            f"Treść żądania przekracza {limit} bajtów.", f"The body exceeds {limit} bytes."
        ),
        errors=[
            {
                "field": "body",
                "code": "too_large",
                "message": field.in_language(request_language(request)),
            }
        ],
    )
    await response(scope, _disconnected, send)


async def _disconnected() -> Message:
    return {"type": "http.disconnect"}
