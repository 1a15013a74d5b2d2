"""Assemble the registry service."""

from __future__ import annotations

from fastapi import FastAPI

from services.registry.api.routes import router
from services.registry.repository import OrganizationRepository
from services.registry.services import RegistryServices
from services.registry.settings import RegistrySettings
from shared.contracts.registry import ORGANIZATION_TOPIC
from shared.http import create_service_app
from shared.runtime import Runtime, ServiceSpec

SPEC = ServiceSpec(produces=[ORGANIZATION_TOPIC], repositories=[OrganizationRepository])


def _wire(runtime: Runtime) -> RegistryServices:
    return RegistryServices(
        transactions=runtime.transactions,
        organizations=OrganizationRepository(runtime.database),
    )


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    """Build the registry app from settings (read from the environment by default)."""
    return create_service_app(
        settings or RegistrySettings(),
        SPEC,
        title="NGO registry",
        description="Tenants, organizations, local lists and the public NGO database.",
        routers=[router],
        wire=_wire,
    )
