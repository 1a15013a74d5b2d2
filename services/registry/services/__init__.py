"""Use cases of the registry service."""

from __future__ import annotations

from dataclasses import dataclass

from services.registry.services.access import Access
from services.registry.services.imports import ImportServices
from services.registry.services.organizations import OrganizationServices
from services.registry.services.public import PublicServices
from services.registry.services.tenants import TenantServices

__all__ = [
    "Access",
    "ImportServices",
    "OrganizationServices",
    "PublicServices",
    "RegistryServices",
    "TenantServices",
]


@dataclass(frozen=True)
class RegistryServices:
    """Every use case of the registry, built once at start-up."""

    organizations: OrganizationServices
    tenants: TenantServices
    public: PublicServices
    imports: ImportServices
