"""Grants' read model of the registry: the shared directory stores, in grants' collections."""

from __future__ import annotations

from shared.directory.stores import OrganizationStore, TenantStore

__all__ = ["ApplicantDirectory", "TenantDirectory"]


class ApplicantDirectory(OrganizationStore):
    """Organizations that may apply, by id, each under its home tenant."""

    collection_name = "applicants"


class TenantDirectory(TenantStore):
    """Tenants and support centres' member municipalities."""

    collection_name = "tenants"
