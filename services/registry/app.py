"""Assemble the registry service."""

from __future__ import annotations

from functools import partial

from fastapi import FastAPI

from services.registry.api import imports, organizations, public, tenants
from services.registry.bootstrap import SPEC, bootstrap
from services.registry.settings import RegistrySettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.http.app import create_service_app
from shared.search.http import rebuild_router


def create_app(settings: RegistrySettings | None = None, *, clock: Clock = SYSTEM_CLOCK) -> FastAPI:
    """Build the registry app from settings (read from the environment by default)."""
    settings = settings or RegistrySettings()
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
        bootstrap=partial(bootstrap, clock=clock),
        body_limits={"/imports": settings.import_max_body_bytes},
    )
