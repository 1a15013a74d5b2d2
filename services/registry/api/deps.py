"""Dependencies of the registry API: the use cases the app built at start-up."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from services.registry.services import (
    ImportServices,
    OrganizationServices,
    PublicServices,
    RegistryServices,
    TenantServices,
)

__all__ = ["Imports", "Organizations", "Public", "Tenants"]


def _services(request: Request) -> RegistryServices:
    return cast(RegistryServices, request.app.state.services)


def _organizations(request: Request) -> OrganizationServices:
    return _services(request).organizations


def _tenants(request: Request) -> TenantServices:
    return _services(request).tenants


def _public(request: Request) -> PublicServices:
    return _services(request).public


def _imports(request: Request) -> ImportServices:
    return _services(request).imports


Organizations = Annotated[OrganizationServices, Depends(_organizations)]
Tenants = Annotated[TenantServices, Depends(_tenants)]
Public = Annotated[PublicServices, Depends(_public)]
Imports = Annotated[ImportServices, Depends(_imports)]
