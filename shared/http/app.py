"""FastAPI app factory: health, readiness, metrics, problem+json, ids, limits, idempotency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest, start_http_server
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from shared.composition import Bootstrap, Composition, running
from shared.http.body_limit import BodySizeLimitMiddleware
from shared.http.idempotency import IdempotencyMiddleware, ensure_expiry
from shared.http.middleware import RequestContextMiddleware
from shared.http.openapi import document_problems
from shared.http.problems import install_problem_handlers
from shared.http.rate_limit import RateLimiter
from shared.logging import configure_logging
from shared.runtime import Effects, Runtime, ServiceSpec, start_runtime
from shared.settings import ServiceSettings
from shared.tracing import configure_tracing

__all__ = ["create_service_app", "metrics_listener"]


def _ops_router(settings: ServiceSettings) -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is up")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="The store and the broker answer",
        responses={
            503: {
                "description": "Not ready: the checks say which dependency is away.",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    async def readyz(request: Request) -> JSONResponse:
        checks = await request.app.state.runtime.ready()
        ready = all(checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    if settings.metrics_port == 0:  # else only the separate metrics listener serves them

        @router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
        async def metrics() -> Response:
            return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


@contextmanager
def metrics_listener(port: int, host: str) -> Iterator[None]:
    """Serve /metrics on its own port, which no public route or ingress reaches (0: none)."""
    if port == 0:
        yield
        return
    server, thread = start_http_server(port, addr=host)
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _add_middleware(
    app: FastAPI, settings: ServiceSettings, body_limits: Mapping[str, int]
) -> None:
    # Starlette runs the last added first: proxy headers, then ids and logs, then the body
    # limit, so that idempotency reads only a body within its limit.
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(
        BodySizeLimitMiddleware, limit=settings.http_max_body_bytes, per_path=body_limits
    )
    app.add_middleware(RequestContextMiddleware)
    if settings.http_trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.http_trusted_proxies)


def create_service_app(
    settings: ServiceSettings,
    spec: ServiceSpec,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    bootstrap: Bootstrap,
    body_limits: Mapping[str, int] | None = None,
) -> FastAPI:
    """Build a service's app; `bootstrap` builds its object graph once the runtime is up.

    The composition's services serve the routes, its handlers consume events and its startup
    steps, workers and jobs run while the app serves. `body_limits` raises the body size
    limit of some paths (an upload) above the default.
    """
    configure_logging(settings.log_level, settings.log_format)
    configure_tracing(settings.service_name, settings.otlp_endpoint)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        built: list[Composition[Any]] = []

        def handlers(runtime: Runtime[Any]) -> Effects:
            built.append(bootstrap(runtime))
            return built[0].handlers

        async with start_runtime(settings, spec, handlers=handlers) as runtime:
            await ensure_expiry(
                runtime.database, timedelta(seconds=settings.idempotency_ttl_seconds)
            )
            composition = built[0]
            app.state.runtime = runtime
            app.state.services = composition.services
            app.state.search_indexes = composition.search_indexes
            with metrics_listener(settings.metrics_port, settings.http_host):
                async with running(composition, runtime.database):
                    yield

    app = FastAPI(
        title=title,
        description=description,
        version="1.0.0",
        lifespan=lifespan,
        docs_url="/docs" if settings.http_docs else None,
        redoc_url="/redoc" if settings.http_docs else None,
    )
    app.state.settings = settings
    app.state.rate_limiter = RateLimiter(settings)
    install_problem_handlers(app)
    document_problems(app)
    _add_middleware(app, settings, body_limits or {})
    app.include_router(_ops_router(settings))
    for router in routers:
        app.include_router(router)
    return app
