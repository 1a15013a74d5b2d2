"""Dependencies of the registry API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, cast

from fastapi import Depends, Request

from services.registry.services import OrganizationServices, TenantServices
from services.registry.services.imports import ImportServices
from services.registry.services.public import PublicServices
from shared.search.projector import IndexFollower

__all__ = ["Organizations", "Public", "RegistryServices", "Tenants"]


@dataclass(frozen=True)
class RegistryServices:
    """Every use case of the registry, built once at start-up."""

    organizations: OrganizationServices
    tenants: TenantServices
    public: PublicServices
    imports: ImportServices
    search_indexes: tuple[IndexFollower[Any], ...] = ()


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
