"""What consultations knows of the registry's tenants and organizations, in its own collections."""

from __future__ import annotations

from shared.directory import OrganizationStore, TenantStore

__all__ = ["OrganizationNames", "TenantDirectory"]


class TenantDirectory(TenantStore):
    """Tenants by id, each its own tenant-scoped record (kept from registry events)."""

    collection_name = "tenant_directory"
    # The service never lists tenants by kind: its collection keeps the indexes it had (none).
    indexes = ()


class OrganizationNames(OrganizationStore):
    """Organizations (their public names) under their home tenant, kept from registry events."""

    collection_name = "organization_names"
