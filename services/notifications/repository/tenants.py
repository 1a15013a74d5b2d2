"""The municipalities and centres known here, from the registry's tenant events."""

from __future__ import annotations

from shared.directory import TenantStore

__all__ = ["Tenants"]


class Tenants(TenantStore):
    """Tenants by id, in this service's `tenants` collection (as before the shared store)."""

    collection_name = "tenants"
