"""Assemble the portal: sessions, pages, static files, health and metrics."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from functools import partial
from pathlib import Path

import httpx
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from services.portal.adapters.backend import CLIENT_ADDRESS
from services.portal.api.deps import portal
from services.portal.api.errors import install_error_pages
from services.portal.api.pages import ROUTERS
from services.portal.api.web import SessionMiddleware
from services.portal.bootstrap import PortalComposition, bootstrap
from services.portal.settings import PortalSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.composition import running
from shared.http.app import metrics_listener
from shared.http.body_limit import BodySizeLimitMiddleware
from shared.logging import configure_logging, get_logger

__all__ = ["create_app"]

log = get_logger(__name__)
PAGES = Counter("portal_pages_total", "Pages served", ["status"])
_SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    (
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
)


class PageHeadersMiddleware:
    """Count every answer by status and give it the security headers (plain ASGI: cheap)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; amend the answer's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        CLIENT_ADDRESS.set(client[0] if client else None)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                PAGES.labels(str(message["status"])).inc()
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _ops(app: FastAPI, settings: PortalSettings) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        mongo = portal(request).mongo
        ready = False
        with contextlib.suppress(Exception):
            ready = (await asyncio.wait_for(mongo.admin.command("ping"), 2)).get("ok") == 1
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": {"mongodb": ready}},
            status_code=200 if ready else 503,
        )

    if settings.metrics_port == 0:

        @app.get("/metrics", include_in_schema=False)
        async def metrics() -> Response:
            return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def create_app(
    settings: PortalSettings | None = None,
    *,
    transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
    clock: Clock = SYSTEM_CLOCK,
    compose: Callable[[PortalSettings], PortalComposition] | None = None,
) -> FastAPI:
    """Build the portal; `transports` reach in-process backends, `compose` fakes (tests)."""
    settings = settings or PortalSettings()
    compose = compose or partial(bootstrap, transports=transports, clock=clock)
    configure_logging(settings.log_level, settings.log_format)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with running(compose(settings)) as state:
            app.state.portal = state
            log.info("service.started", service=settings.service_name)
            with metrics_listener(settings.metrics_port, settings.http_host):
                yield

    app = FastAPI(
        title="NGO platform portal",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings

    app.add_middleware(SessionMiddleware)
    app.add_middleware(PageHeadersMiddleware)
    # Starlette runs the last added first: the body limit before the session is loaded.
    app.add_middleware(BodySizeLimitMiddleware, limit=settings.http_max_body_bytes, per_path={})
    if settings.http_trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.http_trusted_proxies)
    install_error_pages(app)
    _ops(app, settings)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app
