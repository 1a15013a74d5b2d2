"""Assemble the registry service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from services.registry.api import imports, organizations, public, tenants
from services.registry.bootstrap import SPEC, Composition, bootstrap, running
from services.registry.services import RegistryServices
from services.registry.settings import RegistrySettings
from shared.http.app import create_service_app
from shared.runtime import Runtime
from shared.search.http import rebuild_router


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    """Build the registry app from settings (read from the environment by default)."""
    settings = settings or RegistrySettings()
    built: list[Composition] = []  # the one composition of this app, between wire and background

    def wire(runtime: Runtime) -> RegistryServices:
        built.append(bootstrap(runtime, settings))
        return built[-1].services

    @asynccontextmanager
    async def background(runtime: Runtime, services: RegistryServices) -> AsyncIterator[None]:
        async with running(built.pop()):
            yield

    return create_service_app(
        settings,
        SPEC,
        title="NGO registry",
        description=(
            "Tenants, organizations with KRS, NIP and REGON, local lists of municipalities "
            "and the public NGO database."
        ),
        routers=[
            organizations.router,
            tenants.router,
            public.router,
            imports.router,
            rebuild_router(),
        ],
        wire=wire,
        background=background,
        body_limits={"/imports": settings.import_max_body_bytes},
    )
