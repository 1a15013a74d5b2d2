"""FastAPI app factory: health, readiness, metrics, problem+json, ids, idempotency."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared.http.idempotency import IdempotencyMiddleware
from shared.http.middleware import RequestContextMiddleware
from shared.http.openapi import document_problems
from shared.http.problems import install_problem_handlers
from shared.logging import configure_logging
from shared.runtime import Runtime, ServiceSpec, start_runtime
from shared.settings import ServiceSettings

__all__ = ["create_service_app"]


def _ops_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is up")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="The store and the broker answer")
    async def readyz(request: Request) -> JSONResponse:
        checks = await request.app.state.runtime.ready()
        ready = all(checks.values())
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks},
            status_code=200 if ready else 503,
        )

    @router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router


def create_service_app(
    settings: ServiceSettings,
    spec: ServiceSpec,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    wire: Callable[[Runtime], Any],
    background: Callable[[Runtime, Any], AbstractAsyncContextManager[None]] | None = None,
) -> FastAPI:
    """Build a service's app; `wire` builds its use cases once the runtime is up.

    `background` runs the service's own start-up work and workers while the app serves.
    """
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with start_runtime(settings, spec) as runtime:
            app.state.runtime = runtime
            app.state.services = wire(runtime)
            if background is None:
                yield
                return
            async with background(runtime, app.state.services):
                yield

    app = FastAPI(title=title, description=description, version="1.0.0", lifespan=lifespan)
    app.state.settings = settings
    install_problem_handlers(app)
    document_problems(app)
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(RequestContextMiddleware)
    app.include_router(_ops_router())
    for router in routers:
        app.include_router(router)
    return app
