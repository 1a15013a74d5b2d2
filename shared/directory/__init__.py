"""The registry's tenants and organizations as each consuming service keeps them, from events."""

from shared.directory.handlers import DIRECTORY_HANDLERS, TENANT_HANDLERS, Directory, HasDirectory
from shared.directory.stores import OrganizationStore, TenantStore
from shared.directory.views import KnownOrganization, KnownTenant

__all__ = [
    "DIRECTORY_HANDLERS",
    "TENANT_HANDLERS",
    "Directory",
    "HasDirectory",
    "KnownOrganization",
    "KnownTenant",
    "OrganizationStore",
    "TenantStore",
]
