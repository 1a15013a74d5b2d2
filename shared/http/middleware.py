"""Pure ASGI middleware: correlation ids, structured access logs and Prometheus metrics."""

from __future__ import annotations

import time
from typing import Any

import structlog
from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.context import set_correlation_id
from shared.logging import get_logger

__all__ = ["RequestContextMiddleware"]

CORRELATION_HEADER = "x-correlation-id"
REQUESTS = Counter("http_requests_total", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram("http_request_seconds", "HTTP request latency", ["method", "route"])
log = get_logger("http.access")


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    return str(getattr(route, "path", "unmatched"))


class RequestContextMiddleware:
    """Give every request a correlation id, log it and count it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        incoming = headers.get(CORRELATION_HEADER.encode()) or headers.get(b"x-request-id")
        correlation_id = set_correlation_id(incoming.decode("latin-1")[:128] if incoming else None)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(correlation_id=correlation_id)
        started = time.perf_counter()
        status: dict[str, Any] = {"code": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (CORRELATION_HEADER.encode(), correlation_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_of(scope)
            if route not in {"/metrics", "/healthz", "/readyz"}:
                REQUESTS.labels(scope["method"], route, str(status["code"])).inc()
                LATENCY.labels(scope["method"], route).observe(elapsed)
                log.info(
                    "http.request.answered",
                    method=scope["method"],
                    path=scope["path"],
                    status=status["code"],
                    ms=round(elapsed * 1000, 2),
                )
